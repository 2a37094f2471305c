/// The pool of volunteers set against the quotas, value by value, as the secretariat sees it before the draw.
///
/// It finds the quotas the pool cannot meet on its own, one value at a time: fewer volunteers with a value than its
/// minimum, or fewer volunteers without it than the seats its maximum leaves to the others. Quotas that only conflict jointly
/// (several criteria together) need the draw engine's integer program, which names the smallest conflicting set.
public struct PoolReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let criterion: Int
        public let value: Int
        /// Volunteers with this value.
        public let poolCount: Int
        /// Their share of the pool (0 for an empty pool).
        public let poolShare: Double
        public let populationShare: Double
        /// The panel size times the population share (the target the quota rounds).
        public let idealSeats: Double
        public let quota: Quota
        /// How much more (above 1) or less (below 1) the value is present in the pool than in the population;
        /// nil when the population share is 0.
        public let representation: Double?
    }

    /// A quota the pool cannot meet, whatever the draw does.
    public enum Problem: Sendable, Equatable {
        /// The panel needs more people than the pool has.
        case poolSmallerThanPanel(pool: Int, panel: Int)
        /// With one person per household, fewer households than seats.
        case tooFewHouseholds(households: Int, panel: Int)
        /// Fewer volunteers with the value than its minimum.
        case tooFewWithValue(criterion: String, value: String, available: Int, minimum: Int)
        /// Fewer volunteers without the value than the seats its maximum leaves to them.
        case tooFewWithoutValue(criterion: String, value: String, available: Int, needed: Int)

        public var key: String {
            switch self {
            case .poolSmallerThanPanel: "convention_pool_smaller_than_panel"
            case .tooFewHouseholds: "convention_pool_too_few_households"
            case .tooFewWithValue: "convention_pool_too_few_with_value"
            case .tooFewWithoutValue: "convention_pool_too_few_without_value"
            }
        }
    }

    public let poolSize: Int
    /// Per criterion, per value.
    public let rows: [[Row]]
    public let problems: [Problem]

    public var canMeetQuotasValueByValue: Bool { problems.isEmpty }

    /// - Parameters:
    ///   - volunteers: each volunteer's value index per criterion, in the plan's order.
    ///   - households: each volunteer's household key when the plan allows one person per household (nil: no rule);
    ///     a volunteer without a key is a household of their own.
    public init(plan: QuotaPlan, volunteers: [[Int]], households: [String?]? = nil) {
        var counts = plan.criteria.map { [Int](repeating: 0, count: $0.values.count) }
        for volunteer in volunteers {
            for (c, value) in volunteer.enumerated() where c < counts.count && counts[c].indices.contains(value) { counts[c][value] += 1 }
        }
        let householdCount = households.map { keys in Set(keys.compactMap { $0 }).count + keys.filter { $0 == nil }.count }
        self.init(plan: plan, counts: counts, poolSize: volunteers.count, households: householdCount)
    }

    /// - Parameters:
    ///   - counts: per criterion, per value, how many volunteers have it (every volunteer has one value per criterion).
    ///   - households: how many distinct households the pool holds, when the plan allows one person per household.
    public init(plan: QuotaPlan, counts: [[Int]], poolSize: Int, households: Int? = nil) {
        let k = plan.panelSize
        self.poolSize = poolSize
        var problems: [Problem] = []
        if poolSize < k { problems.append(.poolSmallerThanPanel(pool: poolSize, panel: k)) }
        if let households, households < k, poolSize >= k { problems.append(.tooFewHouseholds(households: households, panel: k)) }
        var rows: [[Row]] = []
        for (c, criterion) in plan.criteria.enumerated() {
            let ideals = QuotaPlan.idealSeats(criterion, panelSize: k)
            var criterionRows: [Row] = []
            for (v, value) in criterion.values.enumerated() {
                let count = c < counts.count && v < counts[c].count ? counts[c][v] : 0
                let quota = plan.quotas[c][v]
                let poolShare = poolSize == 0 ? 0 : Double(count) / Double(poolSize)
                criterionRows.append(Row(
                    criterion: c, value: v, poolCount: count, poolShare: poolShare, populationShare: value.populationShare,
                    idealSeats: ideals[v], quota: quota,
                    representation: value.populationShare > 0 && poolSize > 0 ? poolShare / value.populationShare : nil))
                if count < quota.min {
                    problems.append(.tooFewWithValue(criterion: criterion.key, value: value.key, available: count, minimum: quota.min))
                }
            }
            // A shortfall against a maximum is told only where no minimum already fails in the criterion: with two
            // values, "too few men" and "too few people who are not women" are the same fact.
            if poolSize >= k, !criterionRows.contains(where: { $0.poolCount < $0.quota.min }) {
                for row in criterionRows where poolSize - row.poolCount < k - row.quota.max {
                    problems.append(.tooFewWithoutValue(criterion: criterion.key, value: criterion.values[row.value].key,
                                                        available: poolSize - row.poolCount, needed: k - row.quota.max))
                }
            }
            rows.append(criterionRows)
        }
        self.rows = rows
        self.problems = problems
    }
}
