/// The text after the votes: the adopted amendments applied to the version they amend. Everything outside the
/// amended passages is kept as it was; blocks keep their identifiers, inserted blocks get new ones.
public enum Consolidation {
    public static func apply(_ adopted: [Amendment], to draft: DraftText, newIdentifier: () -> String) throws(AmendmentError) -> DraftText {
        let list = AmendmentList(draft: draft, amendments: adopted)
        for (i, a) in adopted.enumerated() {
            for b in adopted[(i + 1)...] where list.conflict(a, b) { throw .conflictingAdoptions(a.number, b.number) }
            guard draft.block(a.anchor) != nil else { throw .unknownBlock(a.anchor) }
        }
        var fresh = FreshIdentifiers(taken: draft.blocks.map(\.id))
        var blocks: [Block] = []
        for block in draft.blocks {
            let edits = adopted.filter { $0.anchor == block.id && $0.operation != .insert }
            var text: String? = block.text
            if edits.contains(where: { $0.span == nil && $0.operation == .delete }) {
                text = nil
            } else if let whole = edits.first(where: { $0.span == nil }) {
                text = whole.text
            } else {
                var scalars = Array(block.text.unicodeScalars)
                for edit in edits.sorted(by: { $0.span!.start > $1.span!.start }) {
                    let span = edit.span!
                    guard span.end <= scalars.count else { throw .passageNotFound }
                    let replacement = edit.operation == .delete ? [] : Array(edit.text.unicodeScalars)
                    scalars.replaceSubrange(span.start..<span.end, with: replacement)
                    closeGap(&scalars, at: span.start + replacement.count)
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let result = String(view)
                text = result.allSatisfy(\.isWhitespace) ? nil : result
            }
            if let text { blocks.append(Block(id: block.id, kind: block.kind, text: text)) }
            for insertion in adopted.filter({ $0.anchor == block.id && $0.operation == .insert }).sorted(by: { $0.number < $1.number }) {
                blocks.append(Block(id: fresh.next(newIdentifier), kind: insertion.insertedKind, text: insertion.text))
            }
        }
        return DraftText(blocks: blocks)
    }

    /// A deletion can leave two spaces side by side where the passage was, or one at an end of the block: only
    /// that space is removed, nothing else in the block.
    static func closeGap(_ scalars: inout [Unicode.Scalar], at index: Int) {
        if index > 0, index < scalars.count, scalars[index - 1] == " ", scalars[index] == " " {
            scalars.remove(at: index)
        } else if index == scalars.count, index > 0, scalars[index - 1] == " " {
            scalars.remove(at: index - 1)
        } else if index == 0, scalars.first == " " {
            scalars.removeFirst()
        }
    }
}
