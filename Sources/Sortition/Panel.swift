/// A panel as counts per profile: `count[j]` members of profile `profile[j]`. Which members of a profile sit is
/// drawn uniformly at the end, so every member of a profile has the same chance.
public struct PanelTemplate: Sendable, Hashable, Comparable {
    public let profiles: [Int]
    public let counts: [Int]

    init(counts dense: [Int]) {
        var profiles: [Int] = []
        var counts: [Int] = []
        for (profile, count) in dense.enumerated() where count > 0 { profiles.append(profile); counts.append(count) }
        self.profiles = profiles
        self.counts = counts
    }

    init(profiles: [Int], counts: [Int]) {
        self.profiles = profiles
        self.counts = counts
    }

    public var size: Int { counts.reduce(0, +) }

    public static func < (a: PanelTemplate, b: PanelTemplate) -> Bool {
        for (x, y) in zip(zip(a.profiles, a.counts), zip(b.profiles, b.counts)) where x != y {
            return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1
        }
        return a.profiles.count < b.profiles.count
    }

    /// The compact text form used in `lottery.csv`: `profile:count` pairs separated by spaces.
    public var encoded: String { zip(profiles, counts).map { "\($0):\($1)" }.joined(separator: " ") }
}
