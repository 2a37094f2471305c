import Conventions
import Testing

@Suite struct PublicSeedTests {
    @Test func anEventHasOneSeed() {
        for typed in ["4 17 23 38 45", "  4, 17, 23, 38, 45 ", "04-17-23-38-45", "4\t17\n23 ; 38/45", "٤ ١٧ ٢٣ ٣٨ ٤٥", "۴ ۱۷ ۲۳ ۳۸ ۴۵",
                      "４ １７ ２３ ３８ ４５", "4،17،23،38،45", "4\u{00A0}17 23 38 45"] {
            #expect(PublicSeed.canonical(typed) == "4 17 23 38 45", "\(typed)")
        }
        #expect(PublicSeed.canonical("0 00 7") == "0 0 7")
    }

    @Test func anythingButNumbersIsRefused() {
        for text in ["Loto du 12 décembre : 4 17", "4\u{200B}17", "4\u{3164}17", "\u{202E}71 4", "x", "", "   ", "4 17 <script>", "4\u{0}17",
                     "🎲 4", "4²", "Ⅻ", "4.5e3", String(repeating: "9", count: 21), Array(repeating: "1", count: 65).joined(separator: " ")] {
            #expect(PublicSeed.canonical(text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
