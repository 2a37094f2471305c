import LinearSolvers
@testable import Sortition
import Testing

@Suite("The local search's swaps tested 64 candidates at a time")
struct SwapBitsTests {
    /// Deterministic weights in [-1, 1) from a seed (a linear congruential sequence).
    static func weights(count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    @Test("the bitsets find the same swaps as the scan, from the same panels, under many weights",
          arguments: [(300, 30, 7), (500, 60, 6), (120, 40, 5)])
    func sameSwapsAsTheScan(people: Int, panel: Int, categories: Int) throws {
        let instance = try SyntheticPool.make(people: people, panelSize: panel, categories: categories, seed: "swap-bits-\(people)")
        let profiles = Profiles(instance)
        let shape = PanelShape(instance: instance, profiles: profiles)
        let model = PanelModel(instance: instance, profiles: profiles, backend: COINOR())
        var generator = ColumnGenerator(model: model)
        _ = try generator.coverEveryone()
        let starts = generator.panels
        try #require(!starts.isEmpty)
        let bits = PanelSearch(shape: shape), scan = PanelSearch(shape: shape, bitsets: false)
        var moved = 0
        for round in 0..<40 {
            let weights = Self.weights(count: profiles.count, seed: UInt64(round))
            let start = starts[round % starts.count]
            let fast = bits.improve(start, weights: weights), slow = scan.improve(start, weights: weights)
            #expect(fast.panel == slow.panel, "round \(round): the two searches ended on different panels")
            #expect(abs(fast.value - slow.value) < 1e-9)
            #expect(shape.allows(fast.panel))
            if fast.panel != start { moved += 1 }
        }
        // The comparison means something only if the searches moved.
        #expect(moved >= 30, "only \(moved) of 40 searches made a swap")
    }
}
