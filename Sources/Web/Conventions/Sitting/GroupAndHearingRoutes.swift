import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The convention's working groups (formed by the secretariat once the panel is drawn; proposals name the group that
/// drafted them) and the hearings of its sessions (who was heard, in what capacity, on what), kept by the secretariat.
struct GroupAndHearingRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(SittingPaths.groups, use: createGroup)
        council.post(SittingPaths.groupDelete, use: removeGroup)
        council.post(SittingPaths.hearings, use: addHearing)
        council.post(SittingPaths.hearingDelete, use: removeHearing)
    }

    func back(_ gate: ConventionGate, notice: String, anchor: String) -> Response {
        .redirect(to: SiteURL.with(SittingPaths.sessions.url(gate.council.slug, gate.record.id), notice: notice) + anchor, type: .normal)
    }

    @Sendable func createGroup(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        let name: String, remit: String
        do {
            name = try SittingInput.text(context.form, "name", limit: SittingInput.maximumNameLength, key: "convention_error_group_name")
            remit = try SittingInput.optionalText(context.form, "remit", limit: SittingInput.maximumTextLength, key: "convention_error_text_length") ?? ""
        } catch let failure as ValidationFailure {
            throw PageError(.unprocessableContent, failure.key)
        }
        _ = try await gate.write {
            try await services.groups.createGroup(conventionID: gate.record.id, councilID: gate.council.id, name: name, remit: remit,
                                                  at: services.clock.now().timeIntervalSince1970)
        }
        return back(gate, notice: "saved", anchor: "#groups")
    }

    @Sendable func removeGroup(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        guard let id = context.parameters.get("group", as: Int64.self) else { throw PageError.notFound }
        try await gate.write { try await services.groups.removeGroup(id: id, conventionID: gate.record.id, councilID: gate.council.id) }
        return back(gate, notice: "deleted", anchor: "#groups")
    }

    @Sendable func addHearing(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        guard let sessionID = context.parameters.get("session", as: Int64.self),
              let session = try await services.sittings.session(id: sessionID, conventionID: gate.record.id)
        else { throw PageError.notFound }
        let form = context.form
        let person: String, capacity: String, topic: String
        do {
            person = try SittingInput.text(form, "person", limit: SittingInput.maximumNameLength, key: "convention_error_hearing")
            capacity = try SittingInput.text(form, "capacity", limit: SittingInput.maximumNameLength, key: "convention_error_hearing")
            topic = try SittingInput.text(form, "topic", limit: SittingInput.maximumTitleLength, key: "convention_error_hearing")
        } catch let failure as ValidationFailure {
            throw PageError(.unprocessableContent, failure.key)
        }
        _ = try await gate.write {
            try await services.groups.addHearing(conventionID: gate.record.id, councilID: gate.council.id, sessionID: session.id, person: person,
                                                 capacity: capacity, topic: topic, at: services.clock.now().timeIntervalSince1970)
        }
        return back(gate, notice: "saved", anchor: "#session-\(session.number)")
    }

    @Sendable func removeHearing(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        guard let id = context.parameters.get("hearing", as: Int64.self) else { throw PageError.notFound }
        try await gate.write { try await services.groups.removeHearing(id: id, conventionID: gate.record.id, councilID: gate.council.id) }
        return back(gate, notice: "deleted", anchor: "")
    }
}
