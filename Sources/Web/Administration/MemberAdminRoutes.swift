import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Staff pages to add people to a council, set their role, group and commissions, and remove them.
struct MemberAdminRoutes {
    let services: AdminServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(AdminPaths.members, use: list)
        council.post(AdminPaths.members, use: add)
        council.get(AdminPaths.member, use: edit)
        council.post(AdminPaths.member, use: update)
        council.post(AdminPaths.memberDelete, use: remove)
        council.post(AdminPaths.invitationRevoke, use: revokeInvitation)
    }

    /// The roles the page offers: exactly those `RoleChanges` lets this person give.
    private func roleOptions(_ policy: CouncilPolicy, current: Role?, isSelf: Bool, selected: String, context: AppContext) -> [SelectOption] {
        RoleChanges.assignable(actor: policy.actor, from: current, isSelf: isSelf).map {
            SelectOption(value: $0.rawValue, label: pages.text($0.labelKey, context), selected: $0.rawValue == selected)
        }
    }

    private func groupOptions(_ council: Council, selected: Int64?, language: Language) async throws -> [SelectOption] {
        Formatting(language: language).sorted(try await services.groups.all(councilID: council.id), byName: \.name,
                                              councilDefault: council.language).map {
            SelectOption(value: "\($0.id)", label: pages.localized($0.name, language, councilDefault: council.language).text,
                         selected: $0.id == selected)
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderList(request, context, values: [:], error: nil)
    }

    func renderList(_ request: Request, _ context: AppContext, values: [String: String], error: String?,
                    status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let language = context.language
        let groups = try await services.groups.all(councilID: council.id)
        let mayViewPersonalData = policy.allows(.viewPersonalData)
        let rows = try await services.memberships.all(councilID: council.id).map { membership in
            MemberListPage.Row(
                name: membership.displayName, role: pages.text(membership.roleValue.labelKey, context),
                url: AdminPaths.member.url(council.slug, membership.id), email: mayViewPersonalData ? membership.email : nil,
                group: groups.first { $0.id == membership.groupId }.map { pages.localized($0.name, language, councilDefault: council.language) })
        }
        let format = Formatting(language: language, council: council)
        let invitations = try await services.invitations.pending(councilID: council.id, now: services.clock.now()).map { invitation in
            MemberListPage.Invitation(
                email: invitation.email, role: pages.text(invitation.roleValue.labelKey, context),
                expires: format.dateTime(Date(timeIntervalSince1970: invitation.expiresAt)),
                revokeAction: AdminPaths.invitationRevoke.url(council.slug, invitation.id),
                mayRevoke: policy.mayChange(from: nil, to: invitation.roleValue, isSelf: false).isAllowed)
        }
        let model = MemberListPage(
            rows: rows, values: values, action: AdminPaths.members.url(council.slug), backURL: AdminPaths.overview.url(council.slug),
            invitations: invitations, hasInvitations: !invitations.isEmpty,
            roleOptions: roleOptions(policy, current: nil, isSelf: false, selected: values["role"] ?? Role.member.rawValue, context: context),
            groupOptions: try await groupOptions(council, selected: values["group"].flatMap { Int64($0) }, language: language), error: error)
        return try await pages.page("admin-members", title: pages.text("admin_members", context), request: request,
                                   context: context, council: council, typed: model, status: status)
    }

    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let form = context.form
        let values = ["email": form["email"] ?? "", "role": form["role"] ?? "", "group": form["group"] ?? ""]
        do {
            let email = try Validate.email(form["email"])
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw ValidationFailure(field: "role", key: "error_role_invalid") }
            let isSelf = email == context.account?.email
            if case .forbidden(let key) = policy.mayChange(from: nil, to: role, isSelf: isSelf) {
                throw ValidationFailure(field: "role", key: key)
            }
            let groupID = role.sitsInAssembly ? form.text("group").flatMap { Int64($0) } : nil
            try Validate.membership(role: role, hasGroup: groupID != nil)
            if let account = try await services.accounts.find(email: email),
               try await services.memberships.find(accountID: account.id, councilID: council.id) != nil {
                throw StoreError.alreadyMember
            }
            let now = services.clock.now()
            // A new invitation replaces a pending one: only someone who could withdraw that one may.
            for pending in try await services.invitations.pending(councilID: council.id, now: now) where pending.email == email {
                if case .forbidden(let key) = policy.mayChange(from: nil, to: pending.roleValue, isSelf: isSelf) {
                    throw ValidationFailure(field: "role", key: key)
                }
            }
            let token = Tokens.make()
            try await services.invitations.create(councilID: council.id, email: email, role: role, groupID: groupID,
                                              tokenHash: Tokens.digest(token), invitedBy: context.account?.id, now: now,
                                              expiresAt: now.addingTimeInterval(InvitationRoutes.lifetime))
            let language = try await services.accounts.find(email: email)?.language ?? council.language
            let councilName = council.name.resolved(for: language, councilDefault: council.language)?.text ?? council.slug
            try await services.mailer.sendInvitation(to: email, council: councilName, role: pages.localizer.text(role.labelKey, language),
                                                 token: token, language: language)
            return .redirect(to: SiteURL.with(AdminPaths.members.url(council.slug), notice: "invited"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderList(request, context, values: values, error: pages.text(failure.key, context),
                                        status: .unprocessableContent).response(from: request, context: context)
        } catch let error as StoreError {
            let (status, key, _) = ErrorPageMiddleware.classify(error)
            return try await renderList(request, context, values: values, error: pages.text(key, context), status: status)
                .response(from: request, context: context)
        }
    }

    /// Withdraws a pending invitation: its link stops working.
    @Sendable func revokeInvitation(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let now = services.clock.now()
        guard let id = context.parameters.get("invitation", as: Int64.self),
              let invitation = try await services.invitations.pending(councilID: council.id, now: now).first(where: { $0.id == id })
        else { throw PageError.notFound }
        try pages.require(policy.mayChange(from: nil, to: invitation.roleValue, isSelf: false), context)
        try await services.invitations.revoke(id: id, councilID: council.id, now: now)
        return .redirect(to: SiteURL.with(AdminPaths.members.url(council.slug), notice: "deleted"), type: .normal)
    }

    private func membership(_ council: Council, _ context: AppContext) async throws -> Membership {
        guard let id = context.parameters.get("id", as: Int64.self),
              let membership = try await services.memberships.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        return membership
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderEdit(request, context, error: nil)
    }

    func renderEdit(_ request: Request, _ context: AppContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let membership = try await membership(council, context)
        let language = context.language
        let seats = Set(try await services.commissions.seats(councilID: council.id)
            .filter { $0.membershipID == membership.id }.map(\.commissionID))
        let commissions = Formatting(language: language).sorted(try await services.commissions.all(councilID: council.id), byName: \.name,
                                                                councilDefault: council.language).map {
            MemberEditPage.Commission(value: $0.id, label: pages.localized($0.name, language, councilDefault: council.language).text,
                                      checked: seats.contains($0.id))
        }
        let isSelf = membership.accountId == context.account?.id
        let photo = try await MemberPhotoRoutes.current(services.attachments, membership: membership)
        let model = MemberEditPage(
            name: membership.displayName, action: AdminPaths.member.url(council.slug, membership.id),
            deleteAction: AdminPaths.memberDelete.url(council.slug, membership.id), backURL: AdminPaths.members.url(council.slug),
            roleOptions: roleOptions(policy, current: membership.roleValue, isSelf: isSelf, selected: membership.role, context: context),
            mayRemove: policy.mayChange(from: membership.roleValue, to: nil, isSelf: isSelf).isAllowed,
            groupOptions: try await groupOptions(council, selected: membership.groupId, language: language),
            commissions: commissions,
            dutyForm: Duty.mayAssign(by: policy.actor).isAllowed ? MemberEditPage.DutyForm(options: Duty.allCases.map {
                MemberEditPage.DutyOption(value: $0.rawValue, label: pages.text($0.labelKey, context), checked: membership.dutySet.contains($0))
            }) : nil,
            photo: !membership.roleValue.sitsInAssembly ? nil : MemberEditPage.Photo(
                url: photo.map { MemberPhotoRoutes.url(council, membership, $0) }, alt: pages.text("member_photo_alt", context, ["name": membership.displayName]),
                action: AdminPaths.memberPhoto.url(council.slug, membership.id),
                deleteAction: photo == nil ? nil : AdminPaths.memberPhotoDelete.url(council.slug, membership.id),
                limit: pages.text("news_images_limit", context, ["size": Formatting(language: language).number(services.uploadLimit / 1_048_576)])),
            email: policy.allows(.viewPersonalData) ? membership.email : nil, error: error)
        return try await pages.page("admin-member", title: membership.displayName, request: request, context: context,
                                   council: council, typed: model, status: status)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let membership = try await membership(council, context)
        let form = context.form
        do {
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw ValidationFailure(field: "role", key: "error_role_invalid") }
            // Checked even when the role stays: changing the group or commissions of the bureau is a change too.
            try pages.require(policy.mayChange(from: membership.roleValue, to: role, isSelf: membership.accountId == context.account?.id), context)
            let groupID = role.sitsInAssembly ? form.text("group").flatMap { Int64($0) } : nil
            let commissionIDs = form.all("commission").compactMap { Int64($0) }
            // The duties' boxes come with the form only for those who may give them; anyone else who sends them is refused.
            var duties: Set<Duty>?
            if form["duties_shown"] != nil {
                try pages.require(Duty.mayAssign(by: policy.actor), context)
                let chosen = form.all("duty")
                guard chosen.allSatisfy({ Duty(rawValue: $0) != nil }) else { throw ValidationFailure(field: "duty", key: "error_duty_invalid") }
                duties = Set(chosen.compactMap(Duty.init(rawValue:)))
                if duties?.isEmpty == false, !Duty.holdable(by: role) { throw ValidationFailure(field: "duty", key: "error_duty_staff_only") }
            }
            try await services.memberships.update(id: membership.id, councilID: council.id, role: role, groupID: groupID, duties: duties,
                                                  now: services.clock.now())
            try await services.commissions.setSeats(membershipID: membership.id, commissionIDs: commissionIDs, councilID: council.id,
                                                    at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(AdminPaths.members.url(council.slug), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderEdit(request, context, error: pages.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        let policy = try pages.authorize(.manageMemberships, context)
        let membership = try await membership(council, context)
        try pages.require(policy.mayChange(from: membership.roleValue, to: nil, isSelf: membership.accountId == context.account?.id), context)
        try await services.memberships.remove(id: membership.id, councilID: council.id, now: services.clock.now())
        // The seat has ended: its photo goes with it.
        try await services.photos.removeAll(membership)
        return .redirect(to: SiteURL.with(AdminPaths.members.url(council.slug), notice: "deleted"), type: .normal)
    }
}
