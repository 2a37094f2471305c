/// Gives a new version of a text the identifiers of the previous one: blocks whose text is unchanged keep their
/// identifier (longest common subsequence); between two unchanged blocks, blocks of the same kind are paired in
/// order as edits of each other; whatever is left is new and gets a fresh identifier.
public enum BlockAlignment {
    public static func align(previous: DraftText?, parsed: [(kind: Block.Kind, text: String)],
                             newIdentifier: () -> String) -> DraftText {
        guard let previous, !previous.blocks.isEmpty else {
            var fresh = FreshIdentifiers(taken: [])
            return DraftText(blocks: parsed.map { Block(id: fresh.next(newIdentifier), kind: $0.kind, text: $0.text) })
        }
        let old = previous.blocks
        let pairs = longestCommonSubsequence(old.map { "\($0.kind.rawValue)\u{1F}\($0.text)" }, parsed.map { "\($0.kind.rawValue)\u{1F}\($0.text)" })
        var ids = [String?](repeating: nil, count: parsed.count)
        var used = Set<String>()
        var lastOld = -1, lastNew = -1
        for (o, n) in pairs + [(old.count, parsed.count)] {
            // Pair the unmatched blocks between the anchors, kind by kind, in order (a queue per kind: linear).
            var queues: [Block.Kind: [Int]] = [:], heads: [Block.Kind: Int] = [:]
            for candidate in (lastOld + 1)..<o { queues[old[candidate].kind, default: []].append(candidate) }
            for index in (lastNew + 1)..<n {
                let kind = parsed[index].kind, head = heads[kind, default: 0]
                if let queue = queues[kind], head < queue.count {
                    ids[index] = old[queue[head]].id
                    heads[kind] = head + 1
                }
            }
            if o < old.count { ids[n] = old[o].id }
            lastOld = o
            lastNew = n
        }
        // A new block never takes an identifier of the previous version, kept or not: an amendment tabled to that
        // version must not come to point at it.
        var fresh = FreshIdentifiers(taken: old.map(\.id))
        var blocks: [Block] = []
        for (index, item) in parsed.enumerated() {
            var id = ids[index] ?? fresh.next(newIdentifier)
            if used.contains(id) { id = fresh.next(newIdentifier) }
            used.insert(id)
            blocks.append(Block(id: id, kind: item.kind, text: item.text))
        }
        return DraftText(blocks: blocks)
    }
}
