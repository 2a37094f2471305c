import HemicycleDomain
import Organisation
import Storage

/// Who votes at a sitting: the assembly's members for a plenary sitting, the commission's sitting members for its
/// meetings, the bureau's members and the president for the bureau's.
struct CouncilSittingVoters {
    /// The current seats that vote in `body`, in order of name.
    static func seats(body: SittingBody, commissionID: Int64?, seats: [Membership], commissionSeats: [(commissionID: Int64, membershipID: Int64)])
        -> [Membership] {
        let sitting = seats.filter(\.sits)
        switch body {
        case .plenary: return sitting
        case .commission:
            let members = Set(commissionSeats.filter { $0.commissionID == commissionID }.map(\.membershipID))
            return sitting.filter { members.contains($0.id) }
        case .bureau: return sitting.filter { $0.roleValue == .bureau || $0.roleValue == .president }
        }
    }

    /// Whether `seat` votes in the body of `sitting`.
    static func votes(_ seat: Membership, body: SittingBody, commissionID: Int64?, commissionSeats: [(commissionID: Int64, membershipID: Int64)]) -> Bool {
        !self.seats(body: body, commissionID: commissionID, seats: [seat], commissionSeats: commissionSeats).isEmpty
    }

    /// The voters of a sitting as its record needs them: the body's present voters, and the seats (ended or moved
    /// since) whose attendance or proxy is recorded, so that a held sitting keeps its record after a renewal.
    static func ofSitting(_ sitting: SittingRecord, services: CouncilSittingServices, councilID: Int64) async throws -> [Membership] {
        let all = try await services.memberships.all(councilID: councilID, includingEnded: true)
        let current = Self.seats(body: SittingBody(rawValue: sitting.body) ?? .plenary, commissionID: sitting.commissionId, seats: all,
                            commissionSeats: try await services.commissions.seats(councilID: councilID))
        var recorded = Set(try await services.sittings.attendance(sittingID: sitting.id).keys)
        for proxy in try await services.sittings.proxies(sittingID: sitting.id) { recorded.formUnion([proxy.giverId, proxy.holderId]) }
        let included = Set(current.map(\.id))
        return current + all.filter { recorded.contains($0.id) && !included.contains($0.id) }
    }
}
