import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// An agreement's action plan, what each party shares under it, and its documents (the signed text): kept by the
/// secretariat of the parties, each sharing only what is its own.
struct AgreementPlanRoutes {
    let services: AgreementServices
    let pages: Pages
    let agreements: AgreementRoutes

    static let ownerKind = "agreement"
    static let longestFollowUp = 5_000

    func register(in council: PathRegistrar) {
        council.post(AgreementPaths.actions, use: addAction)
        council.post(AgreementPaths.action, use: updateAction)
        council.post(AgreementPaths.actionDelete, use: deleteAction)
        council.post(AgreementPaths.shares, use: share)
        council.post(AgreementPaths.shareDelete, use: unshare)
        council.post(AgreementPaths.documents, use: addDocument)
        council.get(AgreementPaths.document, use: document)
        council.post(AgreementPaths.documentDelete, use: removeDocument)
    }

    /// The agreement, for the secretariat of a party.
    func kept(_ context: AppContext, _ action: AgreementAction = .record) async throws -> (CouncilScope, AgreementRecord) {
        let (scope, agreement, _) = try await agreements.agreement(context)
        try pages.require(AgreementRules.decide(action, by: scope.actor), context)
        return (scope, agreement)
    }

    /// Whether the route's council recorded the agreement the route names (false when there is none to find).
    func recorded(_ context: AppContext) async throws -> Bool {
        let (scope, agreement, _) = try await agreements.agreement(context)
        return agreement.councilId == scope.council.id
    }

    func back(_ scope: CouncilScope, _ agreement: AgreementRecord, notice: String, anchor: String) -> Response {
        .redirect(to: SiteURL.with(AgreementPaths.item.url(scope.slug, agreement.id), notice: notice) + "#\(anchor)", type: .normal)
    }

    /// The action's fields from the form; a refusal is 422 with its sentence, and nothing is stored.
    func actionFields(_ context: AppContext) throws -> AgreementActionFields {
        let form = context.form
        let line = { (name: String) in Validate.storable(form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let title = line("title"), owner = line("owner"), followUp = line("follow_up")
        guard !title.isEmpty else { throw PageError(.unprocessableContent, "agreement_action_error_title") }
        guard title.count <= 500, owner.count <= Validate.maximumNameLength, followUp.count <= Self.longestFollowUp
        else { throw PageError(.unprocessableContent, "agreement_error_too_long") }
        guard let council = form.text("council").flatMap({ Int64($0) }) else { throw PageError(.unprocessableContent, "agreement_action_error_owner") }
        guard let state = form.text("state").flatMap(ActionState.init(rawValue:)) else { throw PageError(.unprocessableContent, "error_malformed_form") }
        var due: String?
        if let raw = form.text("due_on") {
            guard let day = CivilDay(raw) else { throw PageError(.unprocessableContent, "agreement_action_error_due") }
            due = day.text
        }
        return AgreementActionFields(title: title, ownerCouncilID: council, owner: owner, dueOn: due, state: state.rawValue, followUp: followUp)
    }

    @Sendable func addAction(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context)
        let fields = try actionFields(context)
        do {
            _ = try await services.plans.addAction(agreementID: agreement.id, fields, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.notFound {
            throw PageError(.unprocessableContent, "agreement_action_error_owner")
        }
        return back(scope, agreement, notice: "saved", anchor: "plan")
    }

    @Sendable func updateAction(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context)
        guard let id = context.parameters.get("action", as: Int64.self) else { throw PageError.notFound }
        let fields = try actionFields(context)
        guard try await services.plans.actions(agreementID: agreement.id).contains(where: { $0.id == id }) else { throw PageError.notFound }
        do {
            try await services.plans.updateAction(id: id, agreementID: agreement.id, fields, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.notFound {
            throw PageError(.unprocessableContent, "agreement_action_error_owner")
        }
        return back(scope, agreement, notice: "saved", anchor: "plan")
    }

    @Sendable func deleteAction(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context)
        guard let id = context.parameters.get("action", as: Int64.self) else { throw PageError.notFound }
        do { try await services.plans.deleteAction(id: id, agreementID: agreement.id) } catch StoreError.notFound { throw PageError.notFound }
        return back(scope, agreement, notice: "deleted", anchor: "plan")
    }

    /// Shares one of the route's council's works with another party: its members, bureau and secretariat read the
    /// whole work while the agreement is in force.
    @Sendable func share(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context, .share)
        // A practice note, shared by name: read by the partner while the agreement is in force.
        if let note = context.form.text("note") {
            guard let grantee = context.form.text("grantee").flatMap({ Int64($0) }), let id = Int64(note)
            else { throw PageError(.unprocessableContent, "agreement_share_error") }
            do {
                _ = try await services.plans.shareNote(agreementID: agreement.id, grantingID: scope.council.id, granteeID: grantee, noteID: id,
                                                       at: services.clock.now().timeIntervalSince1970)
            } catch StoreError.notFound {
                throw PageError(.unprocessableContent, "agreement_share_error")
            }
            return back(scope, agreement, notice: "saved", anchor: "shared")
        }
        guard let grantee = context.form.text("grantee").flatMap({ Int64($0) }), let work = context.form.text("work").flatMap({ Int64($0) })
        else { throw PageError(.unprocessableContent, "agreement_share_error") }
        // With a last day, the partner may contribute until then (in this council's calendar).
        var due: CivilDay?
        if let raw = context.form.text("due_on") {
            guard let day = CivilDay(raw), CivilDay(services.clock.now(), in: scope.council.zone) <= day
            else { throw PageError(.unprocessableContent, "agreement_share_error_due") }
            due = day
        }
        do {
            _ = try await services.plans.shareWork(agreementID: agreement.id, grantingID: scope.council.id, granteeID: grantee, workID: work,
                                                   dueOn: due?.text, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.notFound {
            throw PageError(.unprocessableContent, "agreement_share_error")
        }
        return back(scope, agreement, notice: "saved", anchor: "shared")
    }

    @Sendable func unshare(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context, .share)
        guard let id = context.parameters.get("share", as: Int64.self) else { throw PageError.notFound }
        do {
            try await services.plans.unshare(id: id, agreementID: agreement.id, grantingID: scope.council.id)
        } catch StoreError.notFound { throw PageError.notFound }
        return back(scope, agreement, notice: "deleted", anchor: "shared")
    }

    /// The right is checked before a byte is read, and again once the file is in. The documents are kept under the
    /// council that recorded the agreement, whichever party adds them.
    @Sendable func addDocument(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context, .edit(isRecorder: try await recorded(context)))
        try await services.transfer.add(request, context: context, pages: pages, ownerKind: Self.ownerKind) {
            let current = try await CouncilScope.resolve(scope.council, account: context.account, memberships: services.memberships)
            try pages.require(AgreementRules.decide(.edit(isRecorder: agreement.councilId == scope.council.id), by: current.actor), context)
            guard try await services.agreements.find(id: agreement.id, partyID: scope.council.id) != nil else { throw PageError.notFound }
            return (agreement.councilId, agreement.id)
        }
        return back(scope, agreement, notice: "saved", anchor: "documents")
    }

    /// The parties' members and secretariats read its documents (working papers as well as the signed text).
    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        let (_, agreement) = try await kept(context, .follow)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: agreement.councilId, ownerKind: Self.ownerKind, ownerID: agreement.id)
        else { throw PageError.notFound }
        return try await services.transfer.download(attachment, context: context)
    }

    @Sendable func removeDocument(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement) = try await kept(context, .edit(isRecorder: try await recorded(context)))
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: agreement.councilId, ownerKind: Self.ownerKind, ownerID: agreement.id)
        else { throw PageError.notFound }
        try await services.transfer.remove(attachment, councilID: agreement.councilId)
        return back(scope, agreement, notice: "deleted", anchor: "documents")
    }
}
