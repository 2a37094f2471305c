import Foundation
import HemicycleDomain
import Testing
@testable import Web

@Suite struct FormattingTests {
    /// Counts written digit by digit are what each locale's formatter writes, grouping included.
    @Test(arguments: [(Language.fr, String?.none), (.en, nil), (.ar, nil), (.ar, "MA"), (.fr, "MA")])
    func countsAreWrittenAsTheLocaleWritesThem(language: Language, country: String?) {
        let format = Formatting(language: language, country: country)
        var values = [0, 7, 10, 999, 1_000, 1_001, 12_345, 100_000, 999_999, 1_000_000, 1_971_898, 150_000, Int(Int32.max), Int.max, -5, -12_345]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 { values.append(Int.random(in: 0...50_000_000, using: &generator)) }
        for value in values {
            #expect(format.number(value) == value.formatted(.number.locale(format.locale)), "\(language) \(country ?? "") \(value)")
        }
        #expect(Formatting(language: .fr).number(1_971_898) == "1\u{202F}971\u{202F}898")
    }
}
