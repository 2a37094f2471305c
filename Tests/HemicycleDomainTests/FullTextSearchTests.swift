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
        #expect(FullTextSearch.sqliteQuery(["seance", "vote"]) == "\"seance\"* AND \"vote\"*")
        #expect(FullTextSearch.postgresQuery(["seance", "vote"]) == "seance:* & vote:*")
        // An Arabic word is looked for with and without its article: a text may hold either.
        #expect(FullTextSearch.sqliteQuery(["التقرير"]) == "(\"التقرير\"* OR \"تقرير\"*)")
        #expect(FullTextSearch.postgresQuery(["التقرير", "vote"]) == "(التقرير:* | تقرير:*) & vote:*")
        // A word made of symbols Swift reads as letters (which no index holds) finds nothing, rather than being dropped.
        #expect(FullTextSearch.terms("budget 🅰🅱") == nil)
        #expect(FullTextSearch.terms("  Budget, ÉTÉ ") == ["budget", "ete"])
        #expect(FullTextSearch.terms("« » !") == [])
    }

    @Test func aTextRanksByItsOwnWordsTheTitleFirst() {
        let title = FullTextSearch.score([("Le budget", 10), ("", 4), ("Le calendrier.", 1)], terms: ["budget"])
        let text = FullTextSearch.score([("Le calendrier", 10), ("", 4), ("Le budget, le budget et le budget.", 1)], terms: ["budget"])
        #expect(title > text && text > 0)
        // More of the words searched for rank higher; a word found twice counts less than twice.
        let both = FullTextSearch.score([("budget et calendrier", 1)], terms: ["budget", "calendrier"])
        let once = FullTextSearch.score([("budget", 1)], terms: ["budget", "calendrier"])
        let twice = FullTextSearch.score([("budget budget", 1)], terms: ["budget", "calendrier"])
        #expect(both > twice && twice > once && twice < 2 * once)
        #expect(FullTextSearch.score([("التقرير السنوي", 1)], terms: ["تقرير"]) > 0)
        #expect(FullTextSearch.score([("tout autre chose", 1)], terms: ["budget"]) == 0)
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
        // A query word with its article finds and marks the word without it.
        #expect(FullTextSearch.snippet("كل تقرير سنوي", terms: SearchWords.query("التقرير"))?.filter(\.mark).map(\.text) == ["تقرير"])
    }

    @Test func aLongTextGivesThePassageWithTheMostWordsFound() throws {
        let filler = (1...60).map { "mot\($0)" }.joined(separator: " ")
        let text = "budget au début. " + filler + " le budget\n\net le calendrier du budget ensuite " + filler
        let snippet = try #require(FullTextSearch.snippet(text, terms: ["budget", "calendrier"], words: 12))
        #expect(snippet.filter(\.mark).map(\.text) == ["budget", "calendrier", "budget"])
        #expect(snippet.first?.text == "… " && snippet.last?.text.hasSuffix(" …") == true)
        // Centred on the words found: words before and after them show.
        #expect(snippet.map(\.text).joined() == "… mot59 mot60 le budget et le calendrier du budget ensuite mot1 mot2 …")
        // A word found alone, late in a long text: the passage around it, not ending on it.
        let late = try #require(FullTextSearch.snippet(filler + " budget " + filler, terms: ["budget"], words: 11))
        #expect(late.map(\.text).joined() == "… mot56 mot57 mot58 mot59 mot60 budget mot1 mot2 mot3 mot4 mot5 …")
        // Line breaks read as one space.
        #expect(!snippet.map(\.text).joined().contains("\n"))
    }
}
