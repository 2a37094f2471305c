import CouncilWork
import Testing

@Suite("Amendments: order, conflicts, falling, consolidation")
struct AmendmentTests {
    static let draft = DraftText(blocks: [
        Block(id: "h1", kind: .part, text: "La Francophonie aujourd'hui"),
        Block(id: "b1", kind: .paragraph, text: "La langue française est parlée par 321 millions de personnes sur cinq continents."),
        Block(id: "r1", kind: .recommendation, text: "Renforcer l'enseignement du français dans les pays partenaires."),
        Block(id: "b2", kind: .paragraph, text: "Les échanges universitaires restent trop faibles."),
    ])

    func ids() -> () -> String {
        var next = 0
        return { next += 1; return "n\(next)" }
    }

    @Test("a quoted passage is found once, or the error says why")
    func locatePassage() throws {
        let span = try Amendment.locate("321 millions", in: Self.draft.blocks[1].text)
        #expect(span == TextSpan(start: 35, end: 47))
        #expect(throws: AmendmentError.passageNotFound) { try Amendment.locate("400 millions", in: Self.draft.blocks[1].text) }
        #expect(throws: AmendmentError.passageAmbiguous(occurrences: 2)) { try Amendment.locate("es ", in: "les gens, les chats") }
    }

    @Test("amendments touching the same passage conflict, are grouped, and adopting one makes the others fall")
    func conflictsAndFalling() throws {
        let text = Self.draft.blocks[1].text
        let a = Amendment(id: 1, number: 1, operation: .replace, anchor: "b1", span: try Amendment.locate("321 millions", in: text), text: "plus de 320 millions")
        let b = Amendment(id: 2, number: 2, operation: .delete, anchor: "b1", span: try Amendment.locate("321 millions de personnes", in: text))
        let c = Amendment(id: 3, number: 3, operation: .replace, anchor: "b1", span: try Amendment.locate("cinq continents", in: text), text: "tous les continents")
        let d = Amendment(id: 4, number: 4, operation: .insert, anchor: "r1", text: "Créer un visa francophone pour les étudiants.", insertedKind: .recommendation)
        let e = Amendment(id: 5, number: 5, operation: .delete, anchor: "b2")
        var list = AmendmentList(draft: Self.draft, amendments: [e, d, c, b, a])
        #expect(list.sortedByPosition.map(\.number) == [1, 2, 3, 4, 5])
        #expect(list.conflictGroups.map { $0.map(\.number) } == [[1, 2]])
        #expect(list.conflicting == [1, 2])
        // Furthest from the text first: the deletion (2) before the replacement (1).
        #expect(list.votingOrder.map(\.number) == [2, 1, 3, 4, 5])
        let fallen = list.decide(1, .adopted)
        #expect(fallen == [2])
        #expect(list.amendments.first { $0.id == 2 }?.status == .fallen)
        #expect(list.amendments.first { $0.id == 3 }?.status == .tabled)
    }

    @Test("consolidation applies the adopted amendments and keeps every other word")
    func consolidation() throws {
        let text = Self.draft.blocks[1].text
        let adopted = [
            Amendment(id: 1, number: 1, operation: .replace, anchor: "b1", span: try Amendment.locate("321 millions", in: text), text: "plus de 320 millions", status: .adopted),
            Amendment(id: 3, number: 3, operation: .replace, anchor: "b1", span: try Amendment.locate("cinq continents", in: text), text: "tous les continents", status: .adopted),
            Amendment(id: 4, number: 4, operation: .insert, anchor: "r1", text: "Créer un visa francophone pour les étudiants.", insertedKind: .recommendation, status: .adopted),
            Amendment(id: 5, number: 5, operation: .delete, anchor: "b2", status: .adopted),
        ]
        let result = try Consolidation.apply(adopted, to: Self.draft, newIdentifier: ids())
        #expect(result.blocks.map(\.id) == ["h1", "b1", "r1", "n1"])
        #expect(result.blocks[1].text == "La langue française est parlée par plus de 320 millions de personnes sur tous les continents.")
        #expect(result.blocks[3].kind == .recommendation)
        #expect(result.recommendationNumbers == ["r1": 1, "n1": 2])
    }

    @Test("deleting a passage leaves no double space")
    func deletionSpacing() throws {
        let draft = DraftText(blocks: [Block(id: "a", kind: .paragraph, text: "Un texte vraiment très long.")])
        let span = try Amendment.locate("vraiment ", in: draft.blocks[0].text)
        let result = try Consolidation.apply([Amendment(id: 1, number: 1, operation: .delete, anchor: "a", span: span, status: .adopted)],
                                             to: draft, newIdentifier: ids())
        #expect(result.blocks[0].text == "Un texte très long.")
    }

    @Test("two conflicting amendments cannot both be applied")
    func conflictingAdoptionsAreRefused() {
        let adopted = [Amendment(id: 1, number: 1, operation: .delete, anchor: "b2", status: .adopted),
                       Amendment(id: 2, number: 2, operation: .replace, anchor: "b2", text: "x", status: .adopted)]
        #expect(throws: AmendmentError.conflictingAdoptions(1, 2)) { try Consolidation.apply(adopted, to: Self.draft, newIdentifier: ids()) }
    }

    @Test("property: consolidation never loses text outside the amended passages", arguments: 0..<200)
    func consolidationKeepsUnamendedText(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        let words = ["le", "conseil", "recommande", "de", "renforcer", "la", "coopération", "entre", "les", "pays", "francophones", "et", "africains"]
        let blocks = (0..<(2 + Int(random.next() % 4))).map { index in
            Block(id: "b\(index)", kind: .paragraph, text: (0..<(4 + Int(random.next() % 8))).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " "))
        }
        let draft = DraftText(blocks: blocks)
        // Random non-overlapping word spans, replaced or deleted.
        var adopted: [Amendment] = []
        var kept: [String: [Range<Int>]] = [:]
        for block in blocks {
            let scalars = Array(block.text.unicodeScalars)
            let spaces = [-1] + scalars.indices.filter { scalars[$0] == " " } + [scalars.count]
            var cursor = 0
            var untouched: [Range<Int>] = []
            var wordIndex = 0
            while wordIndex < spaces.count - 1 {
                let start = spaces[wordIndex] + 1, end = spaces[wordIndex + 1]
                if random.next() % 3 == 0 {
                    untouched.append(cursor..<start)
                    let delete = random.next() % 2 == 0
                    adopted.append(Amendment(id: adopted.count + 1, number: adopted.count + 1, operation: delete ? .delete : .replace, anchor: block.id,
                                             span: TextSpan(start: start, end: end), text: delete ? "" : "NOUVEAU", status: .adopted))
                    cursor = end
                    wordIndex += 2   // leave a word between two amended spans
                } else {
                    wordIndex += 1
                }
            }
            untouched.append(cursor..<scalars.count)
            kept[block.id] = untouched
        }
        let result = try Consolidation.apply(adopted, to: draft, newIdentifier: ids())
        for block in blocks {
            let scalars = Array(block.text.unicodeScalars)
            let after = result.block(block.id).map { String($0.text.unicodeScalars.map(Character.init)) } ?? ""
            for range in kept[block.id]! {
                let piece = String(String.UnicodeScalarView(scalars[range])).trimmingSpaces()
                guard !piece.isEmpty else { continue }
                #expect(after.contains(piece), "\"\(piece)\" lost from \"\(block.text)\" → \"\(after)\"")
            }
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
