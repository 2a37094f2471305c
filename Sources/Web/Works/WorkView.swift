import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// Builds the view model of a work item's page from its dossier.
struct WorkView {
    let pages: Pages
    let dossier: WorkDossier
    let context: AppContext
    /// Made once per page: it reads the council's time zone, which a page's every number and date would parse again.
    let format: Formatting

    init(pages: Pages, dossier: WorkDossier, context: AppContext) {
        self.pages = pages
        self.dossier = dossier
        self.context = context
        format = Formatting(language: context.language, council: dossier.council)
    }

    var language: Language { context.language }
    var council: Council { dossier.council }
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }
    func date(_ seconds: Double) -> String { format.dateTime(Date(timeIntervalSince1970: seconds)) }
    func person(_ id: Int64?) -> String { id.flatMap { dossier.people[$0]?.displayName } ?? t("person_unknown") }
    var slug: String { council.slug }
    var workID: Int64 { dossier.work.id }

    /// The work's forms, each to its declared path.
    var links: WorkPageForms.Links {
        WorkPageForms.Links(
            amendments: WorkPaths.amendments.url(slug, workID), ballots: WorkPaths.ballots.url(slug, workID),
            demandPlenary: WorkPaths.demandPlenary.url(slug, workID), move: WorkPaths.move.url(slug, workID),
            rapporteurs: WorkPaths.rapporteurs.url(slug, workID), versions: WorkPaths.versions.url(slug, workID),
            amendmentDeadline: WorkPaths.amendmentDeadline.url(slug, workID), consolidate: WorkPaths.consolidate.url(slug, workID),
            hearings: WorkPaths.hearings.url(slug, workID), contributions: WorkPaths.contributions.url(slug, workID),
            declarations: WorkPaths.declarations.url(slug, workID), dissents: WorkPaths.dissents.url(slug, workID))
    }

    func summary() -> WorkPage.Summary {
        let work = dossier.work
        let summaryText = pages.localized(work.summary, language, councilDefault: council.language)
        return WorkPage.Summary(
            id: work.id, url: WorkPaths.item.url(slug, workID),
            title: pages.localized(work.title, language, councilDefault: council.language),
            kind: t("work_kind_\(dossier.kind.rawValue)"), status: t("work_status_\(dossier.status.rawValue)"),
            statusCode: dossier.status.rawValue, referral: t("referral_\(work.referralSource)"),
            procedure: t("procedure_\(dossier.procedure.rawValue)"), created: date(work.createdAt),
            reference: work.referralReference, petitionURL: work.petitionUrl,
            deadline: work.deadline.map(date), late: work.deadline.map { $0 < dossier.state.now && !dossier.status.isPublic } ?? false,
            amendmentDeadline: work.amendmentDeadline.map(date),
            plenaryDemandDeadline: dossier.procedure == .simplified ? work.plenaryDemandDeadline.map(date) : nil,
            commission: dossier.commission.map { pages.localized($0.name, language, councilDefault: council.language) },
            commissionURL: dossier.commission.map { CouncilPaths.commission.url(council.slug, $0.id) },
            summary: summaryText.text.isEmpty ? nil : summaryText)
    }

    func timeline() -> [WorkPage.TimelineRow] {
        func row(_ label: String, at: Double, note: String? = nil, by: String? = nil, milestone: Bool = true, deadline: Bool = false) -> WorkPage.TimelineRow {
            WorkPage.TimelineRow(label: label, date: date(at), note: note, by: by, milestone: milestone, deadline: deadline, sort: at)
        }
        let byAccount = Dictionary(dossier.people.values.map { ($0.accountId, $0.displayName) },
                                   uniquingKeysWith: { first, _ in first })
        var rows = dossier.events.map { event in
            row(t("work_status_\(event.status)"), at: event.at, note: event.note.flatMap { $0.isEmpty ? nil : $0 },
                by: event.accountId.flatMap { byAccount[$0] }, milestone: false)
        }
        for hearing in dossier.hearings {
            rows.append(row(t("timeline_hearing", ["person": hearing.person]), at: hearing.heldAt))
        }
        for version in dossier.versions {
            rows.append(row(t("timeline_version", ["number": format.number(version.record.number)]), at: version.record.createdAt))
        }
        for ballot in dossier.ballots where !ballot.isOpen {
            let label = t("ballot_title_result", ["title": ballotTitle(ballot),
                                                  "result": t(ballot.record.adopted == true ? "ballot_adopted" : "ballot_rejected")])
            rows.append(WorkPage.TimelineRow(label: label, date: date(ballot.record.closedAt ?? ballot.record.openedAt), note: nil, by: nil,
                                             milestone: true, deadline: false, sort: ballot.record.closedAt ?? 0))
        }
        if let deadline = dossier.work.deadline {
            rows.append(row(t("timeline_deadline"), at: deadline, milestone: false, deadline: true))
        }
        return rows.sorted { $0.sort < $1.sort }
    }

    /// The text of a version, block by block, with recommendation and paragraph numbers, and the dissent recorded on
    /// each block shown in place.
    func text(_ version: WorkDossier.Version) -> [WorkPage.Block] {
        let recommendations = version.text.recommendationNumbers, paragraphs = version.text.paragraphNumbers
        let dissents = Dictionary(grouping: dossier.dissents, by: \.blockId)
        return version.text.blocks.map { block in
            WorkPage.Block(
                id: block.id, text: block.text, isPart: block.kind == .part, isChapter: block.kind == .chapter,
                isRecommendation: block.kind == .recommendation, isParagraph: block.kind == .paragraph,
                recommendation: recommendations[block.id].map { t("recommendation_number", ["number": format.number($0)]) },
                number: paragraphs[block.id].map { format.number($0) },
                dissents: (dissents[block.id] ?? []).map { WorkPage.Dissent(holder: $0.holder, body: $0.body) })
        }
    }

    /// The amendments of every version that has some, newest version first.
    func amendmentSets() -> [WorkPage.AmendmentSet] {
        dossier.versions.reversed().compactMap { version in
            guard dossier.amendments.contains(where: { $0.versionId == version.record.id }) else { return nil }
            return amendments(version)
        }
    }

    func amendments(_ version: WorkDossier.Version) -> WorkPage.AmendmentSet? {
        guard let list = dossier.amendmentList(versionID: version.record.id) else { return nil }
        let paragraphs = version.text.paragraphNumbers
        let conflicting = list.conflicting
        var groupOf: [Int: Int] = [:]
        for (index, group) in list.conflictGroups.enumerated() { for amendment in group { groupOf[amendment.id] = index + 1 } }
        let records = Dictionary(uniqueKeysWithValues: dossier.amendments.map { (Int($0.id), $0) })
        let order = list.votingOrder.map(\.id)
        let isCurrent = version.record.id == dossier.current?.record.id
        let body: BallotBody = dossier.status == .inPreparation ? .commission : .plenary
        let rows: [WorkPage.Amendment] = list.sortedByPosition.compactMap { amendment in
            guard let record = records[amendment.id] else { return nil }
            let decidable = amendment.status.isOpen && isCurrent
            let isAuthor = record.authorMembershipId != nil && record.authorMembershipId == dossier.membership?.id
            let invited = dossier.membership.map { (dossier.invitedCosignatories[record.id] ?? []).contains($0.id) } ?? false
            let mayCosign = decidable && dossier.may(.cosign(isInvited: invited))
            let cosigners = (dossier.cosignatories[record.id] ?? []).map { person($0) }
            return WorkPage.Amendment(
                id: record.id, number: format.number(amendment.number),
                heading: t("amendment_heading", ["number": format.number(amendment.number)]),
                operation: t("amendment_op_\(amendment.operation.rawValue)"),
                target: version.text.block(amendment.anchor).map { block in
                    block.kind == .part || block.kind == .chapter ? block.text : t("paragraph_number", ["number": format.number(paragraphs[block.id] ?? 0)])
                } ?? "",
                anchor: amendment.anchor,
                status: t("amendment_status_\(amendment.status.rawValue)"), statusCode: amendment.status.rawValue,
                justification: record.justification,
                tabledBy: record.groupId.map { t("amendment_tabled_by_group", ["author": person(record.authorMembershipId),
                                                                               "group": dossier.groupName($0, language: language)]) }
                    ?? t("amendment_tabled_by", ["author": person(record.authorMembershipId)]),
                open: amendment.status.isOpen,
                passage: amendment.operation != .insert ? amendment.passage(in: version.text) : nil,
                newText: amendment.text.isEmpty ? nil : amendment.text,
                cosignedBy: cosigners.isEmpty ? nil : t("amendment_cosigned_by", ["names": format.list(cosigners)]),
                opinion: record.opinion.map { t("opinion_\($0)") },
                conflict: conflicting.contains(amendment.id) ? groupOf[amendment.id].map { t("amendment_conflict", ["group": format.number($0)]) } : nil,
                votingRank: order.firstIndex(of: amendment.id).map { t("amendment_voting_rank_of", ["rank": format.number($0 + 1)]) },
                decideURL: decidable ? WorkPaths.amendment.url(slug, workID, record.id) : nil,
                mayWithdraw: decidable && dossier.may(.withdrawAmendment(isAuthor: isAuthor)),
                mayJudge: decidable && dossier.may(.ruleInadmissible),
                mayGiveOpinion: decidable && dossier.may(.giveOpinion),
                mayOpenBallot: decidable && dossier.may(.openBallot(body: body))
                    && !dossier.ballots.contains { $0.isOpen && $0.record.amendmentId == record.id },
                ballotBody: decidable ? body.rawValue : nil,
                mayCosign: mayCosign, cosignURL: mayCosign ? WorkPaths.cosign.url(slug, workID, record.id) : nil)
        }
        return WorkPage.AmendmentSet(version: t("amendments_to_version", ["number": format.number(version.record.number)]),
                                     rows: rows, hasRows: !rows.isEmpty, hasConflicts: !conflicting.isEmpty)
    }

    func ballotTitle(_ ballot: WorkDossier.Ballot) -> String {
        let body = t("ballot_body_\(ballot.record.body)")
        if let id = ballot.record.amendmentId, let amendment = dossier.amendments.first(where: { $0.id == id }) {
            return t("ballot_on_amendment", ["number": format.number(amendment.number), "body": body])
        }
        return t("ballot_on_text", ["body": body])
    }

    /// "la séance plénière du 24 juin 2026", as the sittings' pages name it.
    func sittingTitle(_ sitting: SittingRecord) -> String {
        let day = format.date(Date(timeIntervalSince1970: sitting.startsAt))
        switch sitting.body {
        case "commission":
            let name = dossier.commission.flatMap { $0.id == sitting.commissionId ? pages.localized($0.name, language, councilDefault: council.language).text : nil }
            return t("sitting_title_commission", ["commission": name ?? "", "date": day])
        case "bureau": return t("sitting_title_bureau", ["date": day])
        default: return t("sitting_title_plenary", ["date": day])
        }
    }

    func ballots() -> [WorkPage.Ballot] {
        // The sentences every ballot repeats, looked up once.
        let choices = Dictionary(uniqueKeysWithValues: VoteChoice.allCases.map { ($0.rawValue, t("vote_\($0.rawValue)")) })
        let noVote = t("vote_none")
        let legend = [t("vote_for"), t("vote_against"), t("vote_abstain"), noVote]
        let mayClose = { (open: Bool) in self.dossier.may(.closeBallot(ballotOpen: open)) }
        // Each group's name resolved once, not once per voter.
        let names = Dictionary(uniqueKeysWithValues: dossier.groups.keys.map { ($0, dossier.groupName($0, language: language)) })
        let groupName = { (id: Int64?) in id.flatMap { names[$0] } ?? "" }
        // And wrapped for the charts once, not once per ballot.
        let chartLines = names.mapValues { VoteChart.wrap($0, width: VoteChart.labelCharacters) }
        return dossier.ballots.map { ballot in
            let counts = ballot.tally.overall
            let title = ballotTitle(ballot)
            let groups = ballot.tally.groups.map { result in
                WorkPage.Ballot.Group(
                    group: groupName(Int64(result.group)),
                    pour: format.number(result.counts.pour), contre: format.number(result.counts.contre),
                    abstention: format.number(result.counts.abstention), absent: format.number(result.counts.notTakingPart),
                    position: t("position_\(result.position.rawValue)"))
            }
            let mine = ballot.isOpen ? dossier.membership.flatMap { member in ballot.voters.first { $0.membershipID == member.id } } : nil
            let held = ballot.record.sittingId.flatMap { dossier.sittings[$0] }
            let byProxy = ballot.voters.filter { $0.castBy != nil && $0.choice != nil }.count
            // The votes the signed-in member casts for members away who gave them theirs, not cast yet.
            let proxyVotes: [WorkPage.Ballot.ProxyVote] = if ballot.isOpen, let member = dossier.membership, let held, dossier.may(.vote(ballotOpen: true)) {
                held.givers(to: member.id, ballotID: ballot.record.id).compactMap { giver in
                    guard let voter = ballot.voters.first(where: { $0.membershipID == giver }), voter.choice == nil else { return nil }
                    return WorkPage.Ballot.ProxyVote(giver: giver, legend: t("ballot_proxy_vote", ["name": voter.name]))
                }
            } else { [] }
            return WorkPage.Ballot(
                id: ballot.record.id, title: title, open: ballot.isOpen,
                opening: t("ballot_rule_and_opening", ["rule": t("majority_\(ballot.record.majority)"), "opened": date(ballot.record.openedAt)]),
                closing: ballot.record.closedAt.map { t("ballot_closing", ["closed": date($0)]) },
                result: ballot.record.closedAt == nil ? nil : t(ballot.record.adopted == true ? "ballot_adopted" : "ballot_rejected"),
                adopted: ballot.record.closedAt != nil && ballot.record.adopted == true,
                noQuorum: ballot.record.closedAt != nil && !ballot.tally.quorumMet,
                pour: format.number(counts.pour), contre: format.number(counts.contre),
                abstention: format.number(counts.abstention), absent: format.number(counts.notTakingPart),
                cast: format.number(counts.cast), eligible: format.number(counts.eligible),
                groups: groups,
                members: ballot.voters.map { voter in
                    WorkPage.Ballot.Voter(name: voter.name, group: groupName(voter.groupID),
                                          choice: voter.choice.flatMap { choices[$0] } ?? noVote,
                                          proxy: voter.choice == nil ? nil : voter.castBy.map { holder in
                                              t("ballot_cast_by_proxy", ["name": ballot.voters.first { $0.membershipID == holder }?.name
                                                  ?? dossier.people[holder]?.displayName ?? ""])
                                          })
                },
                chart: VoteChart.svg(rows: ballot.tally.groups.map { result in
                                         VoteChart.Row(lines: Int64(result.group).flatMap { chartLines[$0] } ?? [""], counts: result.counts)
                                     },
                                     title: t("chart_title", ["ballot": title]), legend: legend, id: "chart-\(ballot.record.id)"),
                voteURL: WorkPaths.vote.url(slug, workID, ballot.record.id), closeURL: WorkPaths.closeBallot.url(slug, workID, ballot.record.id),
                myVote: mine?.choice.flatMap { choices[$0] },
                mayVote: mine != nil && mine?.choice == nil && dossier.may(.vote(ballotOpen: true)),
                mayClose: mayClose(ballot.isOpen),
                sitting: held.map { t("ballot_held_at", ["sitting": sittingTitle($0.record)]) },
                sittingURL: held.map { CouncilSittingPaths.item.url(slug, $0.record.id) },
                byProxy: byProxy == 0 ? nil : pages.plural("ballot_by_proxy", count: byProxy, context, format: format),
                proxyVotes: proxyVotes)
        }
    }
}
