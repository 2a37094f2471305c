import Cooperation
import Foundation
import HemicycleDomain
import Storage

/// What a partner council's people read of this council's works: a work this council shares with the partner under an
/// agreement is read in full (before publication too) by the partner's members, bureau and secretariat, on the days
/// the agreement is in force in this council's calendar; never by its citizens, never once it has expired or been
/// terminated. Reading is all they do: the work's forms and rules stay this council's.
struct PartnerReading: Sendable {
    let plans: AgreementPlanRepository
    let memberships: MembershipRepository

    func mayRead(workID: Int64, of council: Council, account: Account, now: Date) async throws -> Bool {
        let seats = try await memberships.all(accountID: account.id).filter { $0.councilId != council.id }
        guard !seats.isEmpty else { return false }
        let sharing = try await plans.agreementsSharing(kinds: AgreementShare.workKinds, itemID: workID, grantingID: council.id,
                                                        granteeIDs: seats.map(\.councilId))
        guard !sharing.isEmpty else { return false }
        let today = CivilDay(now, in: council.zone)
        return seats.contains { seat in
            PartnerAccess.mayRead(under: sharing.filter { $0.grantee == seat.councilId }.map(\.agreement.calendar), today: today,
                                  readerRole: Site.actor(account, seat).role)
        }
    }
}
