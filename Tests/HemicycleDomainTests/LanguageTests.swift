import HemicycleDomain
import Testing

@Suite struct LanguageTests {
    @Test func arabicIsRightToLeftAndTheOthersAreNot() {
        #expect(Language.ar.direction == "rtl")
        #expect(Language.fr.direction == "ltr")
        #expect(Language.en.direction == "ltr")
    }

    @Test(arguments: [
        ("ar-MA,ar;q=0.9,fr;q=0.8", Language.ar),
        ("en-GB,en;q=0.9", .en),
        ("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7", .fr),
        ("fr-CA", .fr),
        ("es, en;q=0.1", .en),
        ("ar;q=0, en;q=0.2", .en),
    ])
    func negotiatesTheBestSupportedLanguage(header: String, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test func unsupportedOrEmptyHeadersChooseNothing() {
        #expect(Language.negotiate(acceptLanguage: nil) == nil)
        #expect(Language.negotiate(acceptLanguage: "") == nil)
        #expect(Language.negotiate(acceptLanguage: "de, es;q=0.8") == nil)
    }

    @Test func localizedTextFallsBackVisibly() throws {
        let text = LocalizedText(fr: "Groupe Agriculture", ar: nil, en: "Agriculture Group")
        let arabic = try #require(text.resolved(for: .ar, councilDefault: .fr))
        #expect(arabic.text == "Groupe Agriculture")
        #expect(arabic.language == .fr)
        #expect(arabic.isFallback)
        let english = try #require(text.resolved(for: .en))
        #expect(english.text == "Agriculture Group")
        #expect(!english.isFallback)
        #expect(LocalizedText(fr: "", ar: nil, en: nil).resolved(for: .fr) == nil)
    }

    @Test func fallbackPrefersTheCouncilLanguage() throws {
        let text = LocalizedText(fr: "Catégorie des experts", ar: "فئة الخبراء", en: nil)
        #expect(try #require(text.resolved(for: .en, councilDefault: .ar)).language == .ar)
        #expect(try #require(text.resolved(for: .en, councilDefault: .fr)).language == .fr)
    }
}
