import HemicycleDomain
import Storage

/// What the budget's routes need: the budget, the council's commissions, missions, conventions and consultations a
/// line or commitment may serve, the accounts (the names the audit trail keeps) and the clock.
struct BudgetServices: Sendable {
    let budget: BudgetRepository
    let commissions: CommissionRepository
    let missions: MissionRepository
    let conventions: ConventionRepository
    let consultations: ConsultationRepository
    let clock: any WallClock

    init(site: Site) {
        budget = BudgetRepository(database: site.database)
        commissions = site.commissions
        missions = MissionRepository(database: site.database)
        conventions = ConventionRepository(database: site.database)
        consultations = ConsultationRepository(database: site.database)
        clock = site.clock
    }
}
