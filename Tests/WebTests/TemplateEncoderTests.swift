import Testing
@testable import Web

/// Typed page models reach the templates as the objects, lists and scalars they read.
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
        let values = try TemplateEncoder.encode(model)
        #expect(values.member("title")?.string == "Avis")
        #expect(values.member("open")?.boolean == false)
        #expect(values.member("note") == nil, "a nil optional leaves its key out")
        #expect(values.member("tags")?.items?.compactMap(\.string) == ["a", "b"])
        let rows = try #require(values.member("rows")?.items)
        let first = try #require(rows.first), second = try #require(rows.last)
        #expect(first.member("name")?.string == "Nadia" && first.member("role")?.string == "Rapporteure" && first.member("count")?.number == 3)
        #expect(second.member("role") == nil && second.member("count")?.number == 0)
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
        let values = try TemplateEncoder.encode(model)
        #expect(values.member("status")?.string == "closed")
        #expect(values.member("values")?.member("title_ar")?.string == "رأي")
        #expect(values.member("counts")?.items?.compactMap(\.number) == [3, 1])
        #expect(values.member("big")?.number == 1_796_029_200)
        if case .double(let share)? = values.member("share") { #expect(share == 0.5) } else { Issue.record("the share is not a number") }
        let nested = try #require(values.member("nested"))
        #expect(nested.member("name")?.string == "Paul" && nested.member("count")?.number == 2 && nested.member("role") == nil)
        #expect(values.member("absent") == nil)
    }

    @Test func aRenderedTypedModelMatchesItsValues() async throws {
        let views = try await Views.bundled()
        let localized = LocalizedView(text: "Groupe", lang: "fr", dir: "ltr", fallback: false, fallbackNote: nil, missing: false)
        let html = try views.render("loc", try TemplateEncoder.encode(localized))
        #expect(html.contains(#"<span lang="fr" dir="ltr">Groupe</span>"#))
        #expect(!html.contains("fallback"))
    }
}

extension TemplateValue {
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var boolean: Bool? { if case .bool(let value) = self { value } else { nil } }
    var number: Int? { if case .int(let value) = self { value } else { nil } }
    var items: [TemplateValue]? { if case .list(let items) = self { items } else { nil } }
}
