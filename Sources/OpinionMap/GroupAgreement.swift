/// How far two partitions of the same participants agree: the group counts and the adjusted Rand index.
public struct GroupAgreement: Sendable {
    public let ourGroupCount: Int
    public let theirGroupCount: Int
    /// Participants labelled by both sides.
    public let compared: Int
    public let adjustedRandIndex: Double

    /// Compares the groups of `map` with `groups` (participant id → group id, e.g. Polis's export).
    public init(_ map: OpinionMap, against groups: [String: Int]) {
        var ours: [String: Int] = [:]
        for (row, id) in map.participants.enumerated() { if let group = map.groupOfRow[row] { ours[id] = group } }
        let common = Set(ours.keys).intersection(groups.keys).sorted()
        ourGroupCount = map.groups.count
        theirGroupCount = Set(groups.values).count
        compared = common.count
        adjustedRandIndex = common.isEmpty ? 0 : Self.adjustedRandIndex(common.map { ours[$0]! }, common.map { groups[$0]! })
    }

    /// Adjusted Rand index of two labelings of the same items (1 = the same partition, about 0 = chance).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "both labelings must cover the same items")
        var table: [Int: [Int: Int]] = [:]
        for (x, y) in zip(a, b) { table[x, default: [:]][y, default: 0] += 1 }
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        let sumCells = table.values.flatMap(\.values).reduce(0) { $0 + pairs($1) }
        let rows = table.values.map { $0.values.reduce(0, +) }.reduce(0) { $0 + pairs($1) }
        var columnTotals: [Int: Int] = [:]
        for row in table.values { for (y, n) in row { columnTotals[y, default: 0] += n } }
        let columns = columnTotals.values.reduce(0) { $0 + pairs($1) }
        let expected = rows * columns / pairs(a.count)
        let maximum = (rows + columns) / 2
        return maximum == expected ? 1 : (sumCells - expected) / (maximum - expected)
    }
}
