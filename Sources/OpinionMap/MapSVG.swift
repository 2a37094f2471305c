import Foundation

/// The opinion map as an SVG drawing: participants as dots coloured by group, on the two PCA axes.
public enum MapSVG {
    /// Colour-blind-safe palette (Okabe–Ito), one colour per group; grey for participants not clustered.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// The dots are written in the order of their positions, never of the participants: a page that publishes the map
    /// does not tell who is which dot by who voted first. `id` names the title for `aria-labelledby` (unique on a page).
    public static func render(_ map: OpinionMap, title: String, size: Double = 480, id: String = "map-title") -> String {
        render(picture(map), title: title, size: size, id: id)
    }

    /// What the drawing shows of a map, without who is which dot: kept by a server between computations.
    public struct Picture: Sendable, Hashable, Codable {
        /// Dots in the order of their positions: x, y and the group (nil when not clustered).
        public var dots: [Dot]
        /// Where each group's letter goes (`group` is the group's index).
        public var centers: [Dot]

        public struct Dot: Sendable, Hashable, Codable {
            public var x: Double
            public var y: Double
            public var group: Int?

            public init(x: Double, y: Double, group: Int?) {
                self.x = x
                self.y = y
                self.group = group
            }
        }

        public init(dots: [Dot], centers: [Dot]) {
            self.dots = dots
            self.centers = centers
        }
    }

    /// The map's dots sorted by position (never by participant) and its groups' centres.
    public static func picture(_ map: OpinionMap) -> Picture {
        let rows = map.positions.indices.sorted { a, b in
            let p = map.positions[a], q = map.positions[b]
            return p.x != q.x ? p.x < q.x : p.y != q.y ? p.y < q.y : (map.groupOfRow[a] ?? -1) < (map.groupOfRow[b] ?? -1)
        }
        return Picture(dots: rows.map { Picture.Dot(x: map.positions[$0].x, y: map.positions[$0].y, group: map.groupOfRow[$0]) },
                       centers: map.groups.enumerated().map { Picture.Dot(x: $1.center.x, y: $1.center.y, group: $0) })
    }

    public static func render(_ picture: Picture, title: String, size: Double = 480, id: String = "map-title") -> String {
        let xs = picture.dots.map(\.x), ys = picture.dots.map(\.y)
        let span = max((xs.map(abs).max() ?? 1), (ys.map(abs).max() ?? 1), 1e-9)
        let half = size / 2, margin = 16.0
        func scale(_ v: Double) -> Double { (v / span) * (half - margin) }
        var parts: [String] = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(size)) \##(Int(size))" role="img" aria-labelledby="\##(escape(id))">"##,
            ##"<title id="\##(escape(id))">\##(escape(title))</title>"##,
            ##"<rect width="100%" height="100%" fill="#ffffff"/>"##,
            ##"<line x1="0" y1="\##(half)" x2="\##(size)" y2="\##(half)" stroke="#c9d1da"/>"##,
            ##"<line x1="\##(half)" y1="0" x2="\##(half)" y2="\##(size)" stroke="#c9d1da"/>"##,
        ]
        if picture.dots.count <= dotLimit {
            parts.reserveCapacity(picture.dots.count + picture.centers.count + 6)
            for dot in picture.dots {
                let x = half + scale(dot.x), y = half - scale(dot.y)
                parts.append(##"<circle cx="\##(format(x))" cy="\##(format(y))" r="3" fill="\##(colour(dot.group))" fill-opacity="0.7"/>"##)
            }
        } else {
            // A national consultation: one dot a participant would weigh megabytes and draw as a blot. Participants are
            // counted by cell of the grid and group; each count is a dot at their mean place whose area grows with it.
            for cell in cells(picture.dots, cell: cellSize, scale: { (half + scale($0.x), half - scale($0.y)) }) {
                let radius = min(cellSize * 0.75, 1.5 + 0.6 * Double(cell.count).squareRoot())
                parts.append(##"<circle cx="\##(format(cell.x))" cy="\##(format(cell.y))" r="\##(format(radius))" fill="\##(colour(cell.group))" fill-opacity="0.7"/>"##)
            }
        }
        for (index, center) in picture.centers.enumerated() {
            let x = half + scale(center.x), y = half - scale(center.y)
            parts.append(##"<text x="\##(format(x))" y="\##(format(y))" font-size="16" font-weight="700" text-anchor="middle" fill="#1b1f24">\##(groupLabel(index))</text>"##)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Up to this many participants, each is a dot of their own; beyond, dots stand for the participants of a cell.
    public static let dotLimit = 2_000
    /// The side of a cell, in the drawing's units (a 480-unit drawing has 60 by 60 cells).
    static let cellSize = 8.0

    static func colour(_ group: Int?) -> String { group.map { palette[$0 % palette.count] } ?? "#9aa5b1" }

    struct Cell {
        var x: Double
        var y: Double
        var group: Int?
        var count: Int
    }

    /// The dots counted by cell and group, each at the mean place of its dots, in the order of the cells.
    static func cells(_ dots: [Picture.Dot], cell size: Double, scale: (Picture.Dot) -> (Double, Double)) -> [Cell] {
        struct Key: Hashable, Comparable {
            let column: Int, row: Int, group: Int
            static func < (a: Key, b: Key) -> Bool { (a.row, a.column, a.group) < (b.row, b.column, b.group) }
        }
        var sums: [Key: Cell] = [:]
        for dot in dots {
            let (x, y) = scale(dot)
            let key = Key(column: Int((x / size).rounded(.down)), row: Int((y / size).rounded(.down)), group: dot.group ?? -1)
            sums[key, default: Cell(x: 0, y: 0, group: dot.group, count: 0)].x += x
            sums[key]!.y += y
            sums[key]!.count += 1
        }
        return sums.keys.sorted().map { key in
            let sum = sums[key]!
            return Cell(x: sum.x / Double(sum.count), y: sum.y / Double(sum.count), group: sum.group, count: sum.count)
        }
    }

    /// Groups are named A, B, C... as on Polis.
    public static func groupLabel(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index % 26)))
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
