import CouncilWork
import Testing

/// Two blocks never share an identifier, even when the source of identifiers repeats itself, and a new block never
/// takes the identifier of a block of the previous version.
@Suite struct BlockIdentifierTests {
    /// A source that gives `x` three times, then `a`, `b`, `c`...
    final class RepeatingSource {
        var count = 0
        func next() -> String {
            count += 1
            return count <= 3 ? "x" : String(UnicodeScalar(UInt8(93 + count)))
        }
    }

    @Test func aRepeatedDrawIsDrawnAgain() {
        let source = RepeatingSource()
        let text = BlockAlignment.align(previous: nil, parsed: [(.paragraph, "Un."), (.paragraph, "Deux."), (.paragraph, "Trois.")],
                                        newIdentifier: source.next)
        #expect(Set(text.blocks.map(\.id)).count == 3)
    }

    @Test func aNewBlockNeverTakesAnIdentifierOfThePreviousVersion() throws {
        let previous = DraftText(blocks: [Block(id: "x", kind: .paragraph, text: "Un."), Block(id: "a", kind: .paragraph, text: "Deux.")])
        let source = RepeatingSource()
        let next = BlockAlignment.align(previous: previous, parsed: [(.paragraph, "Un."), (.chapter, "Titre nouveau"), (.paragraph, "Deux.")],
                                        newIdentifier: source.next)
        #expect(next.blocks.map(\.id).first == "x" && next.blocks.map(\.id).last == "a")
        let inserted = next.blocks[1].id
        #expect(inserted != "x" && inserted != "a")
        #expect(Set(next.blocks.map(\.id)).count == 3)

        let amendment = Amendment(id: 1, number: 1, operation: .insert, anchor: "x", span: nil, text: "Inséré.", insertedKind: .paragraph,
                                  status: .adopted)
        let consolidated = try Consolidation.apply([amendment], to: next, newIdentifier: RepeatingSource().next)
        #expect(Set(consolidated.blocks.map(\.id)).count == consolidated.blocks.count)
    }
}
