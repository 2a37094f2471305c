import Conventions
import Testing

@Suite struct PublicSeedTests {
    @Test func aSeedHasOneCanonicalForm() {
        #expect(PublicSeed.canonical("  Loto du 12 décembre :\t4  17 23 38 45 ") == "Loto du 12 décembre : 4 17 23 38 45")
        // A decomposed é is the precomposed one.
        #expect(PublicSeed.canonical("de\u{301}cembre 4") == "décembre 4")
        #expect(PublicSeed.canonical("اليانصيب ٤ ١٧ ٢٣") == "اليانصيب ٤ ١٧ ٢٣")
        #expect(PublicSeed.canonical("4-17-23") == "4-17-23")
    }

    @Test func lookAlikeVariantsAreRefused() {
        for text in ["4\u{200B}17", "4\u{2060}17", "\u{202E}71 4", "4\u{00A0}17", "4\u{2009}17", "x\u{301}\u{302}", "", "   ",
                     "4 17 <script>", "4\u{0}17", "🎲 4", String(repeating: "9", count: 201)] {
            #expect(PublicSeed.canonical(text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
