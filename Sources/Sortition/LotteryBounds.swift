/// What a lottery of m tickets owes the distribution it rounds: every profile's expected tickets Σ_P t_P a_uP within
/// one ticket of m π_u, and at least ⌊m π_min⌋, the granularity's share of the smallest probability.
enum LotteryBounds {
    /// Round-off allowed, in tickets: LEXIMIN's probabilities are exact to its pricing tolerance (1e-7), a ten-thousandth
    /// of a ticket of a thousand, so a smallest probability whose m multiple is a whole number is read as that number.
    static let tolerance = 1e-4

    /// Bounds, in tickets, on each profile's expected tickets.
    static func bounds(target: [Double], m: Int) -> (lower: [Double], upper: [Double]) {
        let floorOfMinimum = ((target.min() ?? 0) * Double(m) + tolerance).rounded(.down)
        let lower = target.map { max(floorOfMinimum, $0 * Double(m) - 1) }
        let upper = target.map { $0 * Double(m) + 1 }
        return (lower, upper)
    }

    /// How far, in tickets, counts fall outside the bounds at worst (0 when within).
    static func violation(counts: [Int], distribution: PanelDistribution, target: [Double], m: Int) -> Double {
        let (lower, upper) = bounds(target: target, m: m)
        let tickets = expectedTickets(counts: counts, distribution: distribution)
        return tickets.indices.map { max(0, lower[$0] - tickets[$0], tickets[$0] - upper[$0]) }.max() ?? 0
    }

    static func expectedTickets(counts: [Int], distribution: PanelDistribution) -> [Double] {
        var tickets = [Double](repeating: 0, count: distribution.profiles.count)
        for (panel, count) in zip(distribution.panels, counts) where count > 0 {
            for (profile, seats) in zip(panel.profiles, panel.counts) {
                tickets[profile] += Double(count * seats) / Double(distribution.profiles.size(profile))
            }
        }
        return tickets
    }
}
