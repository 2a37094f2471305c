import Cooperation
import Foundation
import HemicycleDomain
import Storage

/// Contributions to a partner's works: the routes' dependencies, and the rule of their window.
struct ContributionServices: Sendable {
    let contributions: PartnerContributionRepository
    let plans: AgreementPlanRepository
    let agreements: AgreementRepository
    let councils: CouncilRepository
    let memberships: MembershipRepository
    let works: WorkRepository
    let clock: any WallClock

    init(site: Site) {
        contributions = PartnerContributionRepository(database: site.database)
        plans = AgreementPlanRepository(database: site.database)
        agreements = AgreementRepository(database: site.database)
        councils = site.councils
        memberships = site.memberships
        works = WorkRepository(database: site.database)
        clock = site.clock
    }

    /// A work opened to the council's contributions, with what its page needs.
    struct Opening {
        let share: AgreementShare
        let agreement: AgreementRecord
        let receiver: Council
        let work: WorkRecord
        let window: ContributionWindow
        let isOpen: Bool
    }

    /// The works opened to `council`'s contributions, under agreements it is still a party to (the store drops what a
    /// council leaving an agreement was given).
    func openings(for council: Council) async throws -> [Opening] {
        let councils = Dictionary(try await self.councils.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var openings: [Opening] = []
        for (share, agreement) in try await plans.contributionOpenings(granteeID: council.id) {
            guard let receiver = councils[share.grantingCouncilId], let work = try await works.find(id: share.itemId, councilID: receiver.id) else { continue }
            let window = ContributionWindow(agreement: agreement.calendar, lastDay: share.dueOn.flatMap(CivilDay.init))
            openings.append(Opening(share: share, agreement: agreement, receiver: receiver, work: work, window: window,
                                    isOpen: window.isOpen(on: CivilDay(clock.now(), in: receiver.zone))))
        }
        return openings
    }

    /// Whether `council` may still contribute to `workID` under `agreementID`, today in the receiver's calendar.
    func isOpen(for council: Council, workID: Int64, agreementID: Int64) async throws -> Bool {
        try await openings(for: council).contains { $0.work.id == workID && $0.agreement.id == agreementID && $0.isOpen }
    }
}
