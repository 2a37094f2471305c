import Testing
@testable import Web

/// Values reach pages, charts and XML escaped byte by byte, in every script the councils write.
@Suite struct HTMLEscapingTests {
    @Test func theFiveCharactersBecomeEntitiesAndTheRestIsKept() {
        #expect(HTMLEscaping.escape(#"<a href="x">L'avis & "l'étude"</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;L&#39;avis &amp; &quot;l&#39;étude&quot;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("L'avis <b>", apostrophe: false) == "L'avis &lt;b&gt;")
        #expect(HTMLEscaping.escape("الفرنكوفونية & المجلس") == "الفرنكوفونية &amp; المجلس")
        #expect(HTMLEscaping.escape("e\u{301}<👩‍👩‍👧>") == "e\u{301}&lt;👩‍👩‍👧&gt;", "combining marks and clusters are copied as bytes")
        #expect(HTMLEscaping.escape("") == "" && HTMLEscaping.escape("Groupe Entreprises") == "Groupe Entreprises")
    }

    @Test func templatesEscapeWhatTheyShow() async throws {
        let views = try await Views.bundled()
        let html = try views.render("loc", ["text": "<script>alert('x')</script>", "lang": "fr", "dir": "ltr"])
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test func chartCoordinatesHaveOneDecimal() {
        #expect(VoteChart.fmt(0) == "0.0" && VoteChart.fmt(184) == "184.0" && VoteChart.fmt(12.345) == "12.3"
                && VoteChart.fmt(99.96) == "100.0" && VoteChart.fmt(-3.25) == "-3.3" && VoteChart.fmt(-0.01) == "0.0")
    }
}
