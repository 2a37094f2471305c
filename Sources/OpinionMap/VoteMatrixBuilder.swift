/// Builds a `VoteMatrix` from votes given one at a time, keeping about 17 bytes per vote until `build()`, so a
/// conversation of tens of millions of votes never needs an array of `VoteRecord`s.
public struct VoteMatrixBuilder: Sendable {
    private var statements: [Statement]
    private var columnOfID: [Int: Int32] = [:]
    /// Direct lookup when statement ids are small integers (the usual case).
    private var columnOfSmallID: [Int32] = []
    private var rowOf: [String: Int32] = [:]
    /// Rows of participants whose id is a canonical decimal number below 2^24 (Polis ids), without hashing.
    private var rowOfNumber: [Int32] = []
    private var names: [String] = []
    private var firstSeen: [Int64] = []
    private var lastName: String?
    private var lastRow: Int32 = 0
    /// Each vote packed as row << 32 | column << 8 | (vote + 1), beside its timestamp: two appends a vote.
    private var packed: [UInt64] = []
    private var voteTime: [Int64] = []

    public init(statements: [Statement], expectedVotes: Int = 0) {
        var known = Dictionary(statements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.statements = known.values.sorted { $0.id < $1.id }
        known.removeAll()
        indexStatements()
        packed.reserveCapacity(expectedVotes)
        voteTime.reserveCapacity(expectedVotes)
    }

    private mutating func indexStatements() {
        columnOfID = Dictionary(uniqueKeysWithValues: statements.enumerated().map { ($1.id, Int32($0)) })
        let largest = statements.last?.id ?? -1
        if statements.first.map({ $0.id >= 0 }) ?? true, largest < 4 * statements.count + 1024 {
            columnOfSmallID = [Int32](repeating: -1, count: largest + 1)
            for (column, statement) in statements.enumerated() { columnOfSmallID[statement.id] = Int32(column) }
        } else {
            columnOfSmallID = []
        }
    }

    private func column(of id: Int) -> Int32? {
        guard !columnOfSmallID.isEmpty else { return columnOfID[id] }
        guard id >= 0, id < columnOfSmallID.count else { return nil }
        let column = columnOfSmallID[id]
        return column >= 0 ? column : nil
    }

    public var voteCount: Int { packed.count }

    private static func pack(row: Int32, column: Int32, vote: Int8) -> UInt64 {
        UInt64(UInt32(bitPattern: row)) << 32 | UInt64(UInt32(bitPattern: column)) << 8 | UInt64(UInt8(vote + 1))
    }

    private static func row(_ cell: UInt64) -> Int { Int(cell >> 32) }
    private static func column(_ cell: UInt64) -> Int32 { Int32(truncatingIfNeeded: (cell >> 8) & 0xFF_FFFF) }
    private static func vote(_ cell: UInt64) -> Int8 { Int8(truncatingIfNeeded: cell & 0xFF) - 1 }

    public mutating func append(_ vote: VoteRecord) {
        append(participant: vote.participant, statement: vote.statement, vote: vote.vote, timestamp: vote.timestamp)
    }

    /// Adds many votes at once: the same as appending them one by one, with less work per vote.
    public mutating func append(contentsOf votes: [VoteRecord]) {
        // A statement the direct table does not hold renumbers the columns: one by one then.
        guard votes.allSatisfy({ $0.statement >= 0 && $0.statement < columnOfSmallID.count && columnOfSmallID[$0.statement] >= 0 }) else {
            for vote in votes { append(vote) }
            return
        }
        var rows = [Int32](repeating: 0, count: votes.count)
        for (index, vote) in votes.enumerated() {
            let row = self.row(ofVoter: vote.participant)
            rows[index] = row
            if vote.timestamp < firstSeen[Int(row)] { firstSeen[Int(row)] = vote.timestamp }
        }
        let base = packed.count
        packed.append(contentsOf: repeatElement(0, count: votes.count))
        voteTime.append(contentsOf: repeatElement(0, count: votes.count))
        columnOfSmallID.withUnsafeBufferPointer { columnOf in
            packed.withUnsafeMutableBufferPointer { packed in
                voteTime.withUnsafeMutableBufferPointer { times in
                    for (index, vote) in votes.enumerated() {
                        packed[base &+ index] = Self.pack(row: rows[index], column: columnOf[vote.statement], vote: vote.vote.rawValue)
                        times[base &+ index] = vote.timestamp
                    }
                }
            }
        }
    }

    /// The row of a participant, made on their first vote.
    private mutating func row(of participant: String) -> Int32 {
        if let number = Self.smallNumber(participant) {
            if number >= rowOfNumber.count {
                rowOfNumber.append(contentsOf: repeatElement(-1, count: max(number + 1, rowOfNumber.count * 2) - rowOfNumber.count))
            }
            if rowOfNumber[number] >= 0 { return rowOfNumber[number] }
            let row = Int32(names.count)
            rowOfNumber[number] = row
            names.append(participant)
            firstSeen.append(.max)
            return row
        }
        if let known = rowOf[participant] { return known }
        let row = Int32(names.count)
        rowOf[participant] = row
        names.append(participant)
        firstSeen.append(.max)
        return row
    }

    public mutating func append(participant: String, statement: Int, vote: Vote, timestamp: Int64) {
        let row = self.row(ofVoter: participant)
        var column: Int32 = -1
        if statement >= 0, statement < columnOfSmallID.count { column = columnOfSmallID[statement] }
        if column < 0 { column = columnOutsideTheTable(statement) }
        if timestamp < firstSeen[Int(row)] { firstSeen[Int(row)] = timestamp }
        packed.append(Self.pack(row: row, column: column, vote: vote.rawValue))
        voteTime.append(timestamp)
    }

    /// The row of the participant of a vote: the last one's again without a lookup (votes usually come in runs by
    /// participant).
    @inline(__always)
    private mutating func row(ofVoter participant: String) -> Int32 {
        if let lastName, participant == lastName { return lastRow }
        return switchParticipant(to: participant)
    }

    @inline(never)
    private mutating func switchParticipant(to participant: String) -> Int32 {
        let row = self.row(of: participant)
        lastName = participant
        lastRow = row
        return row
    }

    /// The column of a statement the direct table does not hold: from the dictionary, or a new column for a statement
    /// nobody listed (with default flags; the columns of votes already stored shift and are renumbered once — rare,
    /// exports list every statement).
    @inline(never)
    private mutating func columnOutsideTheTable(_ statement: Int) -> Int32 {
        if let column = column(of: statement) { return column }
        let old = statements
        statements.append(Statement(id: statement))
        statements.sort { $0.id < $1.id }
        let renumber = old.map { s in Int32(statements.firstIndex { $0.id == s.id }!) }
        for index in packed.indices {
            let cell = packed[index]
            packed[index] = Self.pack(row: Int32(Self.row(cell)), column: renumber[Int(Self.column(cell))], vote: Self.vote(cell))
        }
        indexStatements()
        return column(of: statement)!
    }

    /// The value of a canonical decimal id below 2^24 ("0", "17", not "017" or "+1"), else nil.
    private static func smallNumber(_ id: String) -> Int? {
        var value = 0
        var digits = 0
        var first: UInt8 = 0
        for byte in id.utf8 {
            guard byte >= 48, byte <= 57, digits < 8 else { return nil }
            if digits == 0 { first = byte }
            value = value * 10 + Int(byte - 48)
            digits += 1
        }
        guard digits > 0, digits == 1 || first != 48, value < 1 << 24 else { return nil }
        return value
    }

    /// The matrix: rows by first vote (ties by numeric id, then by id), the latest vote of each cell (equal
    /// timestamps: the one given last).
    public func build() -> VoteMatrix { build(keepingTimes: false).matrix }

    /// The matrix and, when asked, for each of its cells the timestamp of the vote kept (what an update compares new
    /// votes to).
    /// The rows in their final order: by first vote, ties by numeric id, then by id.
    private func rowOrder() -> [Int] {
        let numbers = names.map { Int($0) }
        return names.indices.sorted { a, b in
            if firstSeen[a] != firstSeen[b] { return firstSeen[a] < firstSeen[b] }
            return switch (numbers[a], numbers[b]) {
            case let (x?, y?): x != y ? x < y : a < b
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): names[a] != names[b] ? names[a] < names[b] : a < b
            }
        }
    }

    /// The matrix of votes that already come as it stores them (an export read row by row: each participant's votes
    /// together, statements in increasing order, none twice), without sorting or copying them again: the rows stay
    /// where they are and are only put in order. Nil when the votes do not come so. For a new builder only.
    mutating func matrix(ofVotesInOrder votes: [VoteRecord]) -> VoteMatrix? {
        guard names.isEmpty, packed.isEmpty else { return nil }
        var columns = [Int32](repeating: 0, count: votes.count)
        var values = [Int8](repeating: 0, count: votes.count)
        var boundaries = [0]
        var previousColumn: Int32 = -1
        var inOrder = true
        let columnTable = columnOfSmallID
        columnTable.withUnsafeBufferPointer { columnOf in
            columns.withUnsafeMutableBufferPointer { columns in
                values.withUnsafeMutableBufferPointer { values in
                    for (index, vote) in votes.enumerated() {
                        guard vote.statement >= 0, vote.statement < columnOf.count, columnOf[vote.statement] >= 0 else {
                            inOrder = false
                            return
                        }
                        let column = columnOf[vote.statement]
                        if let lastName, vote.participant == lastName {
                            guard column > previousColumn else { inOrder = false; return }
                        } else {
                            let rows = names.count
                            let row = switchParticipant(to: vote.participant)
                            guard Int(row) == rows else { inOrder = false; return }   // a participant seen before
                            if index > 0 { boundaries.append(index) }
                        }
                        previousColumn = column
                        if vote.timestamp < firstSeen[Int(lastRow)] { firstSeen[Int(lastRow)] = vote.timestamp }
                        columns[index] = column
                        values[index] = vote.vote.rawValue
                    }
                }
            }
        }
        guard inOrder else { return nil }
        boundaries.append(votes.count)
        // Rows stay where they are in the cell arrays; only their order is set.
        let order = rowOrder()
        return VoteMatrix(participants: order.map { names[$0] }, statements: statements,
                          rowStart: order.map { boundaries[$0] }, rowEnd: order.map { boundaries[$0 + 1] },
                          cellColumns: columns, cellVotes: values)
    }

    func build(keepingTimes: Bool) -> (matrix: VoteMatrix, times: [Int64]) {
        let rowCount = names.count
        let order = rowOrder()
        var position = [Int32](repeating: 0, count: rowCount)
        for (index, row) in order.enumerated() { position[row] = Int32(index) }

        // Counting sort of the votes by final row, keeping their input order inside a row; not needed when the votes
        // came row after row in the final order (an export read row by row).
        var start = [Int](repeating: 0, count: rowCount + 1)
        var inOrder = true
        var last: Int32 = 0
        for cell in packed {
            let target = position[Self.row(cell)]
            start[Int(target) + 1] += 1
            if target < last { inOrder = false }
            last = target
        }
        for index in 0..<rowCount { start[index + 1] += start[index] }
        var byRow: [Int32] = []
        if !inOrder {
            var next = start
            byRow = [Int32](repeating: 0, count: packed.count)
            for (index, cell) in packed.enumerated() {
                let target = Int(position[Self.row(cell)])
                byRow[next[target]] = Int32(index)
                next[target] += 1
            }
        }

        var rowStart = [Int](repeating: 0, count: rowCount + 1)
        // A matrix kept for updates gets room for half as many votes again (see `OpinionMapUpdater`).
        let capacity = keepingTimes ? packed.count + packed.count / 2 + 4096 : packed.count
        var columns = [Int32](repeating: 0, count: capacity)
        var values = [Int8](repeating: 0, count: capacity)
        var times = [Int64](repeating: 0, count: keepingTimes ? capacity : 0)
        var filled = 0
        var keys: [UInt64] = []
        packed.withUnsafeBufferPointer { packed in
            voteTime.withUnsafeBufferPointer { voteTime in
                byRow.withUnsafeBufferPointer { byRow in
                    columns.withUnsafeMutableBufferPointer { columns in
                        values.withUnsafeMutableBufferPointer { values in
                            times.withUnsafeMutableBufferPointer { times in
                                func vote(at slot: Int) -> Int { inOrder ? slot : Int(byRow[slot]) }
                                for row in 0..<rowCount {
                                    let segment = start[row]..<start[row + 1]
                                    // Copied as it is while the columns strictly increase (each statement voted once).
                                    let first = filled
                                    var previous: Int32 = -1
                                    var sorted = true
                                    for slot in segment {
                                        let index = vote(at: slot)
                                        let cell = packed[index]
                                        let column = Self.column(cell)
                                        if column <= previous { sorted = false; break }
                                        previous = column
                                        columns[filled] = column
                                        values[filled] = Self.vote(cell)
                                        if keepingTimes { times[filled] = voteTime[index] }
                                        filled &+= 1
                                    }
                                    if !sorted {
                                        // Sorted by column (then input order), keeping per column the latest timestamp.
                                        filled = first
                                        keys.removeAll(keepingCapacity: true)
                                        for slot in segment {
                                            keys.append(UInt64(Self.column(packed[vote(at: slot)])) << 32 | UInt64(slot - segment.lowerBound))
                                        }
                                        keys.sort()
                                        var index = 0
                                        while index < keys.count {
                                            let column = Int32(truncatingIfNeeded: keys[index] >> 32)
                                            var best = vote(at: segment.lowerBound + Int(keys[index] & 0xFFFF_FFFF))
                                            index += 1
                                            while index < keys.count, Int32(truncatingIfNeeded: keys[index] >> 32) == column {
                                                let candidate = vote(at: segment.lowerBound + Int(keys[index] & 0xFFFF_FFFF))
                                                if voteTime[candidate] >= voteTime[best] { best = candidate }
                                                index += 1
                                            }
                                            columns[filled] = column
                                            values[filled] = Self.vote(packed[best])
                                            if keepingTimes { times[filled] = voteTime[best] }
                                            filled &+= 1
                                        }
                                    }
                                    rowStart[row + 1] = filled
                                }
                            }
                        }
                    }
                }
            }
        }
        // The cells in use; the capacity beyond them stays reserved.
        columns.removeLast(columns.count - filled)
        values.removeLast(values.count - filled)
        if keepingTimes { times.removeLast(times.count - filled) }
        let matrix = VoteMatrix(participants: order.map { names[$0] }, statements: statements, rowBoundaries: rowStart,
                                cellColumns: columns, cellVotes: values)
        return (matrix, times)
    }
}
