import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The council's administration (`/{council}/secretariat`): read by its staff and bureau (401 for a visitor, 403 for
/// anyone else), kept by its administrators.
struct SecretariatRoutes {
    let services: SecretariatServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(SecretariatPaths.page, use: page)
        council.post(SecretariatPaths.units, use: addUnit)
        council.post(SecretariatPaths.unitDelete, use: removeUnit)
        council.post(SecretariatPaths.posts, use: addPost)
        council.post(SecretariatPaths.postHolder, use: setHolder)
        council.post(SecretariatPaths.postDelete, use: removePost)
        council.post(SecretariatPaths.assignments, use: assign)
        council.post(SecretariatPaths.assignmentDelete, use: unassign)
    }

    /// Works not yet adopted, rejected or published: those the secretariat prepares.
    static func inPreparation(_ status: String) -> Bool {
        guard let status = WorkStatus(rawValue: status) else { return false }
        return ![.adopted, .rejected, .published].contains(status)
    }

    func render(_ request: Request, _ context: AppContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(SecretariatRules.decide(scope.actor, .see), context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let keeps = SecretariatRules.decide(scope.actor, .keep).isAllowed
        let units = try await services.secretariat.units(councilID: council.id)
        let posts = try await services.secretariat.posts(councilID: council.id)
        let assignments = try await services.secretariat.assignments(councilID: council.id)
        let seats = try await services.memberships.all(councilID: council.id)
        let staffSeats = format.sorted(seats.filter { ($0.role == Role.staff.rawValue || $0.role == Role.administrator.rawValue) && $0.endedAt == nil },
                                       by: \.displayName)
        let names = Dictionary(seats.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let commissions = try await services.commissions.all(councilID: council.id)
        let commissionNames = Dictionary(commissions.map { ($0.id, pages.localized($0.name, language, councilDefault: council.language).text) },
                                         uniquingKeysWith: { first, _ in first })
        let works = try await services.works.all(councilID: council.id)
        let workTitles = Dictionary(works.map { ($0.id, pages.localized($0.title, language, councilDefault: council.language).text) },
                                    uniquingKeysWith: { first, _ in first })
        let workload = SecretariatWorkload(
            assignments: assignments.map { .init(seat: $0.membershipId, commission: $0.commissionId, work: $0.workId) },
            works: works.map { .init(id: $0.id, commission: $0.commissionId, inPreparation: Self.inPreparation($0.status)) })

        func post(_ record: SecretariatPostRecord) -> SecretariatPage.Post {
            let title = pages.localized(record.title, language, councilDefault: council.language)
            return SecretariatPage.Post(
                id: record.id, title: title,
                grade: record.grade.isEmpty ? nil : pages.text("secretariat_grade_of", context, ["grade": record.grade]),
                holder: record.holderId.flatMap { names[$0] }.map { pages.text("secretariat_held_by", context, ["name": $0]) },
                form: keeps ? SecretariatPage.HolderForm(
                    action: SecretariatPaths.postHolder.url(council.slug, record.id),
                    label: pages.text("secretariat_holder_of", context, ["post": title.text]),
                    options: [SelectOption(value: "", label: pages.text("secretariat_vacant", context), selected: record.holderId == nil)]
                        + staffSeats.map { SelectOption(value: String($0.id), label: $0.displayName, selected: $0.id == record.holderId) }) : nil,
                deleteAction: keeps ? SecretariatPaths.postDelete.url(council.slug, record.id) : nil)
        }
        let postsByUnit = Dictionary(grouping: posts, by: \.unitId)
        let children = Dictionary(grouping: units.compactMap { unit in unit.parentId.map { ($0, unit) } }, by: \.0).mapValues { $0.map(\.1) }
        func unit(_ record: SecretariatUnitRecord) -> SecretariatPage.Unit {
            let services = (children[record.id] ?? []).map(unit)
            let held = (postsByUnit[record.id] ?? []).map(post)
            return SecretariatPage.Unit(
                id: record.id, name: pages.localized(record.name, language, councilDefault: council.language), posts: held, hasPosts: !held.isEmpty,
                services: services, hasServices: !services.isEmpty,
                deleteAction: keeps && SecretariatRules.mayRemoveUnit(children: services.count, posts: held.count).isAllowed
                    ? SecretariatPaths.unitDelete.url(council.slug, record.id) : nil)
        }
        let directions = units.filter { $0.parentId == nil }.map(unit)
        let postOf = Dictionary(posts.compactMap { post in post.holderId.map { ($0, pages.localized(post.title, language, councilDefault: council.language).text) } },
                                uniquingKeysWith: { first, _ in first })
        let byStaff = Dictionary(grouping: assignments, by: \.membershipId)
        let staff = staffSeats.map { seat in
            let rows = (byStaff[seat.id] ?? []).map { assignment in
                let label = assignment.commissionId.map { pages.text("secretariat_assigned_commission", context, ["name": commissionNames[$0] ?? ""]) }
                    ?? pages.text("secretariat_assigned_work", context, ["title": assignment.workId.flatMap { workTitles[$0] } ?? ""])
                let url = assignment.commissionId.map { CouncilPaths.commission.url(council.slug, $0) }
                    ?? assignment.workId.map { WorkPaths.item.url(council.slug, $0) } ?? ""
                return SecretariatPage.Assignment(label: label, url: url,
                                                  deleteAction: keeps ? SecretariatPaths.assignmentDelete.url(council.slug, assignment.id) : nil)
            }
            return SecretariatPage.Staff(name: seat.displayName, post: postOf[seat.id], assignments: rows, hasAssignments: !rows.isEmpty,
                                         workload: pages.plural("secretariat_works_followed", count: workload.worksBySeat[seat.id]?.count ?? 0, context,
                                                                format: format))
        }
        let commissionRows = format.sorted(commissions, by: { commissionNames[$0.id] ?? "" }).map { commission in
            SecretariatPage.Commission(
                name: commissionNames[commission.id] ?? "", url: CouncilPaths.commission.url(council.slug, commission.id),
                works: pages.plural("secretariat_works_in_preparation", count: workload.worksByCommission[commission.id]?.count ?? 0, context, format: format),
                staff: pages.plural("secretariat_staff_count", count: workload.staffByCommission[commission.id]?.count ?? 0, context, format: format))
        }
        let directionOptions = units.filter { $0.kind == SecretariatUnitKind.direction.rawValue }.map {
            SelectOption(value: String($0.id), label: pages.localized($0.name, language, councilDefault: council.language).text, selected: false)
        }
        let unitOptions = units.map { SelectOption(value: String($0.id), label: pages.localized($0.name, language, councilDefault: council.language).text, selected: false) }
        let subjects = format.sorted(commissions, by: { commissionNames[$0.id] ?? "" }).map {
            SelectOption(value: "commission:\($0.id)", label: pages.text("secretariat_assigned_commission", context, ["name": commissionNames[$0.id] ?? ""]),
                         selected: false)
        } + works.filter { Self.inPreparation($0.status) }.map {
            SelectOption(value: "work:\($0.id)", label: pages.text("secretariat_assigned_work", context, ["title": workTitles[$0.id] ?? ""]), selected: false)
        }
        let forms = keeps ? SecretariatPage.Forms(
            unitAction: SecretariatPaths.units.url(council.slug),
            kinds: SecretariatUnitKind.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("secretariat_kind_\($0.rawValue)", context), selected: false) },
            directions: [SelectOption(value: "", label: pages.text("secretariat_no_parent", context), selected: true)] + directionOptions,
            postAction: SecretariatPaths.posts.url(council.slug), units: unitOptions, hasUnits: !unitOptions.isEmpty,
            assignmentAction: SecretariatPaths.assignments.url(council.slug),
            staff: staffSeats.map { SelectOption(value: String($0.id), label: $0.displayName, selected: false) }, subjects: subjects,
            hasStaff: !staffSeats.isEmpty) : nil
        let model = SecretariatPage(directions: directions, hasDirections: !directions.isEmpty, staff: staff, hasStaff: !staff.isEmpty,
                                    commissions: commissionRows, hasCommissions: !commissionRows.isEmpty, forms: forms, error: error)
        return try await pages.page("secretariat", title: pages.text("secretariat_title", context), request: request, context: context, council: council,
                                    typed: model, status: status)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        try await render(request, context)
    }

    /// Runs an administrator's change; bad input (422) and the rule's refusals (409) show the page again with the
    /// sentence; what belongs to another council is 404.
    func changing(_ request: Request, _ context: AppContext, anchor: String, _ change: (CouncilScope) async throws -> Void) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(SecretariatRules.decide(scope.actor, .keep), context)
        do {
            try await change(scope)
            return .redirect(to: SiteURL.with(SecretariatPaths.page.url(scope.slug), notice: "saved") + anchor, type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(request, context, error: pages.text(failure.key, context), status: .unprocessableContent).response(from: request, context: context)
        } catch let refused as SecretariatChangeRefused {
            guard case .refused(let key) = refused else { throw PageError.notFound }
            return try await render(request, context, error: pages.text(key, context), status: .conflict).response(from: request, context: context)
        }
    }

    /// A name or title in the council's languages, at least one, 200 characters at most each.
    static func names(_ form: Form, _ prefix: String) throws -> LocalizedText {
        var values: [Language: String] = [:]
        for language in Language.allCases {
            let text = Validate.storable(form.text("\(prefix)_\(language.rawValue)") ?? "")
            guard text.count <= Validate.maximumNameLength else { throw ValidationFailure(field: prefix, key: "secretariat_error_name") }
            if !text.isEmpty { values[language] = text }
        }
        guard !values.isEmpty else { throw ValidationFailure(field: prefix, key: "secretariat_error_name") }
        return LocalizedText(values)
    }

    static func id(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let id = Int64(text) else { throw PageError.malformedForm }
        return id
    }

    @Sendable func addUnit(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#organisation") { scope in
            guard let kind = context.form.text("kind").flatMap(SecretariatUnitKind.init(rawValue:)) else { throw PageError.malformedForm }
            let name = try Self.names(context.form, "name")
            let parent = try Self.id(context.form.text("parent"))
            _ = try await services.secretariat.addUnit(councilID: scope.council.id, parentID: parent, kind: kind.rawValue, name: name,
                                                       at: services.clock.now().timeIntervalSince1970) { parentKind in
                SecretariatRules.mayPlace(kind, under: parentKind.flatMap(SecretariatUnitKind.init(rawValue:))).refusal
            }
        }
    }

    @Sendable func removeUnit(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#organisation") { scope in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            try await services.secretariat.removeUnit(id: id, councilID: scope.council.id) { SecretariatRules.mayRemoveUnit(children: $0, posts: $1).refusal }
        }
    }

    @Sendable func addPost(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#organisation") { scope in
            guard let unit = try Self.id(context.form.text("unit")) else { throw ValidationFailure(field: "unit", key: "secretariat_error_unit") }
            let title = try Self.names(context.form, "title")
            let grade = Validate.storable(context.form.text("grade") ?? "")
            guard grade.count <= 100 else { throw ValidationFailure(field: "grade", key: "secretariat_error_grade") }
            _ = try await services.secretariat.addPost(councilID: scope.council.id, unitID: unit, title: title, grade: grade,
                                                       at: services.clock.now().timeIntervalSince1970)
        }
    }

    @Sendable func setHolder(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#organisation") { scope in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            let holder = try Self.id(context.form.text("holder"))
            try await services.secretariat.setHolder(postID: id, councilID: scope.council.id, holderID: holder,
                                                     at: services.clock.now().timeIntervalSince1970) { role, held in
                SecretariatRules.mayHold(role: Role(rawValue: role), postsHeld: held).refusal
            }
        }
    }

    @Sendable func removePost(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#organisation") { scope in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            try await services.secretariat.removePost(id: id, councilID: scope.council.id)
        }
    }

    @Sendable func assign(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#staff") { scope in
            guard let seat = try Self.id(context.form.text("seat")) else { throw ValidationFailure(field: "seat", key: "secretariat_error_holder") }
            let parts = (context.form.text("subject") ?? "").split(separator: ":")
            guard parts.count == 2, let subject = Int64(parts[1]), parts[0] == "commission" || parts[0] == "work" else {
                throw ValidationFailure(field: "subject", key: "secretariat_error_subject")
            }
            _ = try await services.secretariat.assign(councilID: scope.council.id, seatID: seat, commissionID: parts[0] == "commission" ? subject : nil,
                                                      workID: parts[0] == "work" ? subject : nil, at: services.clock.now().timeIntervalSince1970) { role, duplicate in
                SecretariatRules.mayAssign(role: Role(rawValue: role), duplicate: duplicate).refusal
            }
        }
    }

    @Sendable func unassign(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, anchor: "#staff") { scope in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            try await services.secretariat.unassign(id: id, councilID: scope.council.id)
        }
    }
}
