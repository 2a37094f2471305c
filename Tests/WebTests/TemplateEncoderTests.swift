import Testing
@testable import Web

/// Typed page models reach the templates as the dictionaries, arrays and scalars Mustache reads.
@Suite struct TemplateEncoderTests {
    struct Row: Encodable {
        let name: String
        let role: String?
        let count: Int
    }

    struct Model: Encodable {
        let title: String
        let rows: [Row]
        let open: Bool
        let note: String?
        let tags: [String]
    }

    @Test func aModelBecomesTheValuesTemplatesRead() throws {
        let model = Model(title: "Avis", rows: [Row(name: "Nadia", role: "Rapporteure", count: 3), Row(name: "Paul", role: nil, count: 0)],
                          open: false, note: nil, tags: ["a", "b"])
        let values = try #require(try TemplateEncoder.encode(model) as? [String: Any])
        #expect(values["title"] as? String == "Avis")
        #expect(values["open"] as? Bool == false)
        #expect(values["note"] == nil, "a nil optional leaves its key out")
        #expect((values["tags"] as? [Any])?.compactMap { $0 as? String } == ["a", "b"])
        let rows = try #require(values["rows"] as? [Any])
        let first = try #require(rows.first as? [String: Any]), second = try #require(rows.last as? [String: Any])
        #expect(first["name"] as? String == "Nadia" && first["role"] as? String == "Rapporteure" && first["count"] as? Int == 3)
        #expect(second["role"] == nil && second["count"] as? Int == 0)
    }

    enum Status: String, Encodable { case open, closed }

    struct Mixed: Encodable {
        let status: Status
        let values: [String: String]
        let counts: [Int]
        let big: Int64
        let share: Double
        let nested: Row?
        let absent: Row?
    }

    @Test func rawValuesDictionariesNumbersAndNestedOptionalsKeepTheirValues() throws {
        let model = Mixed(status: .closed, values: ["title_fr": "Avis", "title_ar": "رأي"], counts: [3, 1], big: 1_796_029_200,
                          share: 0.5, nested: Row(name: "Paul", role: nil, count: 2), absent: nil)
        let values = try #require(try TemplateEncoder.encode(model) as? [String: Any])
        #expect(values["status"] as? String == "closed")
        #expect((values["values"] as? [String: Any])?["title_ar"] as? String == "رأي")
        #expect((values["counts"] as? [Any])?.compactMap { $0 as? Int } == [3, 1])
        #expect(values["big"] as? Int64 == 1_796_029_200 && values["share"] as? Double == 0.5)
        let nested = try #require(values["nested"] as? [String: Any])
        #expect(nested["name"] as? String == "Paul" && nested["count"] as? Int == 2 && nested["role"] == nil)
        #expect(values["absent"] == nil)
    }

    @Test func aRenderedTypedModelMatchesItsValues() async throws {
        let views = try await Views.bundled()
        let localized = LocalizedView(text: "Groupe", lang: "fr", dir: "ltr", fallback: false, fallbackNote: nil, missing: false)
        let values = try #require(try TemplateEncoder.encode(["name": localized]) as? [String: Any])
        let html = try views.render("loc", values["name"] as? [String: Any] ?? [:])
        #expect(html.contains(#"<span lang="fr" dir="ltr">Groupe</span>"#))
        #expect(!html.contains("fallback"))
    }
}
