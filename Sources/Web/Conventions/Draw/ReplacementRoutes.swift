import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Refusals and replacement draws: the secretariat records that someone drawn declined their seat, then asks for a
/// replacement draw, which the worker computes and the secretariat picks like the first (`DrawRoutes`).
struct ReplacementRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(ConventionPaths.refusal, use: refusal)
        council.post(ConventionPaths.replacement, use: replacement)
        council.post(ConventionPaths.drawAbandon, use: abandon)
    }

    /// The secretariat abandons the draw under way: a first draw under the rule of drawing (the pool reopens), a
    /// replacement under the rule of refusals.
    @Sendable func abandon(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        // Only the secretariat, whatever the draw's state; then the rule of the draw under way.
        try pages.require(gate.decide(.seeVolunteers), context)
        guard let draw = try await services.draws.draws(conventionID: gate.record.id).last,
              ["queued", "running", "committed"].contains(draw.status)
        else { throw PageError(.conflict, "convention_draw_conflict_nothing_to_abandon") }
        let first = draw.withdrawn == nil
        // Once the seed can be known, a committed lottery's panel can be computed by anyone: abandoning it then would
        // let the secretariat see the panel and draw again. Only the pick remains.
        if draw.status == "committed", services.clock.now().timeIntervalSince1970 >= draw.seedNotBefore {
            throw PageError(.conflict, "convention_draw_conflict_abandon_too_late")
        }
        try pages.require(gate.decide(first ? .draw : .recordRefusal), context)
        do {
            try await services.draws.abandon(conventionID: gate.record.id, councilID: gate.council.id,
                                             whileIn: first ? ["committed"] : ["drawn", "sitting"], at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_draw_conflict_nothing_to_abandon")
        }
        let target = first ? ConventionPaths.item.url(gate.council.slug, gate.record.id) : ConventionPaths.draw.url(gate.council.slug, gate.record.id)
        return .redirect(to: SiteURL.with(target, notice: "convention_draw_abandoned"), type: .normal)
    }

    /// A person drawn declined their seat.
    @Sendable func refusal(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.recordRefusal), context)
        guard let reference = context.form.text("reference") else { throw PageError(.unprocessableContent, "convention_draw_error_reference") }
        do {
            guard try await services.draws.recordRefusal(conventionID: gate.record.id, councilID: gate.council.id, reference: reference,
                                                         at: services.clock.now().timeIntervalSince1970)
            else { throw PageError(.unprocessableContent, "convention_draw_error_reference") }
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_status")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.draw.url(gate.council.slug, gate.record.id), notice: "convention_refusal_recorded"),
                         type: .normal)
    }

    /// A replacement draw for the seats of the people who declined, computed by the worker like the first.
    @Sendable func replacement(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.recordRefusal), context)
        let now = services.clock.now().timeIntervalSince1970
        let announcement = try SeedAnnouncementInput.parse(context.form, council: gate.council, now: now)
        do {
            _ = try await services.draws.requestReplacement(conventionID: gate.record.id, councilID: gate.council.id, seed: announcement, at: now)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_draw_conflict_replacement")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.draw.url(gate.council.slug, gate.record.id), notice: "convention_draw_requested"),
                         type: .normal)
    }
}

/// The announcement of the seed, read from the form that asks for a draw: where the seed will come from, and from
/// when it can be entered (in the council's time zone, after now).
enum SeedAnnouncementInput {
    static let maximumSourceLength = 300

    static func parse(_ form: Form, council: Council, now: Double) throws -> SeedAnnouncement {
        guard let source = form.text("seed_source")?.trimmingCharacters(in: .whitespacesAndNewlines), !source.isEmpty,
              source.count <= maximumSourceLength,
              // Shown as typed: nothing that reorders or hides text.
              !source.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) })
        else { throw PageError(.unprocessableContent, "convention_draw_error_seed_source") }
        // Within a year: a draw announced further away would hold the convention that long.
        guard let notBefore = WorkActionRoutes.date(form.text("seed_not_before"), in: council.zone), notBefore > now,
              notBefore < now + 366 * 86_400
        else {
            throw PageError(.unprocessableContent, "convention_draw_error_seed_not_before")
        }
        return SeedAnnouncement(source: source, notBefore: notBefore)
    }
}
