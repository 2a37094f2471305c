import Foundation
import Testing
@testable import Web

/// The request path's trimming skips Foundation only when there is nothing to trim: its result is always Foundation's.
struct TrimmingTests {
    @Test(arguments: ["", " ", "\n\t ", "vote", " 1", "1 ", "\u{00A0}oui\u{00A0}", "\u{2003}نعم", "a b", "\r\n10.0.0.1\r\n", "\u{0085}x"])
    func trimmingGivesFoundationsResult(value: String) {
        #expect(value.trimmed(of: .whitespacesAndNewlines) == value.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(value.trimmed(of: .whitespaces) == value.trimmingCharacters(in: .whitespaces))
        #expect(value.dropFirst(0).trimmed(of: .whitespaces) == value.trimmingCharacters(in: .whitespaces))
    }

    @Test func aFormsTextIsTrimmedAndBlankIsAbsent() throws {
        let form = try Form(encoded: "vote=+1+&blank=+%0A+&name=%C2%A0Awa%C2%A0")
        #expect(form.text("vote") == "1")
        #expect(form.text("blank") == nil)
        #expect(form.text("name") == "Awa")
        #expect(form.text("missing") == nil)
    }
}
