/// People who are interchangeable for the quotas (same value in every category, and no housemate in the pool when
/// the household rule applies) form one profile. LEXIMIN gives interchangeable people the same probability (the
/// leximin vector is unique, so it is symmetric), so the engine works on profiles and counts per profile, which
/// shrinks the programs without changing the result. People with housemates stay profiles of one.
public struct Profiles: Sendable {
    /// Feature indices of each profile.
    public let features: [[Int]]
    /// Pool indices of each profile's members, in pool order.
    public let members: [[Int]]
    /// Profile of each pool member.
    public let profileOfPerson: [Int]
    /// Groups of profiles that share a household (each of size one), when the household rule applies.
    let households: [[Int]]

    public var count: Int { features.count }
    public func size(_ profile: Int) -> Int { members[profile].count }

    public init(_ instance: SortitionInstance) {
        var householdSize: [String: Int] = [:]
        if instance.onePerHousehold {
            for person in instance.people { if let key = person.household { householdSize[key, default: 0] += 1 } }
        }
        var features: [[Int]] = []
        var members: [[Int]] = []
        var profileOfPerson: [Int] = []
        var byValues: [[Int]: Int] = [:]
        var householdProfiles: [String: [Int]] = [:]
        for (index, person) in instance.people.enumerated() {
            let shared = person.household.map { (householdSize[$0] ?? 0) > 1 } ?? false
            let profile: Int
            if !shared, let existing = byValues[person.values] {
                profile = existing
                members[profile].append(index)
            } else {
                profile = features.count
                features.append(instance.features(of: person))
                members.append([index])
                if shared { householdProfiles[person.household!, default: []].append(profile) } else { byValues[person.values] = profile }
            }
            profileOfPerson.append(profile)
        }
        self.features = features
        self.members = members
        self.profileOfPerson = profileOfPerson
        self.households = householdProfiles.values.map { $0 }.sorted { $0[0] < $1[0] }
    }
}
