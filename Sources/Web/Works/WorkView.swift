import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// Builds the view model of a work item's page from its dossier.
struct WorkView {
    let pages: Pages
    let dossier: WorkDossier
    let context: AppContext

    var language: Language { context.language }
    var council: Council { dossier.council }
    var format: Formatting { Formatting(language: language, council: council) }
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }
    func date(_ seconds: Double) -> String { format.dateTime(Date(timeIntervalSince1970: seconds)) }
    func person(_ id: Int64?) -> String { id.flatMap { dossier.people[$0]?.displayName } ?? t("person_unknown") }
    var slug: String { council.slug }
    var workID: Int64 { dossier.work.id }

    /// The work's forms, each to its declared path.
    var links: [String: String] {
        [
            "amendments": WorkPaths.amendments.url(slug, workID), "ballots": WorkPaths.ballots.url(slug, workID),
            "demandPlenary": WorkPaths.demandPlenary.url(slug, workID), "move": WorkPaths.move.url(slug, workID),
            "rapporteurs": WorkPaths.rapporteurs.url(slug, workID), "versions": WorkPaths.versions.url(slug, workID),
            "amendmentDeadline": WorkPaths.amendmentDeadline.url(slug, workID),
            "consolidate": WorkPaths.consolidate.url(slug, workID), "hearings": WorkPaths.hearings.url(slug, workID),
            "contributions": WorkPaths.contributions.url(slug, workID),
            "declarations": WorkPaths.declarations.url(slug, workID), "dissents": WorkPaths.dissents.url(slug, workID),
        ]
    }

    func summary() -> [String: Any] {
        let work = dossier.work
        var model: [String: Any] = [
            "id": work.id,
            "url": WorkPaths.item.url(slug, workID),
            "title": pages.localized(work.title, language, councilDefault: council.language),
            "kind": t("work_kind_\(dossier.kind.rawValue)"),
            "status": t("work_status_\(dossier.status.rawValue)"),
            "statusCode": dossier.status.rawValue,
            "referral": t("referral_\(work.referralSource)"),
            "procedure": t("procedure_\(dossier.procedure.rawValue)"),
            "created": date(work.createdAt),
        ]
        if let reference = work.referralReference { model["reference"] = reference }
        if let petition = work.petitionUrl { model["petitionURL"] = petition }
        if let deadline = work.deadline { model["deadline"] = date(deadline); model["late"] = deadline < dossier.state.now && !dossier.status.isPublic }
        if let deadline = work.amendmentDeadline { model["amendmentDeadline"] = date(deadline) }
        if let deadline = work.plenaryDemandDeadline, dossier.procedure == .simplified { model["plenaryDemandDeadline"] = date(deadline) }
        if let commission = dossier.commission {
            model["commission"] = pages.localized(commission.name, language, councilDefault: council.language)
            model["commissionURL"] = CouncilPaths.commission.url(council.slug, commission.id)
        }
        let summaryText = pages.localized(work.summary, language, councilDefault: council.language)
        if !summaryText.text.isEmpty { model["summary"] = summaryText }
        return model
    }

    func timeline() -> [[String: Any]] {
        var rows: [[String: Any]] = dossier.events.map { event in
            var row: [String: Any] = ["label": t("work_status_\(event.status)"), "date": date(event.at), "sort": event.at]
            if let note = event.note, !note.isEmpty { row["note"] = note }
            if let account = event.accountId, let member = dossier.people.values.first(where: { $0.accountId == account }) { row["by"] = member.displayName }
            return row
        }
        for hearing in dossier.hearings {
            rows.append(["label": t("timeline_hearing", ["person": hearing.person]), "date": date(hearing.heldAt), "sort": hearing.heldAt, "milestone": true])
        }
        for version in dossier.versions {
            rows.append(["label": t("timeline_version", ["number": format.number(version.record.number)]), "date": date(version.record.createdAt),
                         "sort": version.record.createdAt, "milestone": true])
        }
        for ballot in dossier.ballots where !ballot.isOpen {
            rows.append(["label": t("ballot_title_result", ["title": ballotTitle(ballot),
                                                            "result": t(ballot.record.adopted == true ? "ballot_adopted" : "ballot_rejected")]),
                         "date": date(ballot.record.closedAt ?? ballot.record.openedAt), "sort": ballot.record.closedAt ?? 0, "milestone": true])
        }
        if let deadline = dossier.work.deadline {
            rows.append(["label": t("timeline_deadline"), "date": date(deadline), "sort": deadline, "deadline": true])
        }
        return rows.sorted { ($0["sort"] as? Double ?? 0) < ($1["sort"] as? Double ?? 0) }
    }

    /// The text of a version, block by block, with recommendation and paragraph numbers, and the dissent recorded on
    /// each block shown in place.
    func text(_ version: WorkDossier.Version) -> [[String: Any]] {
        let recommendations = version.text.recommendationNumbers, paragraphs = version.text.paragraphNumbers
        return version.text.blocks.map { block in
            var row: [String: Any] = ["id": block.id, "text": block.text, block.kind.rawValue: true]
            if let number = recommendations[block.id] { row["recommendation"] = t("recommendation_number", ["number": format.number(number)]) }
            if let number = paragraphs[block.id] { row["number"] = format.number(number) }
            let dissents = dossier.dissents.filter { $0.blockId == block.id }
            if !dissents.isEmpty {
                row["dissents"] = dissents.map { ["holder": $0.holder, "body": $0.body] }
            }
            return row
        }
    }

    /// The amendments of every version that has some, newest version first.
    func amendmentSets() -> [[String: Any]] {
        dossier.versions.reversed().compactMap { version in
            guard dossier.amendments.contains(where: { $0.versionId == version.record.id }) else { return nil }
            var set = amendments(version)
            set["version"] = t("amendments_to_version", ["number": format.number(version.record.number)])
            return set
        }
    }

    func amendments(_ current: WorkDossier.Version) -> [String: Any] {
        guard let list = dossier.amendmentList(versionID: current.record.id) else { return [:] }
        let paragraphs = current.text.paragraphNumbers
        let conflicting = list.conflicting
        var groupOf: [Int: Int] = [:]
        for (index, group) in list.conflictGroups.enumerated() { for amendment in group { groupOf[amendment.id] = index + 1 } }
        let records = Dictionary(uniqueKeysWithValues: dossier.amendments.map { (Int($0.id), $0) })
        let order = list.votingOrder.map(\.id)
        let rows: [[String: Any]] = list.sortedByPosition.map { amendment in
            let record = records[amendment.id]!
            var row: [String: Any] = [
                "id": record.id, "number": format.number(amendment.number),
                "heading": t("amendment_heading", ["number": format.number(amendment.number)]),
                "operation": t("amendment_op_\(amendment.operation.rawValue)"),
                "target": current.text.block(amendment.anchor).map { block in
                    block.kind == .part || block.kind == .chapter ? block.text : t("paragraph_number", ["number": format.number(paragraphs[block.id] ?? 0)])
                } ?? "",
                "anchor": amendment.anchor,
                "status": t("amendment_status_\(amendment.status.rawValue)"), "statusCode": amendment.status.rawValue,
                "justification": record.justification,
                "tabledBy": record.groupId.map { t("amendment_tabled_by_group", ["author": person(record.authorMembershipId),
                                                                                 "group": dossier.groupName($0, language: language)]) }
                    ?? t("amendment_tabled_by", ["author": person(record.authorMembershipId)]),
                "open": amendment.status.isOpen,
            ]
            if amendment.operation != .insert, let passage = amendment.passage(in: current.text) { row["passage"] = passage }
            if !amendment.text.isEmpty { row["newText"] = amendment.text }
            let cosigners = (dossier.cosignatories[record.id] ?? []).map { person($0) }
            if !cosigners.isEmpty { row["cosignedBy"] = t("amendment_cosigned_by", ["names": format.list(cosigners)]) }
            if let opinion = record.opinion { row["opinion"] = t("opinion_\(opinion)") }
            if conflicting.contains(amendment.id), let group = groupOf[amendment.id] { row["conflict"] = t("amendment_conflict", ["group": format.number(group)]) }
            if let position = order.firstIndex(of: amendment.id) { row["votingRank"] = t("amendment_voting_rank_of", ["rank": format.number(position + 1)]) }
            if amendment.status.isOpen && current.record.id == dossier.current?.record.id {
                let isAuthor = record.authorMembershipId != nil && record.authorMembershipId == dossier.membership?.id
                row["decideURL"] = WorkPaths.amendment.url(slug, workID, record.id)
                row["mayWithdraw"] = dossier.may(.withdrawAmendment(isAuthor: isAuthor))
                row["mayJudge"] = dossier.may(.ruleInadmissible)
                row["mayGiveOpinion"] = dossier.may(.giveOpinion)
                let body: BallotBody = dossier.status == .inPreparation ? .commission : .plenary
                row["mayOpenBallot"] = dossier.may(.openBallot(body: body)) && !dossier.ballots.contains { $0.isOpen && $0.record.amendmentId == record.id }
                row["ballotBody"] = body.rawValue
                let invited = dossier.membership.map { (dossier.invitedCosignatories[record.id] ?? []).contains($0.id) } ?? false
                if dossier.may(.cosign(isInvited: invited)) { row["mayCosign"] = true; row["cosignURL"] = WorkPaths.cosign.url(slug, workID, record.id) }
            }
            return row
        }
        return ["rows": rows, "hasRows": !rows.isEmpty, "hasConflicts": !conflicting.isEmpty]
    }

    func ballotTitle(_ ballot: WorkDossier.Ballot) -> String {
        let body = t("ballot_body_\(ballot.record.body)")
        if let id = ballot.record.amendmentId, let amendment = dossier.amendments.first(where: { $0.id == id }) {
            return t("ballot_on_amendment", ["number": format.number(amendment.number), "body": body])
        }
        return t("ballot_on_text", ["body": body])
    }

    func ballots() -> [[String: Any]] {
        dossier.ballots.map { ballot in
            let counts = ballot.tally.overall
            let groupRows = ballot.tally.groups.map { result -> [String: Any] in
                [
                    "group": dossier.groupName(Int64(result.group), language: language),
                    "pour": format.number(result.counts.pour), "contre": format.number(result.counts.contre),
                    "abstention": format.number(result.counts.abstention), "absent": format.number(result.counts.notTakingPart),
                    "position": t("position_\(result.position.rawValue)"),
                ]
            }
            var row: [String: Any] = [
                "id": ballot.record.id, "title": ballotTitle(ballot), "open": ballot.isOpen,
                "opening": t("ballot_rule_and_opening", ["rule": t("majority_\(ballot.record.majority)"), "opened": date(ballot.record.openedAt)]),
                "pour": format.number(counts.pour), "contre": format.number(counts.contre),
                "abstention": format.number(counts.abstention), "absent": format.number(counts.notTakingPart),
                "cast": format.number(counts.cast), "eligible": format.number(counts.eligible),
                "groups": groupRows,
                "members": ballot.voters.map { voter -> [String: Any] in
                    ["name": voter.name, "group": dossier.groupName(voter.groupID, language: language),
                     "choice": voter.choice.map { t("vote_\($0)") } ?? t("vote_none")]
                },
                "chart": VoteChart.svg(rows: ballot.tally.groups.map { .init(label: dossier.groupName(Int64($0.group), language: language), counts: $0.counts) },
                                       title: t("chart_title", ["ballot": ballotTitle(ballot)]),
                                       legend: [t("vote_for"), t("vote_against"), t("vote_abstain"), t("vote_none")],
                                       id: "chart-\(ballot.record.id)"),
                "voteURL": WorkPaths.vote.url(slug, workID, ballot.record.id), "closeURL": WorkPaths.closeBallot.url(slug, workID, ballot.record.id),
            ]
            if let closed = ballot.record.closedAt {
                row["closing"] = t("ballot_closing", ["closed": date(closed)])
                row["result"] = t(ballot.record.adopted == true ? "ballot_adopted" : "ballot_rejected")
                row["adopted"] = ballot.record.adopted == true
                if !ballot.tally.quorumMet { row["noQuorum"] = true }
            }
            if ballot.isOpen, let member = dossier.membership, let voter = ballot.voters.first(where: { $0.membershipID == member.id }) {
                if let choice = voter.choice { row["myVote"] = t("vote_\(choice)") } else { row["mayVote"] = dossier.may(.vote(ballotOpen: true)) }
            }
            if dossier.may(.closeBallot(ballotOpen: ballot.isOpen)) { row["mayClose"] = true }
            return row
        }
    }
}
