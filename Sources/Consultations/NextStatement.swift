/// Which statement a participant sees next: one they have not voted on, drawn with a chance proportional to its
/// priority (Polis's way: statements the map needs most come first, but not always the same one for everyone).
public enum NextStatement {
    /// Priority given to a statement the map has not weighed yet (new since the last computation): Polis puts new
    /// statements forward so they gather votes.
    public static let newStatementPriority = 3.0

    /// - Parameters:
    ///   - candidates: statements shown, in a stable order, each with its priority (nil when the map has none yet).
    ///   - voted: statements the participant already voted on.
    ///   - random: a number in [0, 1).
    public static func choose<ID: Hashable>(_ candidates: [(id: ID, priority: Double?)], voted: Set<ID>, random: Double) -> ID? {
        let open = candidates.filter { !voted.contains($0.id) }
        guard !open.isEmpty else { return nil }
        let weights = open.map { candidate -> Double in
            guard let priority = candidate.priority, priority.isFinite else { return newStatementPriority }
            // A floor keeps every statement reachable: a priority of zero would hide it for ever.
            return max(priority, 1e-3)
        }
        let total = weights.reduce(0, +)
        var target = min(max(random, 0), 0.999_999_999) * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return open[index].id }
            target -= weight
        }
        return open.last?.id
    }
}
