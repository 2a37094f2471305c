import HemicycleDomain
import Testing

@Suite struct FullTextSearchTests {
    @Test func theIndexedTextIsFoldedAndKeepsRepeatedWords() {
        #expect(FullTextSearch.indexText("Séance plénière ; SÉANCE") == "seance pleniere seance")
        // Each Arabic word is followed by its forms without the article or a joined particle.
        #expect(FullTextSearch.indexText("التَّقْرِيـــرُ السنوي") == "التقرير تقرير السنوي سنوي")
        #expect(FullTextSearch.indexText("الجلسة العامة") == FullTextSearch.indexText("الجلسه العامه"))
        #expect(FullTextSearch.indexText("إعداد") == FullTextSearch.indexText("اعداد"))
    }

    @Test func queriesRequireEveryWordBeginning() {
        #expect(FullTextSearch.sqliteQuery(["seance", "vote"]) == "\"seance\"* \"vote\"*")
        #expect(FullTextSearch.postgresQuery(["seance", "vote"]) == "seance:* & vote:*")
    }

    @Test func aSnippetMarksTheWordsFoundAsWritten() throws {
        let text = "Après le vote en séance plénière, chaque groupe dépose une déclaration."
        let snippet = try #require(FullTextSearch.snippet(text, terms: SearchWords.query("PLENIERE declar")))
        #expect(snippet.filter(\.mark).map(\.text) == ["plénière", "déclaration"])
        #expect(snippet.map(\.text).joined() == text)
        #expect(FullTextSearch.snippet(text, terms: ["budget"]) == nil)
        #expect(FullTextSearch.snippet(text, terms: []) == nil)
        // An Arabic word is found with its article, vowel marks or tatweel, and marked as written.
        let arabic = "يُصادق عليه في الجلسةِ العامة قبل رفعه."
        let found = try #require(FullTextSearch.snippet(arabic, terms: SearchWords.query("جلسه")))
        #expect(found.filter(\.mark).map(\.text) == ["الجلسةِ"])
    }

    @Test func aLongTextGivesThePassageWithTheMostWordsFound() throws {
        let filler = (1...60).map { "mot\($0)" }.joined(separator: " ")
        let text = "budget au début. " + filler + " le budget\n\net le calendrier du budget ensuite " + filler
        let snippet = try #require(FullTextSearch.snippet(text, terms: ["budget", "calendrier"], words: 12))
        #expect(snippet.filter(\.mark).map(\.text) == ["budget", "calendrier", "budget"])
        #expect(snippet.first?.text == "… " && snippet.last?.text.hasSuffix(" …") == true)
        // Line breaks read as one space.
        #expect(!snippet.map(\.text).joined().contains("\n"))
    }
}
