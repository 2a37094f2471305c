import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// Builds the typed model of a work item's page (`WorkPage`) and its forms (`WorkPageForms`) from the dossier.
struct WorkPageModel {
    let view: WorkView
    let commissions: [Commission]
    /// A refused amendment, shown again beside its form: the message and what was typed.
    var tableError: (message: String, values: [String: String])? = nil

    var dossier: WorkDossier { view.dossier }

    func build() -> WorkPage {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { view.t(key, arguments) }
        let format = view.format, language = view.language
        let current = dossier.current
        let mayRemove = dossier.may(.removeDocument), mayAttach = dossier.may(.attachDocument)
        let amendmentSets = view.amendmentSets(), ballots = view.ballots()
        let forms = forms()
        return WorkPage(
            work: view.summary(), timeline: view.timeline(), links: view.links,
            contentLang: dossier.council.language.rawValue, contentDir: dossier.council.language.direction,
            hasText: current != nil, text: current.map(view.text) ?? [],
            versionLabel: current.map { t("version_number", ["number": format.number($0.record.number)]) },
            hasVersions: dossier.versions.count > 1,
            versions: dossier.versions.count > 1 ? dossier.versions.map { version in
                WorkPage.Version(
                    label: t("version_number", ["number": format.number(version.record.number)]), date: view.date(version.record.createdAt),
                    note: version.record.note,
                    compareURL: version.record.number > 1
                        ? "\(WorkPaths.compare.url(view.slug, view.workID))?from=\(version.record.number - 1)&to=\(version.record.number)" : nil)
            } : [],
            hasAmendments: !amendmentSets.isEmpty, amendmentSets: amendmentSets,
            hasBallots: !ballots.isEmpty, ballots: ballots,
            hasRapporteurs: !dossier.rapporteurs.isEmpty,
            rapporteurs: dossier.rapporteurs.map { id in
                WorkPage.NameAndGroup(name: view.person(id), group: dossier.groupName(dossier.people[id]?.groupId, language: language))
            },
            hasDeclarations: !dossier.declarations.isEmpty,
            declarations: dossier.declarations.map { WorkPage.Declaration(group: dossier.groupName($0.groupId, language: language), body: $0.body) },
            hasHearings: !dossier.hearings.isEmpty,
            hearings: dossier.hearings.map { WorkPage.Hearing(person: $0.person, date: view.date($0.heldAt), capacity: $0.capacity, notes: $0.notes) },
            hasContributions: !dossier.contributions.isEmpty,
            contributions: dossier.contributions.map {
                WorkPage.Contribution(author: $0.author, kind: t("contribution_\($0.authorKind)"), title: $0.title, body: $0.body, date: view.date($0.createdAt))
            },
            hasDocuments: !dossier.attachments.isEmpty,
            documents: dossier.attachments.map { attachment in
                DocumentLink(attachment, url: WorkPaths.attachment.url(view.slug, view.workID, attachment.id),
                             deleteURL: mayRemove ? WorkPaths.attachmentDelete.url(view.slug, view.workID, attachment.id) : nil,
                             date: view.date(attachment.createdAt), format: format, text: t)
            },
            documentForm: mayAttach
                ? WorkPage.DocumentForm(action: WorkPaths.attachments.url(view.slug, view.workID),
                                        accept: DocumentLink.accept,
                                        limit: t("document_limit", ["size": format.byteCount(Int64(dossier.uploadLimit))]))
                : nil,
            hideDocuments: dossier.attachments.isEmpty && !mayAttach,
            exports: [
                WorkPage.Link(label: t("export_akoma_ntoso"), url: WorkPaths.akomaNtoso.url(view.slug, view.workID)),
                WorkPage.Link(label: t("export_json"), url: APIPaths.work.url(dossier.council.slug, dossier.work.id)),
                WorkPage.Link(label: t("export_votes_csv"), url: WorkPaths.votesCSV.url(view.slug, view.workID)),
            ] + (dossier.work.kind == WorkKind.annualReport.rawValue
                ? [WorkPage.Link(label: t("indicator_dashboard_link"), url: IndicatorPaths.dashboard.url(view.slug, view.workID))] : []),
            actions: forms.isEmpty ? nil : forms)
    }

    /// Forms shown to the visitor, each only when the rules allow it.
    func forms() -> WorkPageForms {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { view.t(key, arguments) }
        let language = view.language, councilLanguage = dossier.council.language
        let next = Workflow.next(from: dossier.status, procedure: dossier.procedure).filter { dossier.may(.move(to: $0)) }
        let moves = next.map { status in
            WorkPageForms.Move(
                value: status.rawValue, label: t("move_to_\(status.rawValue)"), assign: status == .assigned,
                delay: status == .adoptedInCommission && dossier.procedure == .simplified,
                commissions: status != .assigned ? [] : view.format.sorted(commissions, byName: \.name, councilDefault: councilLanguage).map {
                    SelectOption(value: "\($0.id)", label: $0.name.resolved(for: language, councilDefault: councilLanguage)?.text ?? "", selected: false)
                })
        }
        // The sitting members, sorted only for a form that lists them.
        var sortedSitting: [Membership]?
        func sitting() -> [Membership] {
            if let sortedSitting { return sortedSitting }
            let sorted = dossier.people.values.filter { $0.sits }.sorted { $0.displayName < $1.displayName }
            sortedSitting = sorted
            return sorted
        }
        let mayDesignate = dossier.may(.designateRapporteur)
        let candidates = mayDesignate ? sitting().filter { !dossier.rapporteurs.contains($0.id) }.map { member in
            SelectOption(value: "\(member.id)", label: memberOption(member), selected: false)
        } : []
        let textBallotBody: BallotBody = dossier.status == .inPreparation ? .commission : .plenary
        let mayOpenTextBallot = dossier.may(.openBallot(body: textBallotBody)) && dossier.current != nil
            && !dossier.ballots.contains { $0.isOpen && $0.record.amendmentId == nil }
        let mayConsolidate = dossier.may(.consolidate) && dossier.current.map { current in
            dossier.amendments.contains { $0.versionId == current.record.id && $0.status == "adopted" }
        } == true
        let maySetDeadline = dossier.may(.setAmendmentDeadline)
        let mayRecordHearing = dossier.may(.recordHearing), mayRecordDeclaration = dossier.may(.recordDeclaration)
        let record = mayRecordHearing || mayRecordDeclaration
        let blocks = record ? (dossier.current.map { current in
            current.text.blocks.filter { $0.kind == .paragraph || $0.kind == .recommendation }.map { block in
                SelectOption(value: block.id, label: blockOption(block, number: current.text.paragraphNumbers[block.id]), selected: false)
            }
        } ?? []) : []
        var table: WorkPageForms.Table?
        if dossier.may(.tableAmendment), let current = dossier.current {
            let typed = tableError?.values ?? [:]
            table = WorkPageForms.Table(
                blocks: current.text.blocks.map { block in
                    SelectOption(value: block.id, label: blockOption(block, number: current.text.paragraphNumbers[block.id]),
                                 selected: typed["anchor"] == block.id)
                },
                operations: Amendment.Operation.allCases.map {
                    SelectOption(value: $0.rawValue, label: t("amendment_op_\($0.rawValue)"), selected: typed["operation"] == $0.rawValue)
                },
                values: typed,
                cosigners: sitting().filter { $0.id != dossier.membership?.id }.map { SelectOption(value: "\($0.id)", label: $0.displayName, selected: false) },
                error: tableError?.message)
        }
        return WorkPageForms(
            moves: moves.isEmpty ? nil : moves,
            hasRapporteurCandidates: !candidates.isEmpty, rapporteurCandidates: candidates,
            draft: dossier.may(.fileVersion) ? WorkPageForms.Draft(markup: dossier.current.map { DraftMarkup.render($0.text) } ?? "") : nil,
            manage: maySetDeadline || mayOpenTextBallot || mayConsolidate,
            amendmentDeadline: maySetDeadline
                ? WorkPageForms.AmendmentDeadline(value: dossier.work.amendmentDeadline.map { Self.inputDate($0, in: dossier.council.zone) } ?? "")
                : nil,
            consolidate: mayConsolidate,
            ballotOnText: mayOpenTextBallot
                ? WorkPageForms.BallotOnText(body: textBallotBody.rawValue, title: t("ballot_on_text", ["body": t("ballot_body_\(textBallotBody.rawValue)")]))
                : nil,
            record: record, mayRecordHearing: mayRecordHearing, mayRecordDeclaration: mayRecordDeclaration,
            groups: record ? view.format.sorted(Array(dossier.groups.values), byName: \.name, councilDefault: councilLanguage).map {
                SelectOption(value: "\($0.id)", label: dossier.groupName($0.id, language: language), selected: false)
            } : [],
            hasBlocks: !blocks.isEmpty, blocks: blocks,
            demandPlenary: dossier.may(.demandPlenary), table: table)
    }

    /// A member in a list of choices: their name, and their group when they sit in one.
    func memberOption(_ member: Membership) -> String {
        let group = dossier.groupName(member.groupId, language: view.language)
        return group.isEmpty ? member.displayName : view.t("option_member_in_group", ["name": member.displayName, "group": group])
    }

    /// A block of the text in a list of choices: its paragraph number and its first words.
    func blockOption(_ block: Block, number: Int?) -> String {
        let excerpt = block.text.count > 60 ? view.t("option_excerpt", ["text": String(block.text.prefix(60))]) : block.text
        guard let number else { return excerpt }
        return view.t("option_block", ["number": view.format.number(number), "excerpt": excerpt])
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
