import Conventions
import HemicycleDomain
import Hummingbird
import Storage

/// The convention named by the route's `{id}` in the route's council, with its criteria as a quota plan and what the
/// visitor is there. One the visitor may not see is reported as not found, so nothing about it leaks.
struct ConventionGate: Sendable {
    let council: Council
    let record: ConventionRecord
    let status: ConventionStatus
    let actor: ConventionActor
    let stored: [StoredCriterion]
    let plan: QuotaPlan
    /// The visitor's seat on the panel (`convention_panel`), when they hold one.
    let seat: Int64?

    func decide(_ action: ConventionAction) -> Decision { ConventionRules.decide(action, by: actor, status: status) }
    func may(_ action: ConventionAction) -> Bool { decide(action).isAllowed }

    static func load(services: ConventionServices, context: AppContext) async throws -> ConventionGate {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self),
              let record = try await services.conventions.find(id: id, councilID: scope.council.id),
              let status = ConventionStatus(rawValue: record.status)
        else { throw PageError.notFound }
        // A seat on the panel: the person drawn signs in with the account they registered with, or with the address
        // they gave (verified).
        var seat: Int64?
        if let account = context.account, [.drawn, .sitting, .reported].contains(status) {
            seat = try await services.sittings.seat(conventionID: id, accountID: account.id, verifiedEmail: account.isVerified ? account.email : nil)
        }
        let actor = ConventionActor(scope.actor, isPanelMember: seat != nil)
        guard ConventionRules.decide(.see, by: actor, status: status).isAllowed else { throw PageError.notFound }
        let stored = try await services.conventions.criteria(conventionID: id)
        return ConventionGate(council: scope.council, record: record, status: status, actor: actor, stored: stored,
                              plan: plan(record, stored), seat: seat)
    }

    /// The stored criteria and quotas as the rules read them.
    static func plan(_ record: ConventionRecord, _ stored: [StoredCriterion]) -> QuotaPlan {
        QuotaPlan(
            criteria: stored.map { criterion in
                Criterion(key: criterion.key, name: criterion.name, values: criterion.values.map {
                    CriterionValue(key: $0.key, name: $0.name, populationShare: $0.populationShare)
                })
            },
            panelSize: record.panelSize, tolerance: record.tolerance,
            quotas: stored.map { $0.values.map { Quota(min: $0.quotaMin, max: $0.quotaMax) } })
    }

    /// The definition as stored, to rewrite part of it.
    var definition: ConventionDefinition {
        ConventionDefinition(title: record.title, mandate: record.mandate, workID: record.workId, panelSize: record.panelSize,
                             tolerance: record.tolerance, onePerHousehold: record.onePerHousehold)
    }
}

extension ConventionStatus {
    /// The statuses a visitor with these capacities may see in lists.
    static func visible(to actor: ConventionActor) -> [ConventionStatus] {
        allCases.filter { ConventionRules.decide(.see, by: actor, status: $0).isAllowed }
    }
}

extension ConventionGate {
    /// Runs a write whose transaction checks the convention's status again: a status changed since the gate read it
    /// (another request moved the convention) is a 409 saying so.
    func write<T>(conflict key: String = "convention_conflict_status", _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.stateChanged {
            throw PageError(.conflict, key)
        }
    }
}
