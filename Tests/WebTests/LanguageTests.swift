import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct LanguagePageTests {
    @Test(arguments: TestDatabase.kinds)
    func frenchByDefaultArabicRightToLeftAndEnglishOnRequest(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let french = try await Visitor(client).get("/")
            #expect(french.status == .ok)
            #expect(french.text.contains(#"<html lang="fr" dir="ltr">"#))
            #expect(french.text.contains("Conseil économique, social et environnemental"))

            let arabic = try await Visitor(client, acceptLanguage: "ar-MA,ar;q=0.9").get("/cese-ma")
            #expect(arabic.text.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(arabic.text.contains("المجلس الاقتصادي والاجتماعي والبيئي"))
            #expect(arabic.headers[.contentLanguage] == "ar")

            let english = try await Visitor(client, acceptLanguage: "en-GB").get("/cese-fr/members")
            #expect(english.text.contains(#"<html lang="en" dir="ltr">"#))
            #expect(english.text.contains("Members by group"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSwitcherWorksOnEveryPageAndReturnsToIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/commissions")
            #expect(page.text.contains(#"href="/lang/ar?next=/cese-fr/commissions""#))
            let switched = try await visitor.get("/lang/ar?next=/cese-fr/commissions")
            #expect(switched.status == .found)
            #expect(switched.location == "/cese-fr/commissions")
            let arabic = try await visitor.get("/cese-fr/commissions")
            #expect(arabic.text.contains(#"dir="rtl""#))
            // Never a redirect to another site.
            #expect(try await visitor.get("/lang/en?next=//evil.example").location == "/")
            #expect(try await visitor.get("/lang/xx").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPersonsPreferenceBeatsTheBrowserHeader(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            // Youssef (cese-ma staff) prefers Arabic; his browser says English.
            let youssef = Visitor(client, acceptLanguage: "en")
            try await youssef.signIn("secretariat@cese-ma.example")
            #expect(try await youssef.get("/account").text.contains(#"lang="ar" dir="rtl""#))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func missingTranslationsShowAVisibleFallback(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            // The demo cese-fr description has no Arabic version: it shows in French, marked as such.
            let page = try await Visitor(client, acceptLanguage: "ar").get("/cese-fr")
            #expect(page.text.contains(#"<span lang="fr" dir="ltr">Troisième assemblée"#))
            #expect(page.text.contains("غير مترجم"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func numbersFollowTheLocale(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            // Generic Arabic writes Arabic-Indic digits; Morocco writes Latin digits.
            let france = try await Visitor(client, acceptLanguage: "ar").get("/cese-fr")
            #expect(france.text.contains("١٠ مجموعات"))  // ten groups, in the plural form for 3 to 10
            let morocco = try await Visitor(client, acceptLanguage: "ar").get("/cese-ma")
            #expect(morocco.text.contains("<li>7 لجان</li>"), "seven commissions")
        }
    }

    /// Counts written digit by digit are exactly what each locale's own formatter writes, and larger ones are grouped.
    @Test func countsAreWrittenAsTheLocaleWritesThem() {
        for language in Language.allCases {
            for country in [nil, "FR", "MA", "DZ", "TN"] {
                let format = Formatting(language: language, country: country)
                for value in 0..<1_000 {
                    #expect(format.number(value) == value.formatted(.number.locale(format.locale)), "\(language) \(country ?? "-") \(value)")
                }
            }
        }
        #expect(Formatting(language: .fr).number(12_345) == 12_345.formatted(.number.locale(Locale(identifier: "fr_FR"))))
        #expect(Formatting(language: .ar).number(10) == "١٠" && Formatting(language: .ar, country: "MA").number(10) == "10")
    }

    /// Lists follow the reader's language: the Moroccan council's groups in the order of their Arabic names for an
    /// Arabic reader, of their English names for an English one.
    @Test(arguments: TestDatabase.kinds)
    func listsAreSortedInTheReadersLanguage(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            func headings(_ language: String) async throws -> [String] {
                let page = try await Visitor(client, acceptLanguage: language).get("/cese-ma/members")
                return page.text.matches(of: /<h2 id="group-\d+">([\s\S]*?) <span class="count">/).map {
                    String($0.1).replacing(/<[^>]+>/, with: "").trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            let arabic = try await headings("ar"), english = try await headings("en")
            #expect(arabic == ["فئة الأعضاء بحكم القانون", "فئة الخبراء", "فئة النقابات", "فئة الهيئات والجمعيات المهنية",
                                                 "فئة الهيئات والجمعيات النشيطة في مجالات الاقتصاد الاجتماعي والعمل الجمعوي"])
            #expect(english == ["Ex officio members", "Experts", "Professional organisations and associations",
                                                 "Social economy and associations", "Trade unions"])
        }
    }
}
