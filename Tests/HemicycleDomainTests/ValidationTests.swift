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
