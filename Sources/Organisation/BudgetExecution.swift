/// A node of a budget: a programme, an action or a line; the voted amount sits on lines.
public struct BudgetNode: Sendable, Equatable {
    public let id: Int64
    public let parentID: Int64?
    public let level: BudgetLevel
    public let voted: Int64

    public init(id: Int64, parentID: Int64?, level: BudgetLevel, voted: Int64) {
        self.id = id
        self.parentID = parentID
        self.level = level
        self.voted = voted
    }
}

/// A movement of credits, committed or paid amount on a line, as the execution adds them up.
public struct BudgetMovement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case transfer(from: Int64, to: Int64)
        case commitment(line: Int64)
        case payment(line: Int64)
    }

    public let kind: Kind
    public let cents: Int64

    public init(_ kind: Kind, cents: Int64) {
        self.kind = kind
        self.cents = cents
    }
}

/// Where a node of the budget stands: what was voted, moved in and out by transfers, the credits it now has, what is
/// committed and paid on them, and what is left to commit.
public struct BudgetLineExecution: Sendable, Equatable {
    public let id: Int64
    public var voted: Int64 = 0
    public var transfersIn: Int64 = 0
    public var transfersOut: Int64 = 0
    public var committed: Int64 = 0
    public var paid: Int64 = 0

    public init(id: Int64) { self.id = id }

    /// The credits: voted, plus transfers in, minus transfers out.
    public var allocation: Int64 { voted + transfersIn - transfersOut }
    /// Left to commit.
    public var available: Int64 { allocation - committed }
    /// Committed and not yet paid.
    public var unpaid: Int64 { committed - paid }

    /// Paid as a share of the credits, in tenths of a percent rounded to the nearest (0 when there are none); integer
    /// arithmetic, scaled down first for sums too large to multiply.
    public var paidPermille: Int64 {
        guard allocation > 0 else { return 0 }
        let (scaled, overflow) = paid.multipliedReportingOverflow(by: 1000)
        if overflow { return paid / max(1, allocation / 1000) }
        return (scaled + allocation / 2) / allocation
    }

    mutating func add(_ other: BudgetLineExecution) {
        voted = Self.sum(voted, other.voted)
        transfersIn = Self.sum(transfersIn, other.transfersIn)
        transfersOut = Self.sum(transfersOut, other.transfersOut)
        committed = Self.sum(committed, other.committed)
        paid = Self.sum(paid, other.paid)
    }

    /// A sum that stops at the largest value rather than overflowing (which would stop the process): amounts are
    /// capped far below it, but sums of many movements are not.
    static func sum(_ left: Int64, _ right: Int64) -> Int64 {
        let (result, overflow) = left.addingReportingOverflow(right)
        return overflow ? (right > 0 ? Int64.max : Int64.min) : result
    }
}

/// The execution of a budget year, line by line and summed up by action, programme and the whole year.
public struct BudgetExecution: Sendable {
    public let nodes: [Int64: BudgetLineExecution]
    public let total: BudgetLineExecution

    public init(nodes: [BudgetNode], movements: [BudgetMovement]) {
        var lines: [Int64: BudgetLineExecution] = [:]
        for node in nodes where node.level == .line {
            var line = BudgetLineExecution(id: node.id)
            line.voted = node.voted
            lines[node.id] = line
        }
        for movement in movements {
            switch movement.kind {
            case .transfer(let from, let to):
                if let out = lines[from]?.transfersOut { lines[from]?.transfersOut = BudgetLineExecution.sum(out, movement.cents) }
                if let into = lines[to]?.transfersIn { lines[to]?.transfersIn = BudgetLineExecution.sum(into, movement.cents) }
            case .commitment(let line):
                if let committed = lines[line]?.committed { lines[line]?.committed = BudgetLineExecution.sum(committed, movement.cents) }
            case .payment(let line):
                if let paid = lines[line]?.paid { lines[line]?.paid = BudgetLineExecution.sum(paid, movement.cents) }
            }
        }
        // Actions then programmes add up what sits under them.
        var all = lines
        let parents = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.parentID) })
        for node in nodes where node.level != .line { all[node.id] = BudgetLineExecution(id: node.id) }
        var total = BudgetLineExecution(id: 0)
        for (id, line) in lines {
            total.add(line)
            var parent = parents[id] ?? nil
            while let above = parent {
                all[above]?.add(line)
                parent = parents[above] ?? nil
            }
        }
        self.nodes = all
        self.total = total
    }

    public subscript(id: Int64) -> BudgetLineExecution { nodes[id] ?? BudgetLineExecution(id: id) }
}
