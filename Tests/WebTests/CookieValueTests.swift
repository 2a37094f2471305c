import Hummingbird
import Testing
@testable import Web

/// A cookie's value is read as Hummingbird's own parser reads it, without building the whole list.
@Suite struct CookieValueTests {
    @Test func aCookieIsFoundByItsWholeNameInAnyHeader() {
        let headers = ["hemicycle_lang=ar;hemicycle_csrf=a=b=c ;  \tother=1", "hemicycle_participant=token; hemicycle_csrf=second",
                       "empty=; twice==v; ;;bare; last=x=", "empty=later"]
        for name in ["hemicycle_lang", "hemicycle_csrf", "other", "hemicycle_participant", "hemicycle", "csrf", "missing", "", "empty", "twice",
                     "bare", "last"] {
            #expect(Request.cookieValue(name, in: headers) == Cookies(from: headers)[name]?.value, "\(name)")
        }
        #expect(Request.cookieValue("hemicycle_csrf", in: headers) == "a=b=c ")
        #expect(Request.cookieValue("hemicycle_participant", in: headers) == "token")
        #expect(Request.cookieValue("hemicycle", in: headers) == nil)
        #expect(Request.cookieValue("twice", in: headers) == "v")
        #expect(Request.cookieValue("empty", in: headers) == nil)  // the first one named so counts, empty
        #expect(Request.cookieValue("x", in: ["", ";;", "x", " x=1", "x=later"]) == "1")
        #expect(Request.cookieValue("x", in: []) == nil)
    }
}
