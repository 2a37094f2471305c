import HemicycleDomain
import Testing

@Suite struct SearchWordsTests {
    @Test func frenchWordsAreFoundWhateverTheCaseAndAccents() {
        #expect(SearchWords.words(in: "L’Élève ÉTUDIE l'eau; élève, eau!") == ["eleve", "etudie", "eau"])
        #expect(SearchWords.words(in: "e\u{0301}cole") == ["ecole"])  // decomposed accent
        #expect(SearchWords.query("  ÉCOLE  numérique ") == ["ecole", "numerique"])
        #expect(SearchWords.words(in: "a à y 2") == [])  // one-letter words match nearly everything
        #expect(SearchWords.words(in: "2026 COP30") == ["2026", "cop30"])
    }

    @Test func arabicWordsAreFoundWithoutVowelMarksHamzaSeatsOrTatweel() {
        // Vowel marks (harakat), the tatweel and hamza on its seat are folded away.
        #expect(SearchWords.words(in: "الأَمْنُ المائي") == SearchWords.words(in: "الامن المـــائي"))
        #expect(SearchWords.words(in: "الأَمْنُ المائي") == ["الامن", "امن", "المايي", "مايي"])
        #expect(SearchWords.query("إصلاح، التعليم") == SearchWords.query("اصلاح التعليم"))
        // The taa marbuta and the haa, the alef maqsura and the yaa, the alef wasla and the alef are one letter.
        #expect(SearchWords.query("بعثة المستشفى ٱلمجلس") == SearchWords.query("بعثه المستشفي المجلس"))
        #expect(SearchWords.query("آمِنَة") == ["امنه"])
        // The article and joined particles: the word is also indexed without them.
        #expect(SearchWords.words(in: "لاتفاق والاتفاق بالمجلس") == ["لاتفاق", "اتفاق", "والاتفاق", "الاتفاق", "بالمجلس", "مجلس", "المجلس"])
        #expect(SearchWords.words(in: "بحر") == ["بحر"])
    }

    @Test func wordsAreBoundedAndTheirPrefixesOrderBeforeTheBound() {
        let long = String(repeating: "x", count: 100)
        #expect(SearchWords.words(in: long) == [String(repeating: "x", count: SearchWords.longest)])
        let many = (0..<1_000).map { "mot\($0)" }.joined(separator: " ")
        #expect(SearchWords.words(in: many).count == SearchWords.mostPerText)
        #expect(SearchWords.query(many).count == SearchWords.mostPerQuery)
        // In byte order, every word that begins with the prefix lies between the prefix and its bound.
        for word in ["eau", "eaux", "eauzzz", "eau\u{FFFF}", "eau\u{10FFFD}"] {
            #expect(Array("eau".utf8).lexicographicallyPrecedes(Array(word.utf8)) || word == "eau")
            #expect(Array(word.utf8).lexicographicallyPrecedes(Array(SearchWords.upperBound(of: "eau").utf8)))
        }
        #expect(!Array("eav".utf8).lexicographicallyPrecedes(Array(SearchWords.upperBound(of: "eau").utf8)))
    }
}
