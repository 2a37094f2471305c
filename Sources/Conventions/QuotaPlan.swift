/// How many panel members may have one value: at least `min`, at most `max`.
public struct Quota: Sendable, Hashable, Codable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }
}

/// The quotas of a draw, derived from the population shares and edited by the secretariat where it chooses.
///
/// Derivation: a value's ideal number of seats is the panel size times its share (the criterion's shares are first
/// scaled to add up to exactly 1, since published shares are rounded). The quota is that ideal widened by the
/// tolerance on each side and rounded outwards: `min = ⌊ideal·(1 − t)⌋`, `max = ⌈ideal·(1 + t)⌉`, kept within
/// 0…panel size. With no tolerance the panel mirrors the population to within one seat per value, and since the
/// ideals add up to the panel size, the rounded quotas always leave room for a panel of that size.
public struct QuotaPlan: Sendable, Equatable {
    public let criteria: [Criterion]
    public let panelSize: Int
    /// Fraction of the ideal seats each quota may depart from it before rounding (0.1: ±10%).
    public let tolerance: Double
    /// Per criterion, per value.
    public private(set) var quotas: [[Quota]]

    /// Round-off in `k × share` (150 × 0.2 is 30.000000000000004) must not move a quota by a whole seat.
    static let roundingSlack = 1e-9

    /// The plan the population shares give, before any edit.
    public static func derive(criteria: [Criterion], panelSize: Int, tolerance: Double = 0) throws(CriteriaError) -> QuotaPlan {
        try Criteria.validate(criteria)
        guard panelSize >= 1, panelSize <= 100_000 else { throw .panelSizeOutOfRange(panelSize) }
        let tolerance = tolerance.isFinite ? Swift.min(Swift.max(tolerance, 0), 1) : 0
        let quotas = criteria.map { criterion in
            idealSeats(criterion, panelSize: panelSize).map { ideal in
                Quota(min: Swift.max(0, Int((ideal * (1 - tolerance) + roundingSlack).rounded(.down))),
                      max: Swift.min(panelSize, Int((ideal * (1 + tolerance) - roundingSlack).rounded(.up))))
            }
        }
        return QuotaPlan(criteria: criteria, panelSize: panelSize, tolerance: tolerance, quotas: quotas)
    }

    /// A plan with quotas as stored (edited or not); `validate` checks it.
    public init(criteria: [Criterion], panelSize: Int, tolerance: Double, quotas: [[Quota]]) {
        self.criteria = criteria
        self.panelSize = panelSize
        self.tolerance = tolerance
        self.quotas = quotas
    }

    /// Each value's ideal number of seats: the panel size times its share of the criterion's total.
    public static func idealSeats(_ criterion: Criterion, panelSize: Int) -> [Double] {
        let total = criterion.values.reduce(0) { $0 + $1.populationShare }
        return criterion.values.map { total > 0 ? Double(panelSize) * $0.populationShare / total : 0 }
    }

    /// The ideal seats of a value (shown beside its quota, so the rounding is visible).
    public func idealSeats(criterion: Int, value: Int) -> Double {
        Self.idealSeats(criteria[criterion], panelSize: panelSize)[value]
    }

    /// The quotas the shares alone give (to show what an edit changed), per criterion, per value.
    public var derivedQuotas: [[Quota]] {
        // Derivation cannot fail on criteria this plan already holds.
        (try? Self.derive(criteria: criteria, panelSize: panelSize, tolerance: tolerance))?.quotas ?? quotas
    }

    public func quota(criterion: String, value: String) -> Quota? {
        guard let c = criteria.firstIndex(where: { $0.key == criterion }), let v = criteria[c].index(of: value) else { return nil }
        return quotas[c][v]
    }

    /// Sets one value's quota; the whole plan must still allow a panel of its size.
    public mutating func edit(criterion: String, value: String, to quota: Quota) throws(CriteriaError) {
        guard let c = criteria.firstIndex(where: { $0.key == criterion }) else { throw .unknownValue(criterion: criterion, value: value) }
        guard let v = criteria[c].index(of: value) else { throw .unknownValue(criterion: criterion, value: value) }
        var edited = self
        edited.quotas[c][v] = quota
        try edited.validate()
        self = edited
    }

    /// Sets every quota at once (per criterion, per value), then checks the whole plan: an edit that moves seats from
    /// one value to another is valid only as a whole.
    public mutating func setQuotas(_ quotas: [[Quota]]) throws(CriteriaError) {
        guard quotas.count == criteria.count, zip(quotas, criteria).allSatisfy({ $0.count == $1.values.count }) else {
            throw .noCriteria
        }
        var edited = self
        edited.quotas = quotas
        try edited.validate()
        self = edited
    }

    /// Every quota within 0…panel size with its minimum at most its maximum, and every criterion able to seat
    /// exactly the panel: the sum of its minimums at most the panel size, the sum of its maximums at least.
    public func validate() throws(CriteriaError) {
        try Criteria.validate(criteria)
        guard panelSize >= 1, panelSize <= 100_000 else { throw .panelSizeOutOfRange(panelSize) }
        guard quotas.count == criteria.count else { throw .noCriteria }
        for (c, criterion) in criteria.enumerated() {
            guard quotas[c].count == criterion.values.count else { throw .criterionWithoutValues(criterion.key) }
            for (v, value) in criterion.values.enumerated() {
                let quota = quotas[c][v]
                guard quota.min >= 0, quota.max <= panelSize else { throw .quotaOutOfRange(criterion: criterion.key, value: value.key) }
                guard quota.min <= quota.max else { throw .minimumAboveMaximum(criterion: criterion.key, value: value.key) }
            }
            let minimums = quotas[c].reduce(0) { $0 + $1.min }
            let maximums = quotas[c].reduce(0) { $0 + $1.max }
            guard minimums <= panelSize else { throw .minimumsExceedPanel(criterion: criterion.key, total: minimums) }
            guard maximums >= panelSize else { throw .maximumsBelowPanel(criterion: criterion.key, total: maximums) }
        }
    }
}
