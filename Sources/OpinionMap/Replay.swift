extension OpinionMapEngine {
    /// Feeds the votes in timestamp order and updates the map every `every` votes, carrying the
    /// state (warm starts, sticky inclusion, k smoothing) as the live conversation did.
    public static func replay(statements: [Statement], votes: [VoteRecord], every: Int,
                              parameters: OpinionMapParameters = .init(),
                              progress: ((Int, Int) -> Void)? = nil) -> OpinionMap {
        precondition(every > 0, "replay needs a positive update interval")
        let ordered = timeOrdered(votes)
        return replay(statements: statements, ordered: ordered, parameters: parameters, progress: progress) { start in
            min(start + every, ordered.count)
        }
    }

    /// Feeds the votes in timestamp order and updates the map once per `milliseconds` of the conversation's time that
    /// saw votes (a live Polis server recomputes when new votes have come in since the last update).
    public static func replay(statements: [Statement], votes: [VoteRecord], everyMilliseconds milliseconds: Int64,
                              parameters: OpinionMapParameters = .init(),
                              progress: ((Int, Int) -> Void)? = nil) -> OpinionMap {
        precondition(milliseconds > 0, "replay needs a positive update interval")
        let ordered = timeOrdered(votes)
        return replay(statements: statements, ordered: ordered, parameters: parameters, progress: progress) { start in
            let limit = ordered[start].timestamp + milliseconds
            var end = start + 1
            while end < ordered.count, ordered[end].timestamp < limit { end += 1 }
            return end
        }
    }

    /// Feeds the votes in the order participants arrived and updates the map every `participants` arrivals, for
    /// exports whose votes carry no time (Polis's participant matrix): Polis numbers participants in order of arrival,
    /// and statements in order of submission, so a participant's votes come after those of everyone who arrived
    /// before, in the order of the statements. Participants whose id is not a number come last, in the order they first
    /// appear.
    public static func replay(statements: [Statement], votes: [VoteRecord], everyParticipants participants: Int,
                              parameters: OpinionMapParameters = .init(),
                              progress: ((Int, Int) -> Void)? = nil) -> OpinionMap {
        precondition(participants > 0, "replay needs a positive number of participants per update")
        let ordered = arrivalOrdered(votes)
        return replay(statements: statements, ordered: ordered, parameters: parameters, progress: progress) { start in
            var seen = 0
            var end = start
            while end < ordered.count {
                if end == start || ordered[end].participant != ordered[end - 1].participant {
                    if seen == participants { break }
                    seen += 1
                }
                end += 1
            }
            return end
        }
    }

    static func arrivalOrdered(_ votes: [VoteRecord]) -> [VoteRecord] {
        // Participants whose id is not a number, in the order they first appear.
        var firstSeen: [String: Int] = [:]
        for vote in votes where Int(vote.participant) == nil && firstSeen[vote.participant] == nil {
            firstSeen[vote.participant] = firstSeen.count
        }
        return votes.enumerated().map { offset, vote in
            let number = Int(vote.participant)
            return (key: (number ?? Int.max, number == nil ? firstSeen[vote.participant]! : 0, vote.statement, offset), vote: vote)
        }
        .sorted { $0.key < $1.key }
        .map(\.vote)
    }

    static func timeOrdered(_ votes: [VoteRecord]) -> [VoteRecord] {
        votes.enumerated().sorted { a, b in
            a.element.timestamp != b.element.timestamp ? a.element.timestamp < b.element.timestamp : a.offset < b.offset
        }.map(\.element)
    }

    /// `batchEnd(start)` gives the end of the batch of votes that begins at `start`.
    static func replay(statements: [Statement], ordered: [VoteRecord], parameters: OpinionMapParameters,
                       progress: ((Int, Int) -> Void)?, batchEnd: (Int) -> Int) -> OpinionMap {
        guard !ordered.isEmpty else { return compute(statements: statements, votes: [], parameters: parameters) }
        var end = batchEnd(0)
        var updater = OpinionMapUpdater(statements: statements, votes: Array(ordered[..<end]), parameters: parameters)
        while end < ordered.count {
            progress?(end, ordered.count)
            let next = batchEnd(end)
            updater.update(with: Array(ordered[end..<next]))
            end = next
        }
        return updater.map
    }
}
