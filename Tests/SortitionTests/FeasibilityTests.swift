import Sortition
import Testing

@Suite("Quotas that cannot be met")
struct FeasibilityTests {
    /// 10 rural men and 10 urban women.
    static func splitPool(femaleMin: Int, ruralMin: Int) -> SortitionInstance {
        let categories = [
            QuotaCategory(name: "sex", values: [QuotaValue(name: "female", min: femaleMin, max: 10), QuotaValue(name: "male", min: 0, max: 10)]),
            QuotaCategory(name: "age", values: [QuotaValue(name: "young", min: 0, max: 10), QuotaValue(name: "old", min: 0, max: 10)]),
            QuotaCategory(name: "area", values: [QuotaValue(name: "urban", min: 0, max: 10), QuotaValue(name: "rural", min: ruralMin, max: 10)]),
        ]
        let people = (0..<20).map { Volunteer(id: "p\($0)", values: $0 < 10 ? [1, $0 % 2, 1] : [0, $0 % 2, 0]) }
        return SortitionInstance(categories: categories, people: people, panelSize: 10)
    }

    /// The categories and relaxation of the error LEXIMIN throws, or nil if it throws something else or nothing.
    static func infeasibility(_ instance: SortitionInstance) -> (categories: [String], relaxation: [QuotaRelaxation], text: String)? {
        let caught: SortitionError
        do {
            _ = try Leximin.distribution(for: instance)
            return nil
        } catch {
            caught = error
        }
        guard case .infeasibleQuotas(let categories, let relaxation) = caught else { return nil }
        return (categories, relaxation, caught.description)
    }

    @Test("two categories that cannot be met together are named, with the smallest relaxation")
    func conflictBetweenCategories() throws {
        let found = try #require(Self.infeasibility(Self.splitPool(femaleMin: 6, ruralMin: 5)))
        #expect(Set(found.categories) == ["sex", "area"])
        #expect(found.relaxation.count == 1)
        let moved = found.relaxation.reduce(0) { $0 + ($1.min.from - $1.min.to) + ($1.max.to - $1.max.from) }
        #expect(moved == 1)
        #expect(found.text.contains("sex") && found.text.contains("area") && found.text.contains("→"))
    }

    @Test("minimums that add up to more than the panel are caught in their category")
    func minimumsAboveThePanel() throws {
        var instance = Self.splitPool(femaleMin: 7, ruralMin: 0)
        instance.categories[0].values[1].min = 6
        let found = try #require(Self.infeasibility(instance))
        #expect(found.categories == ["sex"])
        #expect(found.relaxation.reduce(0) { $0 + $1.min.from - $1.min.to } == 3)
    }

    @Test("flex bounds limit the relaxation")
    func flexBounds() throws {
        var instance = Self.splitPool(femaleMin: 6, ruralMin: 5)
        instance.categories[0].values[0].minFlex = 6   // the female minimum may not move
        let found = try #require(Self.infeasibility(instance))
        #expect(found.relaxation.map(\.category) == ["area"])
        #expect(found.relaxation.first?.min.to == 4)
    }

    @Test("a panel larger than the pool is refused")
    func panelLargerThanPool() {
        var instance = Self.splitPool(femaleMin: 0, ruralMin: 0)
        instance.panelSize = 21
        #expect(throws: SortitionError.self) { try Leximin.distribution(for: instance) }
    }

    @Test("people no panel can seat get probability 0 and everyone else is still served")
    func uncoverablePeople() throws {
        var instance = Self.splitPool(femaleMin: 0, ruralMin: 0)
        instance.categories[1].values[0].max = 0   // nobody young may sit
        let distribution = try Leximin.distribution(for: instance)
        for (person, probability) in zip(instance.people, distribution.probabilities) {
            if person.values[1] == 0 { #expect(probability == 0) } else { #expect(abs(probability - 1) < 1e-9) }
        }
    }
}
