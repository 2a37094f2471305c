/// The amendments to one version of a draft, with the rules of the sitting: order in the text, conflicts,
/// voting order, and amendments that fall when an incompatible one is adopted.
public struct AmendmentList: Sendable {
    public let draft: DraftText
    public private(set) var amendments: [Amendment]

    public init(draft: DraftText, amendments: [Amendment]) {
        self.draft = draft
        self.amendments = amendments
    }

    /// Where an amendment stands in the text: block, then passage start (insertions after the block's passages).
    func position(_ amendment: Amendment) -> (Int, Int, Int) {
        let block = draft.index(of: amendment.anchor) ?? Int.max
        let offset = amendment.operation == .insert ? Int.max : (amendment.span?.start ?? -1)
        return (block, offset, amendment.number)
    }

    /// Amendments in the order of the text.
    public var sortedByPosition: [Amendment] {
        amendments.sorted { position($0) < position($1) }
    }

    /// Whether two amendments touch the same passage (so adopting one makes the other fall).
    public func conflict(_ a: Amendment, _ b: Amendment) -> Bool {
        guard a.id != b.id, a.anchor == b.anchor, a.operation != .insert, b.operation != .insert else { return false }
        guard let x = a.span, let y = b.span else { return true }   // a whole block overlaps everything in it
        return x.overlaps(y)
    }

    /// Groups of amendments linked by conflicts (each group of two or more is flagged as conflicting), in text order.
    public var conflictGroups: [[Amendment]] {
        let sorted = sortedByPosition.filter { $0.status.isOpen || $0.status == .adopted || $0.status == .fallen || $0.status == .rejected }
        var group = [Int: Int]()
        var groups: [[Amendment]] = []
        for amendment in sorted {
            let linked = Set(groups.indices.filter { index in groups[index].contains { conflict($0, amendment) } })
            if linked.isEmpty {
                group[amendment.id] = groups.count
                groups.append([amendment])
            } else {
                let target = linked.min()!
                groups[target].append(amendment)
                for other in linked.sorted(by: >) where other != target {
                    groups[target] += groups[other]
                    groups[other] = []
                }
            }
        }
        return groups.filter { $0.count > 1 }.map { $0.sorted { position($0) < position($1) } }
    }

    /// The ids of amendments in a conflict with another.
    public var conflicting: Set<Int> { Set(conflictGroups.flatMap { $0.map(\.id) }) }

    /// The order of the vote: text order; inside a group of conflicting amendments, the one furthest from the text
    /// first (deletion of the block, deletion of a passage, replacement of the block, replacement of a passage).
    public var votingOrder: [Amendment] {
        func distance(_ amendment: Amendment) -> Int {
            switch (amendment.operation, amendment.span) {
            case (.delete, nil): 0
            case (.delete, _): 1
            case (.replace, nil): 2
            case (.replace, _): 3
            case (.insert, _): 4
            }
        }
        let open = sortedByPosition.filter(\.status.isOpen)
        var result: [Amendment] = []
        var done = Set<Int>()
        for amendment in open where !done.contains(amendment.id) {
            let group = open.filter { $0.id == amendment.id || (conflict($0, amendment) || conflictsTransitively($0, amendment, within: open)) }
            for member in group.sorted(by: { (distance($0), position($0).0, position($0).1, $0.number) < (distance($1), position($1).0, position($1).1, $1.number) }) where !done.contains(member.id) {
                result.append(member)
                done.insert(member.id)
            }
        }
        return result
    }

    private func conflictsTransitively(_ a: Amendment, _ b: Amendment, within list: [Amendment]) -> Bool {
        var reached: Set<Int> = [b.id]
        var frontier = [b]
        while let next = frontier.popLast() {
            for other in list where !reached.contains(other.id) && conflict(other, next) {
                if other.id == a.id { return true }
                reached.insert(other.id)
                frontier.append(other)
            }
        }
        return false
    }

    /// Records a decision. Adopting an amendment makes every open amendment in conflict with it fall; returns the
    /// ids of those that fell.
    @discardableResult
    public mutating func decide(_ id: Int, _ status: AmendmentStatus) -> [Int] {
        guard let index = amendments.firstIndex(where: { $0.id == id }) else { return [] }
        amendments[index].status = status
        guard status == .adopted else { return [] }
        var fallen: [Int] = []
        for other in amendments.indices where amendments[other].status.isOpen && conflict(amendments[other], amendments[index]) {
            amendments[other].status = .fallen
            fallen.append(amendments[other].id)
        }
        return fallen
    }
}
