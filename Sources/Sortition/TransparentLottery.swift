
/// A uniform lottery over `tickets.count` panels: the final draw is one uniform pick of a ticket, which anyone can
/// check (Flanigan, Kehne, Procaccia, "Fair sortition made transparent", NeurIPS 2021).
public struct Lottery: Sendable {
    /// The panel on each ticket, in canonical order (equal panels on consecutive tickets).
    public let tickets: [PanelTemplate]
    /// The lottery as a distribution (each ticket has probability 1 / tickets.count).
    public let distribution: PanelDistribution
    /// The largest change of any volunteer's probability from the optimal distribution.
    public let largestDeviation: Double
    /// Whether every volunteer's probability is within one ticket (1 / m) of the optimal distribution's and the
    /// smallest is at least ⌊m × the optimal smallest⌋ / m: a lottery that loses no more than its granularity.
    public let withinOneTicket: Bool
}

public enum TransparentLottery {
    public static let defaultTickets = 1000
    /// Rounds each panel's probability λ·m to ⌊λ·m⌋ or ⌈λ·m⌉ tickets, m in all, so that the largest change of
    /// anyone's probability is as small as the search can make it: largest-remainder rounding, then a deterministic
    /// local search that moves one ticket at a time from a panel rounded up to one rounded down while that lowers the
    /// largest deviation (then the sum of squared deviations). Whether the result keeps within one ticket
    /// (`LotteryBounds`) is reported, not assumed. Two searches found nothing better on synthetic pools where it does
    /// not: the integer program of Flanigan, Kehne and Procaccia with any number of tickets per panel (CBC, started
    /// from this rounding, 20 s; on the support, and on one pool on every panel column generation met), and a local
    /// search moving tickets freely between support panels.
    public static func round(_ distribution: PanelDistribution, tickets m: Int = defaultTickets) throws(SortitionError) -> Lottery {
        guard m > 0 else { throw .invalidInstance("The lottery needs at least one ticket.") }
        let target = distribution.profileProbabilities
        let counts = improved(largestRemainder(distribution.weights, m), distribution: distribution, target: target, m: m)
        let violation = LotteryBounds.violation(counts: counts, distribution: distribution, target: target, m: m)
        var tickets: [PanelTemplate] = []
        for (panel, count) in zip(distribution.panels, counts) { tickets += Array(repeating: panel, count: count) }
        let used = zip(distribution.panels, counts).filter { $0.1 > 0 }
        let rounded = PanelDistribution(instance: distribution.instance, profiles: distribution.profiles, panels: used.map(\.0),
                                        weights: used.map { Double($0.1) / Double(m) })
        return Lottery(tickets: tickets, distribution: rounded, largestDeviation: deviation(counts: counts, distribution: distribution, target: target, m: m),
                       withinOneTicket: violation <= LotteryBounds.tolerance)
    }

    static func deviation(counts: [Int], distribution: PanelDistribution, target: [Double], m: Int) -> Double {
        var achieved = [Double](repeating: 0, count: target.count)
        for (panel, count) in zip(distribution.panels, counts) {
            for (profile, seats) in zip(panel.profiles, panel.counts) {
                achieved[profile] += Double(count * seats) / Double(m * distribution.profiles.size(profile))
            }
        }
        return zip(achieved, target).map { abs($0 - $1) }.max() ?? 0
    }

    /// Local search from a rounding: move one ticket from a panel rounded up to one rounded down while that lowers
    /// the largest deviation (then the sum of squared deviations); deterministic, and a good start for the program.
    static func improved(_ start: [Int], distribution: PanelDistribution, target: [Double], m: Int) -> [Int] {
        let profiles = distribution.profiles
        let lower = distribution.weights.map { Int(($0 * Double(m)).rounded(.down)) }
        let upper = distribution.weights.map { Int(($0 * Double(m)).rounded(.up)) }
        // Deviation of each profile, in tickets: Σ n_P a_uP − m π_u.
        var excess = target.map { -$0 * Double(m) }
        let columns = distribution.panels.map { panel in
            zip(panel.profiles, panel.counts).map { ($0, Double($1) / Double(profiles.size($0))) }
        }
        var counts = start
        for (column, count) in zip(columns, counts) { for (profile, a) in column { excess[profile] += Double(count) * a } }
        func score(_ values: [Double]) -> (Double, Double) {
            (values.map(abs).max() ?? 0, values.reduce(0) { $0 + $1 * $1 })
        }
        var current = score(excess)
        // A move changes only the profiles on its two panels: each pair is scored from those alone, with the largest
        // deviation elsewhere read from the profiles sorted by deviation (the first one off the two panels).
        var stamp = [Int](repeating: -1, count: excess.count)
        var delta = [Double](repeating: 0, count: excess.count)
        var touched: [Int] = []
        var pair = 0
        while true {
            var best: (from: Int, to: Int, score: (Double, Double))?
            let byDeviation = excess.indices.sorted { abs(excess[$0]) > abs(excess[$1]) }
            for from in counts.indices where counts[from] > lower[from] {
                for to in counts.indices where to != from && counts[to] < upper[to] {
                    pair += 1
                    touched.removeAll(keepingCapacity: true)
                    for (profile, a) in columns[from] {
                        if stamp[profile] != pair { stamp[profile] = pair; delta[profile] = 0; touched.append(profile) }
                        delta[profile] -= a
                    }
                    for (profile, a) in columns[to] {
                        if stamp[profile] != pair { stamp[profile] = pair; delta[profile] = 0; touched.append(profile) }
                        delta[profile] += a
                    }
                    var largest = 0.0, squares = current.1
                    for profile in touched {
                        let old = excess[profile], new = old + delta[profile]
                        squares += new * new - old * old
                        largest = max(largest, abs(new))
                    }
                    for profile in byDeviation where stamp[profile] != pair {
                        largest = max(largest, abs(excess[profile]))
                        break
                    }
                    let candidate = (largest, squares)
                    if candidate < (best?.score ?? current) { best = (from, to, candidate) }
                }
            }
            guard let move = best, move.score.0 < current.0 - 1e-12 || (abs(move.score.0 - current.0) <= 1e-12 && move.score.1 < current.1 - 1e-12) else { break }
            counts[move.from] -= 1
            counts[move.to] += 1
            for (profile, a) in columns[move.from] { excess[profile] -= a }
            for (profile, a) in columns[move.to] { excess[profile] += a }
            current = score(excess)
        }
        return counts
    }

    /// ⌊λ·m⌋ tickets each, then one more to the largest remainders until there are m.
    static func largestRemainder(_ weights: [Double], _ m: Int) -> [Int] {
        var counts = weights.map { Int(($0 * Double(m)).rounded(.down)) }
        let order = weights.indices.sorted { weights[$0] * Double(m) - Double(counts[$0]) > weights[$1] * Double(m) - Double(counts[$1]) }
        var missing = m - counts.reduce(0, +)
        for index in order where missing > 0 { counts[index] += 1; missing -= 1 }
        return counts
    }
}
