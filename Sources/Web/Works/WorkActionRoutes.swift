import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Forms that move a work item along: state changes, rapporteurs, deadlines, draft versions, hearings,
/// contributions, declarations and dissent.
struct WorkActionRoutes {
    let services: WorkServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(WorkPaths.move, use: move)
        council.post(WorkPaths.rapporteurs, use: addRapporteur)
        council.post(WorkPaths.amendmentDeadline, use: amendmentDeadline)
        council.post(WorkPaths.versions, use: addVersion)
        council.post(WorkPaths.hearings, use: addHearing)
        council.post(WorkPaths.contributions, use: addContribution)
        council.post(WorkPaths.declarations, use: declare)
        council.post(WorkPaths.dissents, use: addDissent)
        council.post(WorkPaths.demandPlenary, use: demandPlenary)
    }

    /// The work item of the route, loaded only as far as `action` needs to be decided, and refused as the rules
    /// refuse it: 401 for a visitor, 403 without the right, 409 in a state that forbids it.
    func gate(_ action: WorkAction, _ context: AppContext) async throws -> WorkGate {
        let gate = try await WorkGate.load(services: services, context: context)
        try pages.require(gate.decide(action), context)
        return gate
    }

    /// The whole dossier, once `action` is allowed, for the forms that check what they receive against it.
    func dossier(_ action: WorkAction, _ context: AppContext) async throws -> WorkDossier {
        try await WorkDossier.load(gate: gate(action, context), services: services)
    }

    /// Refuses what the rules refuse (the decision depends on more than the work item's state).
    func require(_ action: WorkAction, _ dossier: WorkDossier, _ context: AppContext) throws {
        try pages.require(dossier.decide(action), context)
    }

    func back(_ gate: WorkGate, notice: String, anchor: String = "") -> Response {
        back(council: gate.council, workID: gate.work.id, notice: notice, anchor: anchor)
    }

    func back(_ dossier: WorkDossier, notice: String, anchor: String = "") -> Response {
        back(council: dossier.council, workID: dossier.work.id, notice: notice, anchor: anchor)
    }

    func back(council: Council, workID: Int64, notice: String, anchor: String) -> Response {
        .redirect(to: SiteURL.with(WorkPaths.item.url(council.slug, workID), notice: notice) + anchor, type: .normal)
    }

    /// A `datetime-local` value, read in the council's time zone, or nil.
    static func date(_ text: String?, in timeZone: TimeZone) -> Double? {
        guard let text, !text.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        return nil
    }

    static func invalid(_ key: String) -> PageError { PageError(.unprocessableContent, key) }

    @Sendable func move(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await WorkGate.load(services: services, context: context)
        let form = context.form
        guard let target = form.text("to").flatMap(WorkStatus.init(rawValue:)) else { throw PageError.malformedForm }
        // Who takes the step, and that the votes allow it (a text is adopted or rejected only as its last ballot
        // on the whole text says): one rule, the page's too.
        try pages.require(dossier.decide(.move(to: target)), context)
        var commissionID: Int64?, deadline: Double?
        if target == .assigned {
            guard let id = form.text("commission").flatMap(Int64.init),
                  try await services.commissions.find(id: id, councilID: dossier.council.id) != nil else { throw Self.invalid("work_error_commission") }
            guard let due = Self.date(form["deadline"], in: dossier.council.zone) else { throw Self.invalid("work_error_deadline") }
            commissionID = id
            deadline = due
        }
        var delayDays: Int?
        if target == .adoptedInCommission && dossier.procedure == .simplified {
            guard let days = form.text("delay").flatMap(Int.init), (1...60).contains(days) else { throw Self.invalid("work_error_plenary_delay_days") }
            delayDays = days
        }
        try await services.works.move(id: dossier.work.id, councilID: dossier.council.id, from: dossier.status.rawValue, to: target.rawValue, note: form.text("note"),
                                  accountID: context.account?.id, commissionID: commissionID, deadline: deadline,
                                  at: services.clock.now().timeIntervalSince1970)
        if let delayDays {
            try await services.works.setPlenaryDemandDeadline(id: dossier.work.id, councilID: dossier.council.id,
                                                          deadline: services.clock.now().timeIntervalSince1970 + Double(delayDays) * 86_400)
        }
        return back(dossier, notice: "saved")
    }

    /// Simplified procedure: a member demands that the text go to the plenary.
    @Sendable func demandPlenary(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.demandPlenary, context)
        try await services.works.demandPlenary(id: dossier.work.id, councilID: dossier.council.id, note: dossier.membership?.displayName ?? "",
                                           accountID: context.account?.id, at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "plenary_demanded")
    }

    @Sendable func addRapporteur(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.designateRapporteur, context)
        guard let id = context.form.text("membership").flatMap(Int64.init),
              let member = try await services.memberships.find(id: id, councilID: dossier.council.id),
              member.isCurrent, member.roleValue.sitsInAssembly else { throw Self.invalid("work_error_rapporteur") }
        try await services.works.addRapporteur(workID: dossier.work.id, membershipID: member.id)
        return back(dossier, notice: "saved")
    }

    @Sendable func amendmentDeadline(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.setAmendmentDeadline, context)
        guard let deadline = Self.date(context.form["deadline"], in: dossier.council.zone) else { throw Self.invalid("work_error_deadline") }
        try await services.works.setAmendmentDeadline(id: dossier.work.id, councilID: dossier.council.id, deadline: deadline)
        return back(dossier, notice: "saved")
    }

    @Sendable func addVersion(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.fileVersion, context)
        let parsed = DraftMarkup.parse(context.form["text"] ?? "")
        guard !parsed.isEmpty else { throw Self.invalid("work_error_empty_text") }
        guard parsed.reduce(0, { $0 + $1.text.count }) <= DraftText.maximumCharacters else {
            throw PageError(.contentTooLarge, "work_error_text_too_long",
                            ["maximum": Formatting(language: context.language).number(DraftText.maximumCharacters)])
        }
        let previous = try await services.drafts.versions(workID: dossier.work.id).last.map {
            (try? JSONDecoder().decode(DraftText.self, from: Data($0.body.utf8))) ?? DraftText(blocks: [])
        }
        let text = BlockAlignment.align(previous: previous, parsed: parsed, newIdentifier: services.ids.next)
        try await services.drafts.addVersion(workID: dossier.work.id, body: Self.json(text), note: context.form.text("note"),
                                         at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "saved", anchor: "#text")
    }


    static func json(_ text: DraftText) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(text), as: UTF8.self)
    }

    @Sendable func addHearing(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.recordHearing, context)
        let form = context.form
        guard let person = form.text("person") else { throw Self.invalid("work_error_person") }
        guard let held = Self.date(form["date"], in: dossier.council.zone) else { throw Self.invalid("work_error_deadline") }
        try await services.works.addHearing(workID: dossier.work.id, person: person, capacity: form.text("capacity"), heldAt: held, notes: form.text("notes"))
        return back(dossier, notice: "saved")
    }

    @Sendable func addContribution(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.recordContribution, context)
        let form = context.form
        guard let author = form.text("author"), let title = form.text("title"), let body = form.text("body"),
              let kind = form.text("kind"), ["member", "group", "staff", "partner"].contains(kind) else { throw Self.invalid("work_error_contribution") }
        try await services.works.addContribution(workID: dossier.work.id, author: author, authorKind: kind, title: title, body: body,
                                             at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "saved")
    }

    @Sendable func declare(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(.recordDeclaration, context)
        guard let group = context.form.text("group").flatMap(Int64.init),
              try await services.groups.find(id: group, councilID: dossier.council.id) != nil,
              let body = context.form.text("body") else { throw Self.invalid("work_error_declaration") }
        try await services.works.declare(workID: dossier.work.id, groupID: group, body: body, at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "saved")
    }

    @Sendable func addDissent(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await dossier(.recordDissent, context)
        let form = context.form
        guard let block = form.text("block"), dossier.current?.text.block(block) != nil,
              let holder = form.text("holder"), let body = form.text("body") else { throw Self.invalid("work_error_dissent") }
        let group = form.text("group").flatMap(Int64.init).flatMap { dossier.groups[$0] != nil ? $0 : nil }
        try await services.works.addDissent(workID: dossier.work.id, blockID: block, holder: holder, groupID: group, body: body,
                                        at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "saved", anchor: "#b-\(block)")
    }
}
