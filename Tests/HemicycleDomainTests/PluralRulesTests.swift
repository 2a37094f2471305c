import HemicycleDomain
import Testing

@Suite struct PluralRulesTests {
    /// The CLDR examples for whole numbers in each language.
    @Test func arabicHasSixCategories() {
        let expected: [(Int, PluralCategory)] = [
            (0, .zero), (1, .one), (2, .two), (3, .few), (10, .few), (103, .few), (110, .few), (11, .many), (26, .many),
            (99, .many), (111, .many), (1011, .many), (100, .other), (101, .other), (102, .other), (200, .other), (1000, .other),
        ]
        for (count, category) in expected {
            #expect(PluralRules.category(of: count, in: .ar) == category, "ar \(count)")
        }
        #expect(Set(expected.map(\.1)) == Set(PluralRules.categories(of: .ar)))
    }

    @Test func frenchCountsZeroAndOneAsOneAndMillionsAsMany() {
        let expected: [(Int, PluralCategory)] = [(0, .one), (1, .one), (2, .other), (175, .other), (1_000, .other),
                                                 (1_000_000, .many), (2_000_000, .many), (1_000_001, .other)]
        for (count, category) in expected { #expect(PluralRules.category(of: count, in: .fr) == category, "fr \(count)") }
    }

    @Test func englishHasOneAndOther() {
        #expect(PluralRules.category(of: 1, in: .en) == .one)
        for count in [0, 2, 11, 101, 1_000_000] { #expect(PluralRules.category(of: count, in: .en) == .other) }
    }

    @Test func everyCategoryARuleGivesIsOneTheLanguageLists() {
        for language in Language.allCases {
            let listed = Set(PluralRules.categories(of: language))
            #expect(PluralRules.categories(of: language).last == .other)
            for count in 0...2_000 { #expect(listed.contains(PluralRules.category(of: count, in: language))) }
            #expect(listed.contains(PluralRules.category(of: 1_000_000, in: language)))
        }
    }
}
