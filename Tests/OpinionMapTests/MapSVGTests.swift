import Foundation
import Testing
@testable import OpinionMap

/// The map's drawing at national size: participants counted by cell, so the SVG stays small whatever the turnout.
@Suite struct MapSVGTests {
    /// Two clouds of `count` participants each, at fixed pseudo-random places.
    static func picture(_ count: Int) -> MapSVG.Picture {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var dots: [MapSVG.Picture.Dot] = []
        for group in 0..<2 {
            for _ in 0..<count {
                dots.append(.init(x: (group == 0 ? -1 : 1) + (next() - 0.5), y: next() - 0.5, group: group))
            }
        }
        return MapSVG.Picture(dots: dots, centers: [.init(x: -1, y: 0, group: 0), .init(x: 1, y: 0, group: 1)])
    }

    static func circles(_ svg: String) -> [(x: Double, y: Double, r: Double)] {
        let pattern = /<circle cx="([-0-9.]+)" cy="([-0-9.]+)" r="([0-9.]+)"/
        return svg.matches(of: pattern).map { (Double($0.output.1)!, Double($0.output.2)!, Double($0.output.3)!) }
    }

    @Test func fewParticipantsAreEachADot() {
        let svg = MapSVG.render(Self.picture(MapSVG.dotLimit / 2), title: "Carte")
        #expect(Self.circles(svg).count == MapSVG.dotLimit)
        #expect(Self.circles(svg).allSatisfy { $0.r == 3 })
    }

    @Test func manyParticipantsAreCountedByCellAndGroup() {
        let picture = Self.picture(20_000)
        let svg = MapSVG.render(picture, title: "Carte")
        let circles = Self.circles(svg)
        // At most one dot per cell and group of the 60 by 60 grid, each inside the drawing.
        #expect(circles.count < 2 * 60 * 60 && circles.count > 100)
        #expect(circles.allSatisfy { (0...480).contains($0.x) && (0...480).contains($0.y) && $0.r <= 6 && $0.r > 1.5 })
        #expect(svg.utf8.count < 200_000)
        // Every participant is in one cell: the cells' counts add up to the participants.
        let cells = MapSVG.cells(picture.dots, cell: 8, scale: { ($0.x, $0.y) })
        #expect(cells.map(\.count).reduce(0, +) == 40_000)
        #expect(Set(cells.map(\.group)) == [0, 1])
        #expect(svg.contains(">A</text>") && svg.contains(">B</text>"))
    }
}
