import HemicycleDomain
import Storage

/// What the activity report's routes need: the reports' narratives and the year's facts, the council's groups and
/// commissions (to name rows), its budget (the year's execution), and the clock.
struct ActivityReportServices: Sendable {
    let reports: ActivityReportRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let budget: BudgetRepository
    let clock: any WallClock

    init(site: Site) {
        reports = ActivityReportRepository(database: site.database)
        groups = site.groups
        commissions = site.commissions
        budget = BudgetRepository(database: site.database)
        clock = site.clock
    }
}
