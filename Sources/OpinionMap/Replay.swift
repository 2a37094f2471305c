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
