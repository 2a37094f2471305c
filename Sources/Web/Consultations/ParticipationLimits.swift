import Consultations
import Synchronization

/// How often a participant, and an address, may vote and write: counted in this process's memory (a vote is too
/// frequent an action to count in the database), in fixed windows.
final class ParticipationLimits: Sendable {
    let votesPerParticipant: RateWindow
    let votesPerAddress: RateWindow
    let statementsPerParticipant: RateWindow
    let statementsPerAddress: RateWindow
    /// New participants one address may bring to the consultations in a window (each browser without the cookie is
    /// one): a school or a household shares an address, a script making participants by the thousand does not.
    let newParticipantsPerAddress: RateWindow
    private let counter = Mutex(RateCounter())

    /// A person reads a statement before voting: 60 votes a minute is already fast. An address may hide a household
    /// or a school behind one router, so it gets many times that.
    init(votesPerParticipant: RateWindow = RateWindow(maximum: 60, length: 60), votesPerAddress: RateWindow = RateWindow(maximum: 1_200, length: 60),
         statementsPerParticipant: RateWindow = RateWindow(maximum: 10, length: 3_600),
         statementsPerAddress: RateWindow = RateWindow(maximum: 100, length: 3_600),
         newParticipantsPerAddress: RateWindow = RateWindow(maximum: 200, length: 3_600)) {
        self.votesPerParticipant = votesPerParticipant
        self.votesPerAddress = votesPerAddress
        self.statementsPerParticipant = statementsPerParticipant
        self.statementsPerAddress = statementsPerAddress
        self.newParticipantsPerAddress = newParticipantsPerAddress
    }

    func allowNewParticipant(address: String, now: Double) -> Bool {
        counter.withLock { $0.allow("participant:a:" + address, window: newParticipantsPerAddress, now: now) }
    }

    /// Counts a vote; whether it stays within both limits.
    func allowVote(participant: String, address: String, now: Double) -> Bool {
        counter.withLock { counter in
            let byParticipant = counter.allow("vote:p:" + participant, window: votesPerParticipant, now: now)
            let byAddress = counter.allow("vote:a:" + address, window: votesPerAddress, now: now)
            return byParticipant && byAddress
        }
    }

    func allowStatement(participant: String, address: String, now: Double) -> Bool {
        counter.withLock { counter in
            let byParticipant = counter.allow("statement:p:" + participant, window: statementsPerParticipant, now: now)
            let byAddress = counter.allow("statement:a:" + address, window: statementsPerAddress, now: now)
            return byParticipant && byAddress
        }
    }
}
