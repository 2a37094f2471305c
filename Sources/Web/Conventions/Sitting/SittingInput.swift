import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The sittings' forms, read and checked: a session, a proposal with how it is voted, a ballot, a minority position.
enum SittingInput {
    static let maximumTitleLength = 300
    static let maximumTextLength = 20_000
    static let maximumNameLength = 200

    /// The adoption thresholds the secretariat chooses from for a yes / no vote, by name.
    static let thresholds: [(key: String, rule: ThresholdVote.Rule)] = [
        ("simple", .simpleMajority),
        ("absolute", ThresholdVote.Rule(numerator: 1, denominator: 2, strictlyMore: true, abstentionsInBase: true)),
        ("three_fifths", ThresholdVote.Rule(numerator: 3, denominator: 5, strictlyMore: false, abstentionsInBase: true)),
        ("two_thirds", .twoThirds),
    ]

    static func text(_ form: Form, _ name: String, limit: Int, key: String) throws -> String {
        guard let value = form.text(name), value.count <= limit else { throw ValidationFailure(field: name, key: key) }
        return value
    }

    /// An optional text: nil when blank.
    static func optionalText(_ form: Form, _ name: String, limit: Int, key: String) throws -> String? {
        guard let value = form.text(name) else { return nil }
        guard value.count <= limit else { throw ValidationFailure(field: name, key: key) }
        return value
    }

    static func session(_ form: Form, zone: TimeZone) throws -> SessionDraft {
        let title = try text(form, "title", limit: maximumTitleLength, key: "convention_session_error_title")
        guard let starts = WorkActionRoutes.date(form.text("starts_at"), in: zone) else {
            throw ValidationFailure(field: "starts_at", key: "convention_session_error_dates")
        }
        guard let ends = WorkActionRoutes.date(form.text("ends_at"), in: zone), ends > starts, ends - starts <= 31 * 86_400 else {
            throw ValidationFailure(field: "ends_at", key: "convention_session_error_dates")
        }
        let place = try text(form, "place", limit: maximumTitleLength, key: "convention_session_error_place")
        let programme = try optionalText(form, "programme", limit: maximumTextLength, key: "convention_error_text_length") ?? ""
        return SessionDraft(title: title, startsAt: starts, endsAt: ends, place: place, programme: programme)
    }

    static func proposal(_ form: Form) throws -> (sessionID: Int64, draft: ProposalDraft) {
        guard let session = form.text("session").flatMap({ Int64($0) }) else {
            throw ValidationFailure(field: "session", key: "convention_proposal_error_session")
        }
        let title = try text(form, "title", limit: maximumTitleLength, key: "convention_proposal_error_title")
        let body = try text(form, "body", limit: maximumTextLength, key: "convention_proposal_error_body")
        let draftedBy = try text(form, "drafted_by", limit: maximumNameLength, key: "convention_proposal_error_drafted_by")
        let method: ProposalMethod
        switch form.text("method") {
        case "yes_no":
            guard let rule = thresholds.first(where: { $0.key == form.text("threshold") })?.rule else {
                throw ValidationFailure(field: "threshold", key: "convention_proposal_error_threshold")
            }
            method = .yesNo(rule)
        case "majority_judgment":
            guard let grade = form.text("adoption_grade").flatMap({ Int($0) }), GradeScale.grades.indices.contains(grade) else {
                throw ValidationFailure(field: "adoption_grade", key: "convention_proposal_error_threshold")
            }
            method = .majorityJudgment(adoptionGrade: grade)
        default:
            throw ValidationFailure(field: "method", key: "convention_proposal_error_method")
        }
        return (session, ProposalDraft(title: title, body: body, draftedBy: draftedBy, method: stored(method)))
    }

    /// A ballot as the method of the vote takes it.
    static func ballot(_ form: Form, method: ProposalMethod) throws -> ProposalBallot {
        switch method {
        case .yesNo:
            guard let choice = form.text("choice").flatMap(ThresholdVote.Choice.init(rawValue:)) else {
                throw PageError(.unprocessableContent, "convention_ballot_error_choice")
            }
            return .choice(choice)
        case .majorityJudgment:
            guard let grade = form.text("grade").flatMap({ Int($0) }), GradeScale.grades.indices.contains(grade) else {
                throw PageError(.unprocessableContent, "convention_ballot_error_grade")
            }
            return .grade(grade)
        }
    }

    // MARK: - Between the rules and the columns

    static func stored(_ method: ProposalMethod) -> StoredVoteMethod {
        switch method {
        case .yesNo(let rule):
            StoredVoteMethod(method: "yes_no", ruleNumerator: rule.numerator, ruleDenominator: rule.denominator, ruleStrictlyMore: rule.strictlyMore,
                             ruleAbstentionsInBase: rule.abstentionsInBase)
        case .majorityJudgment(let grade):
            StoredVoteMethod(method: "majority_judgment", adoptionGrade: grade)
        }
    }

    /// The method of a stored proposal as the rules read it (nil for a row no version of the product writes).
    static func method(_ stored: StoredVoteMethod) -> ProposalMethod? {
        let method: ProposalMethod
        switch stored.method {
        case "yes_no":
            guard let n = stored.ruleNumerator, let d = stored.ruleDenominator, let strict = stored.ruleStrictlyMore,
                  let base = stored.ruleAbstentionsInBase else { return nil }
            method = .yesNo(ThresholdVote.Rule(numerator: n, denominator: d, strictlyMore: strict, abstentionsInBase: base))
        case "majority_judgment":
            guard let grade = stored.adoptionGrade else { return nil }
            method = .majorityJudgment(adoptionGrade: grade)
        default:
            return nil
        }
        return method.isValid ? method : nil
    }

    static func stored(_ ballot: ProposalBallot) -> StoredBallot {
        switch ballot {
        case .choice(let choice): StoredBallot(choice: choice.rawValue, grade: nil)
        case .grade(let grade): StoredBallot(choice: nil, grade: grade)
        }
    }

    static func ballot(_ stored: StoredBallot) -> ProposalBallot? {
        if let grade = stored.grade { return .grade(grade) }
        return stored.choice.flatMap(ThresholdVote.Choice.init(rawValue:)).map { .choice($0) }
    }

    /// The outcome of a proposal's ballots with `members` seated.
    static func outcome(_ ballots: [StoredBallot], members: Int, method: ProposalMethod) -> ProposalOutcome {
        ProposalOutcome.count(ballots.compactMap(ballot), members: members, method: method)
    }
}
