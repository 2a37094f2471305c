/// A synthetic conversation for benchmarks: opinion camps whose members agree with their camp's
/// positions, each participant seeing a subset of statements.
public enum SyntheticConversation {
    public static func make(participants: Int, statements: Int, votes: Int, camps: Int = 3, seed: UInt64 = 2021)
        -> (statements: [Statement], votes: [VoteRecord]) {
        var records: [VoteRecord] = []
        records.reserveCapacity(votes)
        generate(participants: participants, statements: statements, votes: votes, camps: camps, seed: seed) { person, statement, vote, time in
            records.append(VoteRecord(participant: person, statement: statement, vote: vote, timestamp: time))
        }
        return ((0..<statements).map { Statement(id: $0) }, records)
    }

    /// The same votes, handed one at a time to `vote` (participant, statement, vote, timestamp), so tens of millions
    /// of them can go straight into a `VoteMatrixBuilder`.
    public static func generate(participants: Int, statements: Int, votes: Int, camps: Int = 3, seed: UInt64 = 2021,
                                vote: (String, Int, Vote, Int64) -> Void) {
        var generator = SplitMix64(seed: seed)
        let positions = (0..<camps).map { _ in (0..<statements).map { _ in Int8.random(in: -1...1, using: &generator) } }
        let perPerson = max(1, min(statements, votes / max(participants, 1)))
        var time: Int64 = 0
        for person in 0..<participants {
            let camp = person % camps
            let id = String(person)
            let start = Int.random(in: 0..<statements, using: &generator)
            for offset in 0..<perPerson {
                let statement = (start + offset * 7) % statements
                time += 1
                let agreeing = Int.random(in: 0..<10, using: &generator) < 8
                let value = agreeing ? positions[camp][statement] : Int8.random(in: -1...1, using: &generator)
                vote(id, statement, Vote(rawValue: value)!, time)
            }
        }
    }
}
