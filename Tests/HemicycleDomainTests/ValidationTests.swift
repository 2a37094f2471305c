import HemicycleDomain
import Testing

@Suite struct ValidationTests {
    @Test func emailsAreTrimmedAndLowerCased() throws {
        #expect(try Validate.email("  Nadia.R@Example.ORG ") == "nadia.r@example.org")
    }

    @Test(arguments: ["", "nadia", "nadia@", "@example.org", "nadia@example", "na dia@example.org", "a@b@c.org", "x@.org"])
    func invalidEmailsAreRefused(_ raw: String) {
        #expect(throws: ValidationFailure.self) { try Validate.email(raw) }
    }

    @Test func passwordsNeedTenCharactersAndAtMostSeventyTwoBytes() throws {
        #expect(throws: ValidationFailure(field: "password", key: "error_password_too_short")) { try Validate.password("short") }
        #expect(try Validate.password("ten chars!") == "ten chars!")
        let tooLong = String(repeating: "é", count: 37)  // 74 bytes
        #expect(throws: ValidationFailure(field: "password", key: "error_password_too_long")) { try Validate.password(tooLong) }
    }

    @Test func localizedNamesNeedOneLanguage() throws {
        #expect(throws: ValidationFailure.self) { try Validate.localizedName(LocalizedText(fr: "  ", ar: nil, en: nil)) }
        let name = try Validate.localizedName(LocalizedText([.ar: " فئة الخبراء "]))
        #expect(name[.ar] == "فئة الخبراء")
        #expect(name[.fr] == nil)
    }

    @Test func slugs() throws {
        #expect(try Validate.slug("cese-fr") == "cese-fr")
        for bad in ["CESE", "-x", "x-", "a", "cese fr", "cesé"] {
            #expect(throws: ValidationFailure.self) { try Validate.slug(bad) }
        }
        #expect(throws: ValidationFailure(field: "slug", key: "error_slug_reserved")) { try Validate.slug("signin") }
        #expect(throws: ValidationFailure(field: "slug", key: "error_slug_reserved")) { try Validate.slug("api") }
    }
}

@Suite struct InputSafetyTests {
    @Test func addressesThatWouldInjectSMTPAreRefused() throws {
        for raw in ["a@b.example\r\nRCPT TO:<c@d.example>", "a@b.example\nBcc: x@y.example", "a b@c.example", "<a@b.example>",
                    "a@b.example>", "a\u{0}@b.example", "a@b.example\u{2028}"] {
            #expect(throws: ValidationFailure.self, "\(raw.debugDescription)") { try Validate.email(raw) }
        }
        #expect(try Validate.email("  Salma.Benali@CESE.ma ") == "salma.benali@cese.ma")
    }

    @Test func storedLinksAreWebAddresses() throws {
        for raw in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "/relative", "//evil.example", "ftp://x.example",
                    "https://", "http://exa mple.org", "vbscript:x"] {
            #expect(throws: ValidationFailure.self, "\(raw)") { try Validate.link(raw, field: "link") }
        }
        #expect(try Validate.link(" https://petitions.assemblee-nationale.fr/initiatives/i-1234 ", field: "link")
            == "https://petitions.assemblee-nationale.fr/initiatives/i-1234")
    }
}
