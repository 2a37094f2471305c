extension OpinionMapEngine {
    /// Feeds the votes in timestamp order and updates the map every `every` votes, carrying the
    /// state (warm starts, sticky inclusion, k smoothing) as the live conversation did.
    public static func replay(statements: [Statement], votes: [VoteRecord], every: Int,
                              parameters: OpinionMapParameters = .init(),
                              progress: ((Int, Int) -> Void)? = nil) -> OpinionMap {
        precondition(every > 0, "replay needs a positive update interval")
        let ordered = votes.enumerated().sorted { a, b in
            a.element.timestamp != b.element.timestamp ? a.element.timestamp < b.element.timestamp : a.offset < b.offset
        }.map(\.element)
        var end = min(every, ordered.count)
        var updater = OpinionMapUpdater(statements: statements, votes: Array(ordered[..<end]), parameters: parameters)
        while end < ordered.count {
            progress?(end, ordered.count)
            let next = min(end + every, ordered.count)
            updater.update(with: Array(ordered[end..<next]))
            end = next
        }
        return updater.map
    }
}
