/// A probability distribution over allowed panels, and what it gives each volunteer.
public struct PanelDistribution: Sendable {
    public let instance: SortitionInstance
    public let profiles: Profiles
    /// The panels in the support, in canonical order.
    public let panels: [PanelTemplate]
    /// The probability of each panel; they sum to 1.
    public let weights: [Double]

    public init(instance: SortitionInstance, profiles: Profiles, panels: [PanelTemplate], weights: [Double]) {
        let order = panels.indices.sorted { panels[$0] < panels[$1] }
        self.instance = instance
        self.profiles = profiles
        self.panels = order.map { panels[$0] }
        self.weights = order.map { weights[$0] }
    }

    /// Each profile's selection probability (the same for every member of the profile).
    public var profileProbabilities: [Double] {
        var result = [Double](repeating: 0, count: profiles.count)
        for (panel, weight) in zip(panels, weights) {
            for (profile, count) in zip(panel.profiles, panel.counts) {
                result[profile] += weight * Double(count) / Double(profiles.size(profile))
            }
        }
        return result
    }

    /// Each volunteer's selection probability, in pool order.
    public var probabilities: [Double] {
        let byProfile = profileProbabilities
        return profiles.profileOfPerson.map { byProfile[$0] }
    }

    public var minimumProbability: Double { probabilities.min() ?? 0 }
}
