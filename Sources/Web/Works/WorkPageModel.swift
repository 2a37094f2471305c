import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// The whole model of a work item's page: summary, timeline, text, amendments, ballots, declarations, and the
/// forms the visitor may use.
struct WorkPageModel {
    let view: WorkView
    let seats: [(commissionID: Int64, membershipID: Int64)]
    let commissions: [Commission]
    /// A refused amendment, shown again beside its form: the message and what was typed.
    var tableError: (message: String, values: [String: String])? = nil

    var dossier: WorkDossier { view.dossier }

    func build() -> [String: Any] {
        // Drafts, amendments and declarations are written in the council's language, whatever the reader's.
        var model: [String: Any] = ["work": view.summary(), "timeline": view.timeline(), "links": view.links,
                                    "contentLang": dossier.council.language.rawValue, "contentDir": dossier.council.language.direction]
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { view.t(key, arguments) }
        let format = view.format
        if let current = dossier.current {
            model["text"] = view.text(current)
            model["versionLabel"] = t("version_number", ["number": format.number(current.record.number)])
            model["hasText"] = true
        }
        if dossier.versions.count > 1 {
            model["hasVersions"] = true
            model["versions"] = dossier.versions.map { version -> [String: Any] in
                var row: [String: Any] = ["label": t("version_number", ["number": format.number(version.record.number)]),
                                          "date": view.date(version.record.createdAt)]
                if let note = version.record.note { row["note"] = note }
                if version.record.number > 1 { row["compareURL"] = "\(WorkPaths.compare.url(view.slug, view.workID))?from=\(version.record.number - 1)&to=\(version.record.number)" }
                return row
            }
        }
        let amendmentSets = view.amendmentSets()
        model["amendmentSets"] = amendmentSets
        model["hasAmendments"] = !amendmentSets.isEmpty
        let ballots = view.ballots()
        model["ballots"] = ballots
        model["hasBallots"] = !ballots.isEmpty
        let rapporteurs = dossier.rapporteurs.map { id in
            ["name": view.person(id), "group": dossier.groupName(dossier.people[id]?.groupId, language: view.language)]
        }
        model["rapporteurs"] = rapporteurs
        model["hasRapporteurs"] = !rapporteurs.isEmpty
        let declarations = dossier.declarations.map { ["group": dossier.groupName($0.groupId, language: view.language), "body": $0.body] }
        model["declarations"] = declarations
        model["hasDeclarations"] = !declarations.isEmpty
        model["hearings"] = dossier.hearings.map { hearing -> [String: Any] in
            var row: [String: Any] = ["person": hearing.person, "date": view.date(hearing.heldAt)]
            if let capacity = hearing.capacity { row["capacity"] = capacity }
            if let notes = hearing.notes { row["notes"] = notes }
            return row
        }
        model["hasHearings"] = !dossier.hearings.isEmpty
        model["contributions"] = dossier.contributions.map {
            ["author": $0.author, "kind": t("contribution_\($0.authorKind)"), "title": $0.title, "body": $0.body, "date": view.date($0.createdAt)]
        }
        model["hasContributions"] = !dossier.contributions.isEmpty
        let mayRemove = dossier.may(.removeDocument)
        model["documents"] = dossier.attachments.map { attachment -> [String: Any] in
            let type = DocumentType.allCases.first { $0.mediaType == attachment.mediaType }
            var row: [String: Any] = [
                "title": attachment.title, "url": WorkPaths.attachment.url(view.slug, view.workID, attachment.id),
                "details": t("document_details", ["type": type.map { t("document_type_\($0.rawValue)") } ?? attachment.mediaType,
                                                  "size": format.byteCount(attachment.size), "date": view.date(attachment.createdAt)]),
            ]
            if mayRemove { row["deleteURL"] = WorkPaths.attachmentDelete.url(view.slug, view.workID, attachment.id) }
            return row
        }
        model["hasDocuments"] = !dossier.attachments.isEmpty
        if dossier.may(.attachDocument) {
            model["documentForm"] = ["action": WorkPaths.attachments.url(view.slug, view.workID),
                                     "accept": DocumentType.allCases.map { ".\($0.fileExtension)" }.joined(separator: ","),
                                     "limit": t("document_limit", ["size": format.byteCount(Int64(dossier.uploadLimit))])]
        }
        if dossier.attachments.isEmpty && !dossier.may(.attachDocument) { model["hideDocuments"] = true }
        model["exports"] = [
            ["label": t("export_akoma_ntoso"), "url": WorkPaths.akomaNtoso.url(view.slug, view.workID)],
            ["label": t("export_json"), "url": APIPaths.work.url(dossier.council.slug, dossier.work.id)],
            ["label": t("export_votes_csv"), "url": WorkPaths.votesCSV.url(view.slug, view.workID)],
        ]
        let actions = actions()
        if !actions.isEmpty { model["actions"] = actions }
        return model
    }

    /// Forms shown to the visitor, each only when the policy allows it.
    func actions() -> [String: Any] {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { view.t(key, arguments) }
        let language = view.language
        var actions: [String: Any] = [:]
        let next = Workflow.next(from: dossier.status, procedure: dossier.procedure).filter { dossier.may(.move(to: $0)) }
        if !next.isEmpty {
            actions["moves"] = next.map { status -> [String: Any] in
                var row: [String: Any] = ["value": status.rawValue, "label": t("move_to_\(status.rawValue)")]
                if status == .adoptedInCommission && dossier.procedure == .simplified { row["delay"] = true }
                if status == .assigned {
                    row["assign"] = true
                    row["commissions"] = view.format.sorted(commissions, byName: \.name, councilDefault: dossier.council.language).map { ["value": $0.id, "label": $0.name.resolved(for: language, councilDefault: dossier.council.language)?.text ?? ""] }
                }
                return row
            }
        }
        let sitting = dossier.people.values.filter { $0.isCurrent && $0.roleValue.sitsInAssembly }.sorted { $0.displayName < $1.displayName }
        if dossier.may(.designateRapporteur) {
            actions["hasRapporteurCandidates"] = sitting.contains { !dossier.rapporteurs.contains($0.id) }
            actions["rapporteurCandidates"] = sitting.filter { !dossier.rapporteurs.contains($0.id) }.map {
                ["value": $0.id, "label": "\($0.displayName) — \(dossier.groupName($0.groupId, language: language))"]
            }
        }
        if dossier.may(.fileVersion) {
            actions["draft"] = ["markup": dossier.current.map { DraftMarkup.render($0.text) } ?? ""]
        }
        let textBallotBody: BallotBody = dossier.status == .inPreparation ? .commission : .plenary
        let mayOpenTextBallot = dossier.may(.openBallot(body: textBallotBody)) && dossier.current != nil
            && !dossier.ballots.contains { $0.isOpen && $0.record.amendmentId == nil }
        let mayConsolidate = dossier.may(.consolidate) && dossier.current.map { current in
            dossier.amendments.contains { $0.versionId == current.record.id && $0.status == "adopted" }
        } == true
        if dossier.may(.setAmendmentDeadline) || mayOpenTextBallot || mayConsolidate {
            actions["manage"] = true
            if dossier.may(.setAmendmentDeadline) {
                actions["amendmentDeadline"] = ["value": dossier.work.amendmentDeadline.map { Self.inputDate($0, in: dossier.council.zone) } ?? ""]
            }
            if mayConsolidate { actions["consolidate"] = true }
            if mayOpenTextBallot {
                actions["ballotOnText"] = ["body": textBallotBody.rawValue,
                                           "title": t("ballot_on_text", ["body": t("ballot_body_\(textBallotBody.rawValue)")])]
            }
        }
        if dossier.may(.recordHearing) || dossier.may(.recordDeclaration) {
            actions["mayRecordHearing"] = dossier.may(.recordHearing)
            actions["mayRecordDeclaration"] = dossier.may(.recordDeclaration)
            actions["record"] = true
            actions["groups"] = view.format.sorted(Array(dossier.groups.values), byName: \.name, councilDefault: dossier.council.language).map {
                ["value": $0.id, "label": dossier.groupName($0.id, language: language)]
            }
            if let current = dossier.current {
                actions["hasBlocks"] = true
                actions["blocks"] = current.text.blocks.filter { $0.kind == .paragraph || $0.kind == .recommendation }.map { block in
                    ["value": block.id, "label": "§\(current.text.paragraphNumbers[block.id] ?? 0) — \(String(block.text.prefix(60)))"]
                }
            }
        }
        if dossier.may(.demandPlenary) {
            actions["demandPlenary"] = true
        }
        if dossier.may(.tableAmendment), let current = dossier.current {
            let typed = tableError?.values ?? [:]
            var table: [String: Any] = [
                "blocks": current.text.blocks.map { block in
                    ["value": block.id, "selected": typed["anchor"] == block.id,
                     "label": "§\(current.text.paragraphNumbers[block.id].map(String.init) ?? "—") — \(String(block.text.prefix(60)))"]
                },
                "operations": Amendment.Operation.allCases.map {
                    ["value": $0.rawValue, "label": t("amendment_op_\($0.rawValue)"), "selected": typed["operation"] == $0.rawValue]
                },
                "values": typed,
                "cosigners": sitting.filter { $0.id != dossier.membership?.id }.map { ["value": $0.id, "label": $0.displayName] },
            ]
            if let message = tableError?.message { table["error"] = message }
            actions["table"] = table
        }
        return actions
    }

    /// `YYYY-MM-DDTHH:MM` for a datetime-local field, in the council's time zone.
    static func inputDate(_ seconds: Double, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
