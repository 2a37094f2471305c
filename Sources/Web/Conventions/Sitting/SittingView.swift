import CouncilWork
import Conventions
import Foundation
import HemicycleDomain
import Storage

/// Builds the sittings' page models in the reader's language: forms, how a proposal is voted, a closed vote's result.
struct SittingView {
    let pages: Pages
    let gate: ConventionGate
    let context: AppContext
    let format: Formatting

    init(pages: Pages, gate: ConventionGate, context: AppContext) {
        self.pages = pages
        self.gate = gate
        self.context = context
        format = Formatting(language: context.language, council: gate.council)
    }

    var slug: String { gate.council.slug }
    var id: Int64 { gate.record.id }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }

    func row(_ key: String, _ value: String) -> ProposalResult.Row { ProposalResult.Row(label: text(key), value: value) }

    func date(_ seconds: Double) -> String { format.dateTime(Date(timeIntervalSince1970: seconds)) }

    var title: LocalizedView { pages.localized(gate.record.title, context.language, councilDefault: gate.council.language) }

    // MARK: - Forms

    func sessionForm(action: String, prefix: String, values: [String: String], error: String?, submit: String) -> SessionForm {
        SessionForm(action: action, idPrefix: prefix, values: values, error: error, submitLabel: text(submit))
    }

    func values(of session: ConventionSessionRecord) -> [String: String] {
        ["title": session.title, "starts_at": WorkPageModel.inputDate(session.startsAt, in: gate.council.zone),
         "ends_at": WorkPageModel.inputDate(session.endsAt, in: gate.council.zone), "place": session.place, "programme": session.programme]
    }

    func values(of proposal: ProposalRecord) -> [String: String] {
        var values = ["title": proposal.title, "body": proposal.body, "drafted_by": proposal.draftedBy, "session": "\(proposal.sessionId)",
                      "method": proposal.method]
        switch SittingInput.method(proposal.storedMethod) {
        case .yesNo(let rule)?: values["threshold"] = SittingInput.thresholds.first { $0.rule == rule }?.key ?? ""
        case .majorityJudgment(let grade)?: values["adoption_grade"] = "\(grade)"
        case nil: break
        }
        return values
    }

    func proposalForm(action: String, prefix: String, values: [String: String], sessions: [ConventionSessionRecord], error: String?,
                      submit: String, groups: [WorkingGroupRecord] = []) -> ProposalForm {
        ProposalForm(
            action: action, idPrefix: prefix, values: values,
            sessions: sessions.map { SelectOption(value: "\($0.id)", label: sessionHeading($0), selected: values["session"] == "\($0.id)") },
            methods: ["yes_no", "majority_judgment"].map {
                SelectOption(value: $0, label: text("convention_method_\($0)"), selected: (values["method"] ?? "yes_no") == $0)
            },
            thresholds: SittingInput.thresholds.map {
                SelectOption(value: $0.key, label: text("convention_threshold_\($0.key)"), selected: (values["threshold"] ?? "simple") == $0.key)
            },
            grades: GradeScale.grades.indices.map {
                SelectOption(value: "\($0)", label: text("convention_grade_or_better", ["grade": grade($0)]),
                             selected: (values["adoption_grade"] ?? "3") == "\($0)")
            },
            groupNames: groups.map(\.name), error: error, submitLabel: text(submit))
    }

    // MARK: - Sessions and proposals

    func sessionHeading(_ session: ConventionSessionRecord) -> String {
        text("convention_session_heading", ["number": format.number(session.number), "title": session.title])
    }

    func proposalHeading(_ proposal: ProposalRecord) -> String {
        text("convention_proposal_heading", ["number": format.number(proposal.number), "title": proposal.title])
    }

    func grade(_ index: Int) -> String { text("convention_grade_\(GradeScale.grades[index])") }

    /// How the proposal is voted, in a sentence.
    func methodText(_ method: ProposalMethod?) -> String {
        switch method {
        case .yesNo(let rule)?:
            if let key = SittingInput.thresholds.first(where: { $0.rule == rule })?.key { return text("convention_threshold_\(key)") }
            return text("convention_threshold_fraction", ["fraction": "\(format.number(rule.numerator))/\(format.number(rule.denominator))"])
        case .majorityJudgment(let adoptionGrade)?:
            return text("convention_method_mj_threshold", ["grade": grade(adoptionGrade)])
        case nil:
            return ""
        }
    }

    func facts(_ proposal: ProposalRecord, session: ConventionSessionRecord?) -> [ProposalResult.Row] {
        var facts = [row("convention_proposal_drafted_by", proposal.draftedBy)]
        if let session { facts.append(row("convention_proposal_session", sessionHeading(session))) }
        facts.append(row("convention_proposal_method", methodText(SittingInput.method(proposal.storedMethod))))
        if proposal.revision > 1 { facts.append(row("convention_proposal_revision", format.number(proposal.revision))) }
        if let opened = proposal.openedAt { facts.append(row("convention_proposal_opened_at", date(opened))) }
        if let closed = proposal.closedAt { facts.append(row("convention_proposal_closed_at", date(closed))) }
        return facts
    }

    func statusText(_ proposal: ProposalRecord) -> String {
        if proposal.status == "closed" { return text(proposal.adopted == true ? "convention_proposal_adopted" : "convention_proposal_rejected") }
        return text("convention_proposal_status_\(proposal.status)")
    }

    // MARK: - Results

    /// A closed vote's result, counted against the members seated when it closed.
    func result(_ proposal: ProposalRecord, ballots: [StoredBallot]) -> ProposalResult? {
        guard proposal.status == "closed", let method = SittingInput.method(proposal.storedMethod) else { return nil }
        let members = proposal.membersAtClose ?? 0
        let chartID = "proposal-\(proposal.number)-chart"
        switch SittingInput.outcome(ballots, members: members, method: method) {
        case .yesNo(let result):
            var counts = VoteCounts()
            counts.pour = result.yes
            counts.contre = result.no
            counts.abstention = result.abstain
            counts.notTakingPart = result.notVoting
            let sentence = text(result.adopted ? "convention_result_yes_no_adopted" : "convention_result_yes_no_rejected",
                                ["yes": format.number(result.yes), "base": format.number(result.base), "required": format.number(result.required)])
            let chart = VoteChart.svg(rows: [VoteChart.Row(label: text("convention_result_chart_row"), counts: counts)],
                                      title: text("convention_result_chart_title", ["title": proposal.title]),
                                      legend: ["convention_ballot_yes", "convention_ballot_no", "convention_ballot_abstain", "convention_ballot_not_voting"]
                                          .map { text($0) },
                                      id: chartID)
            return ProposalResult(sentence: sentence, adopted: result.adopted, chart: chart, rows: [
                row("convention_ballot_yes", format.number(result.yes)), row("convention_ballot_no", format.number(result.no)),
                row("convention_ballot_abstain", format.number(result.abstain)),
                row("convention_ballot_not_voting", format.number(result.notVoting)),
                row("convention_result_required", format.number(result.required)),
            ])
        case .majorityJudgment(let tally, let voted, let majorityGrade, let adopted):
            guard case .majorityJudgment(let adoptionGrade) = method else { return nil }
            let required = grade(adoptionGrade)
            let sentence = majorityGrade.map {
                text(adopted ? "convention_result_mj_adopted" : "convention_result_mj_rejected", ["grade": grade($0), "required": required])
            } ?? text("convention_result_mj_no_votes")
            let names = GradeScale.grades.indices.map(grade)
            let chart = MeritProfileChart.svg(counts: tally.counts, names: names, majorityGrade: majorityGrade,
                                              title: text("convention_result_chart_title", ["title": proposal.title]), id: chartID)
            var rows = names.enumerated().map { index, name in
                ProposalResult.Row(label: name, value: text("convention_result_share", [
                    "count": format.number(tally.counts[index]),
                    "share": format.percent(tally.voters > 0 ? Double(tally.counts[index]) / Double(tally.voters) : 0)]))
            }
            rows.append(row("convention_result_mj_not_voting", format.number(max(0, members - voted))))
            if let gauge = tally.gauge, let majorityGrade {
                rows.append(row("convention_result_mj_gauge", text(gauge.better > gauge.worse ? "convention_result_mj_plus" : "convention_result_mj_minus", [
                    "grade": grade(majorityGrade), "better": format.percent(gauge.better), "worse": format.percent(gauge.worse)])))
            }
            return ProposalResult(sentence: sentence, adopted: adopted, chart: chart, rows: rows)
        }
    }

    func minority(_ proposal: ProposalRecord) -> ProposalPage.Minority? {
        proposal.minorityPosition.map { ProposalPage.Minority(heldBy: proposal.minorityHeldBy, position: $0) }
    }
}
