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
}
