import Cooperation
import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// Builds an agreement's page for its reader: the record for anyone who may see it; the action plan (what is late
/// first) and what is shared for the parties' members and secretariat; the forms for the secretariat.
struct AgreementPageBuilder {
    let services: AgreementServices
    let pages: Pages
    let context: AppContext
    let scope: CouncilScope
    let agreement: AgreementRecord
    let status: AgreementStatus

    func build() async throws -> AgreementPage {
        let council = scope.council, language = context.language, actor = scope.actor
        let format = Formatting(language: language, council: council)
        let councils = Dictionary(try await services.councils.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: Int64) -> LocalizedView {
            councils[id].map { pages.localized($0.name, language, councilDefault: $0.language) }
                ?? LocalizedView(text: "", lang: nil, dir: nil, fallback: false, fallbackNote: nil, missing: true)
        }
        let partyIDs = try await services.agreements.parties(agreementID: agreement.id)
        let signatories = Dictionary(grouping: try await services.agreements.signatories(agreementID: agreement.id), by: \.councilId)
        let parties = partyIDs.compactMap { councils[$0] }.map { party in
            AgreementPage.Party(
                url: party.id == council.id ? CouncilPaths.home.url(party.slug) : PartnerPaths.item.url(council.slug, party.slug),
                name: name(party.id), signatories: (signatories[party.id] ?? []).map(\.name).nilIfEmpty.map { pages.text("agreement_signed_by", context, ["names": format.list($0)]) })
        }
        let themes = try await services.agreements.themes(agreementID: agreement.id).map { pages.localized($0.name, language).text }
        let texts = Language.allCases.compactMap { text -> AgreementPage.Text? in
            guard let body = agreement.text[text] else { return nil }
            return AgreementPage.Text(language: text.endonym, lang: text.rawValue, dir: text.direction, text: body)
        }
        let mayRecord = AgreementRules.decide(.record, by: actor).isAllowed
        let mayEdit = AgreementRules.decide(.edit(isRecorder: agreement.councilId == council.id), by: actor).isAllowed
        let follows = AgreementRules.decide(.follow, by: actor).isAllowed
        let documents = !follows ? [] : try await services.attachments.all(councilID: agreement.councilId, ownerKind: AgreementPlanRoutes.ownerKind, ownerID: agreement.id)
            .map { document in
                DocumentLink(document, url: AgreementPaths.document.url(council.slug, agreement.id, document.id),
                             deleteURL: mayEdit ? AgreementPaths.documentDelete.url(council.slug, agreement.id, document.id) : nil,
                             date: format.date(Date(timeIntervalSince1970: document.createdAt)), format: format) { pages.localizer.text($0, language, $1) }
            }
        let today = CivilDay(services.clock.now(), in: council.zone)
        let parties_ = partyIDs.map { id in (id, name(id).text) }
        func councilOptions(_ selected: Int64?) -> [SelectOption] {
            parties_.map { SelectOption(value: "\($0.0)", label: $0.1, selected: $0.0 == selected) }
        }
        func stateOptions(_ selected: String?) -> [SelectOption] {
            ActionState.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("agreement_action_\($0.rawValue)", context), selected: $0.rawValue == selected) }
        }
        var actions: [AgreementPage.Action] = []
        var late = 0
        if follows {
            let records = Dictionary(try await services.plans.actions(agreementID: agreement.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let planned = records.values.map { PlannedAction(id: $0.id, dueOn: $0.dueOn.flatMap(CivilDay.init), state: ActionState(rawValue: $0.state) ?? .planned) }
            for item in ActionPlan.ordered(planned, today: today) {
                guard let record = records[item.id] else { continue }
                let isLate = item.isLate(today: today)
                if isLate { late += 1 }
                actions.append(AgreementPage.Action(
                    id: record.id, title: record.title, owner: record.owner, council: name(record.ownerCouncilId), due: format.day(record.dueOn).map { pages.text("agreement_action_due", context, ["date": $0]) },
                    state: pages.text("agreement_action_\(item.state.rawValue)", context), stateCode: item.state.rawValue, late: isLate,
                    followUp: record.followUp.nilIfEmpty,
                    form: mayRecord ? AgreementPage.ActionForm(
                        action: AgreementPaths.action.url(council.slug, agreement.id, record.id),
                        deleteAction: AgreementPaths.actionDelete.url(council.slug, agreement.id, record.id), idPrefix: "action-\(record.id)-",
                        values: ["title": record.title, "owner": record.owner, "due_on": record.dueOn ?? "", "follow_up": record.followUp],
                        councils: councilOptions(record.ownerCouncilId), states: stateOptions(record.state)) : nil))
            }
        }
        var ours: [AgreementPage.Shared] = [], theirs: [AgreementPage.Shared] = []
        var shareForm: AgreementPage.ShareForm?
        if follows {
            let shares = try await services.plans.shares(agreementID: agreement.id)
            let mayShare = AgreementRules.decide(.share, by: actor).isAllowed
            var titles: [Int64: [Int64: WorkRecord]] = [:]
            for granting in Set(shares.map(\.grantingCouncilId)).union([council.id]) {
                titles[granting] = Dictionary(try await services.works.all(councilID: granting).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for share in shares where AgreementShare.workKinds.contains(share.itemKind) {
                guard let work = titles[share.grantingCouncilId]?[share.itemId], let granting = councils[share.grantingCouncilId] else { continue }
                let label = pages.localized(work.title, language, councilDefault: granting.language).text
                let contribute = share.dueOn.flatMap(CivilDay.init).map { pages.text("agreement_share_contribute_until", context, ["date": format.day($0)]) }
                if share.grantingCouncilId == council.id {
                    ours.append(AgreementPage.Shared(
                        work: label, url: WorkPaths.item.url(council.slug, work.id), council: name(share.granteeCouncilId), contribute: contribute,
                        withdrawAction: mayShare ? AgreementPaths.shareDelete.url(council.slug, agreement.id, share.id) : nil))
                } else if share.granteeCouncilId == council.id {
                    theirs.append(AgreementPage.Shared(work: label, url: WorkPaths.item.url(granting.slug, work.id), council: name(granting.id),
                                                       contribute: contribute, withdrawAction: nil))
                }
            }
            // Practice notes shared by name.
            var notes: [Int64: [Int64: PracticeNoteRecord]] = [:]
            for granting in Set(shares.filter { $0.itemKind == AgreementShare.practiceNote }.map(\.grantingCouncilId)).union(mayShare ? [council.id] : []) {
                notes[granting] = Dictionary(try await services.notes.all(councilID: granting).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for share in shares where share.itemKind == AgreementShare.practiceNote {
                guard let note = notes[share.grantingCouncilId]?[share.itemId], let granting = councils[share.grantingCouncilId] else { continue }
                let label = pages.text("agreement_shared_note", context, ["title": Formatting.isolated(note.title)])
                if share.grantingCouncilId == council.id {
                    ours.append(AgreementPage.Shared(
                        work: label, url: PracticePaths.item.url(council.slug, note.id), council: name(share.granteeCouncilId), contribute: nil,
                        withdrawAction: mayShare ? AgreementPaths.shareDelete.url(council.slug, agreement.id, share.id) : nil))
                } else if share.granteeCouncilId == council.id,
                          agreement.calendar.status(on: CivilDay(services.clock.now(), in: granting.zone)).shares {
                    // The partner learns of the note only while it may read it: the agreement in force in the writer's calendar.
                    theirs.append(AgreementPage.Shared(work: label, url: PracticePaths.item.url(granting.slug, note.id), council: name(granting.id),
                                                       contribute: nil, withdrawAction: nil))
                }
            }
            if mayShare {
                let works = (titles[council.id] ?? [:]).values.sorted { $0.id > $1.id }.map {
                    SelectOption(value: "\($0.id)", label: pages.localized($0.title, language, councilDefault: council.language).text, selected: false)
                }
                let ownNotes = (notes[council.id] ?? [:]).values.sorted { $0.id > $1.id }.map {
                    SelectOption(value: "\($0.id)", label: $0.title, selected: false)
                }
                shareForm = AgreementPage.ShareForm(action: AgreementPaths.shares.url(council.slug, agreement.id),
                                                    grantees: councilOptions(nil).filter { $0.value != "\(council.id)" }, works: works,
                                                    notes: ownNotes, hasNotes: !ownNotes.isEmpty)
            }
        }
        let news = try await services.inTheNews.links(.agreement, agreement.id, council: council, context: context)
        // The missions that served it, whichever party sent them (missions are public).
        let missions = try await services.missions.all(agreementID: agreement.id).compactMap { mission -> AgreementPage.Mission? in
            guard let sender = councils[mission.councilId] else { return nil }
            let zone = Formatting(language: language, council: sender)
            return AgreementPage.Mission(url: MissionPaths.item.url(sender.slug, mission.id),
                                         title: pages.localized(mission.title, language, councilDefault: sender.language),
                                         council: name(sender.id), dates: MissionRoutes.dates(mission, format: zone))
        }
        return AgreementPage(
            title: pages.localized(agreement.title, language, councilDefault: council.language),
            status: pages.text("agreement_status_\(status.rawValue)", context), statusCode: status.rawValue,
            statusExplained: pages.text("agreement_status_\(status.rawValue)_explained", context),
            parties: parties, place: agreement.place.nilIfEmpty, signedOn: format.day(agreement.signedOn), inForceFrom: format.day(agreement.inForceFrom),
            endsOn: format.day(agreement.endsOn), terminatedOn: format.day(agreement.terminatedOn), themes: themes, hasThemes: !themes.isEmpty,
            texts: texts, documents: documents, hasDocuments: !documents.isEmpty,
            documentForm: mayEdit ? WorkPage.DocumentForm(action: AgreementPaths.documents.url(council.slug, agreement.id), accept: DocumentLink.accept,
                                                            limit: pages.text("document_limit", context, ["size": format.byteCount(Int64(services.uploadLimit))]))
                : nil,
            follows: follows, actions: actions, hasActions: !actions.isEmpty,
            lateCount: late > 0 ? pages.plural("agreement_actions_late", count: late, context, format: format) : nil,
            newAction: mayRecord ? AgreementPage.ActionForm(action: AgreementPaths.actions.url(council.slug, agreement.id), deleteAction: nil,
                                                           idPrefix: "new-action-", values: [:], councils: councilOptions(council.id),
                                                           states: stateOptions(ActionState.planned.rawValue)) : nil,
            ours: ours, hasOurs: !ours.isEmpty, theirs: theirs, hasTheirs: !theirs.isEmpty, shareForm: shareForm,
            editURL: mayEdit ? AgreementPaths.edit.url(council.slug, agreement.id) : nil,
            deleteAction: AgreementRules.decide(.delete(isRecorder: agreement.councilId == council.id), by: actor).isAllowed
                ? AgreementPaths.delete.url(council.slug, agreement.id) : nil,
            missions: missions, hasMissions: !missions.isEmpty,
            news: news, hasNews: !news.isEmpty, backURL: AgreementPaths.home.url(council.slug))
    }
}

extension Array {
    /// nil for an empty list.
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
