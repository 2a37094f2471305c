/// A piece of a word-level comparison.
public enum DiffSegment: Sendable, Equatable {
    case same(String)
    case inserted(String)
    case deleted(String)
}

/// How one block changed between two versions.
public struct BlockChange: Sendable, Equatable {
    public enum Status: String, Sendable {
        case unchanged, modified, inserted, deleted
    }

    public let id: String
    public let kind: Block.Kind
    public let status: Status
    /// The words of the block, marked as kept, added or removed.
    public let segments: [DiffSegment]
}

/// Readable comparison of two versions: block by block (by stable identifier), then word by word inside each
/// modified block.
public enum TextDiff {
    public static func compare(_ old: DraftText, _ new: DraftText) -> [BlockChange] {
        let oldIDs = old.blocks.map(\.id), newIDs = new.blocks.map(\.id)
        let common = longestCommonSubsequence(oldIDs, newIDs)
        let inNew = Set(newIDs)
        let oldByID = Dictionary(old.blocks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [BlockChange] = []
        var i = 0, j = 0
        for (o, n) in common + [(old.blocks.count, new.blocks.count)] {
            while i < o {
                let block = old.blocks[i]
                if !inNew.contains(block.id) { changes.append(BlockChange(id: block.id, kind: block.kind, status: .deleted, segments: [.deleted(block.text)])) }
                i += 1
            }
            while j < n {
                let block = new.blocks[j]
                if let previous = oldByID[block.id] {
                    // Moved: shown where it now stands, compared with its old text.
                    changes.append(change(previous, block))
                } else {
                    changes.append(BlockChange(id: block.id, kind: block.kind, status: .inserted, segments: [.inserted(block.text)]))
                }
                j += 1
            }
            if o < old.blocks.count {
                changes.append(change(old.blocks[o], new.blocks[n]))
                i = o + 1
                j = n + 1
            }
        }
        return changes
    }

    static func change(_ old: Block, _ new: Block) -> BlockChange {
        guard old.text != new.text || old.kind != new.kind else {
            return BlockChange(id: new.id, kind: new.kind, status: .unchanged, segments: [.same(new.text)])
        }
        return BlockChange(id: new.id, kind: new.kind, status: .modified, segments: words(old.text, new.text))
    }

    /// Word-level differences (words keep their trailing spaces, so joining the segments gives the texts back).
    public static func words(_ old: String, _ new: String) -> [DiffSegment] {
        let a = tokens(old), b = tokens(new)
        var segments: [DiffSegment] = []
        func append(_ segment: DiffSegment) {
            switch (segments.last, segment) {
            case let (.same(x)?, .same(y)): segments[segments.count - 1] = .same(x + y)
            case let (.inserted(x)?, .inserted(y)): segments[segments.count - 1] = .inserted(x + y)
            case let (.deleted(x)?, .deleted(y)): segments[segments.count - 1] = .deleted(x + y)
            default: segments.append(segment)
            }
        }
        var i = 0, j = 0
        for (o, n) in longestCommonSubsequence(a, b) + [(a.count, b.count)] {
            while i < o { append(.deleted(a[i])); i += 1 }
            while j < n { append(.inserted(b[j])); j += 1 }
            if o < a.count { append(.same(a[o])); i = o + 1; j = n + 1 }
        }
        return segments
    }

    /// Words with the spaces that follow them.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
                current.append(character)
            } else {
                if inSpace { tokens.append(current); current = ""; inSpace = false }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
