import Foundation
import Mustache
import OpinionMap
import Testing
@testable import Web

/// The pages' Mustache renderer: the rules of the language it supports, its errors, and every bundled template
/// rendered by it and by swift-mustache (the reference) on the same generated values, byte for byte.
@Suite struct TemplateRenderingTests {
    func render(_ source: String, _ value: TemplateValue, partials: [String: String] = [:]) throws -> String {
        var templates = ["page": try Template(name: "page", source: source)]
        for (name, text) in partials { templates[name] = try Template(name: name, source: text) }
        var renderer = TemplateRenderer(templates: templates, capacity: 256)
        try renderer.render(templates["page"]!, value)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    @Test func variablesAreEscapedUnlessTripled() throws {
        let value: TemplateValue = ["name": "L'avis <b> & \"co\"", "count": 3, "open": true]
        #expect(try render("{{name}}|{{{name}}}|{{& name}}|{{count}}|{{open}}|{{missing}}", value)
                == "L&#39;avis &lt;b&gt; &amp; &quot;co&quot;|L'avis <b> & \"co\"|L'avis <b> & \"co\"|3|true|")
    }

    @Test func sectionsOpenOnTruthOnObjectsAndOnEachItem() throws {
        let value: TemplateValue = [
            "yes": true, "no": false, "empty": [], "rows": [["n": "a"], ["n": "b"]], "person": ["name": "Nadia"],
            "blank": "", "zero": 0, "title": "outer",
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}", value) == "Yne")
        #expect(try render("{{#rows}}[{{n}} {{title}}]{{/rows}}", value) == "[a outer][b outer]", "names not in an item are found outside")
        #expect(try render("{{#person}}{{name}}{{/person}} {{person.name}} {{#missing}}M{{/missing}}{{^missing}}m{{/missing}}", value)
                == "Nadia Nadia m")
        #expect(try render("{{#blank}}B{{/blank}}{{#zero}}{{.}}{{/zero}}", value) == "B0", "an empty string and zero still open")
        #expect(try render("{{#person}}{{person.missing}}{{title.name}}{{/person}}", value) == "", "a dotted name stays in what it found")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let value: TemplateValue = ["rows": [["n": "a"]], "flag": false]
        #expect(try render("<ul>\n  {{#rows}}\n  <li>{{n}}</li>\n  {{/rows}}\n  {{! a note }}\n</ul>\n", value) == "<ul>\n  <li>a</li>\n</ul>\n")
        #expect(try render("a {{#rows}}x{{/rows}}\n{{^flag}}b{{/flag}} c\n", value) == "a x\nb c\n", "tags sharing a line keep it")
        #expect(try render("  {{>part}}\nend", value, partials: ["part": "one\ntwo\n"]) == "  one\n  two\nend", "a standalone partial is indented")
    }

    @Test func childrenFillTheirParentsBlocks() throws {
        let layout = "<main>{{$main}}default{{/main}}</main>{{$aside}}<aside>{{title}}</aside>{{/aside}}"
        let page = "{{<layout}}{{$main}}<h1>{{title}}</h1>{{/main}}{{/layout}}"
        #expect(try render(page, ["title": "Avis"], partials: ["layout": layout]) == "<main><h1>Avis</h1></main><aside>Avis</aside>")
    }

    @Test func aBadTemplateIsRefusedWithItsLineAndColumn() {
        func failure(_ source: String) -> TemplateSyntaxError? {
            do { _ = try Template(name: "broken", source: source); return nil } catch { return error }
        }
        let unclosed = failure("<p>\n  {{#rows}}{{n}}\n</p>")
        #expect(unclosed?.line == 2 && unclosed?.column == 3 && unclosed?.description.contains("broken.mustache") == true)
        #expect(failure("{{#a}}{{/b}}")?.reason.contains("not open") == true)
        #expect(failure("x {{name")?.column == 3)
        #expect(failure("{{=<% %>=}}") != nil && failure("{{upper(name)}}") != nil && failure("{{%CONTENT_TYPE:TEXT}}") != nil)
        #expect(failure("{{<layout}}<p>{{/layout}}") != nil, "a parent holds only blocks")
    }

    @Test func aTextAreaGivesBackWhatWasTypedLineBreaksIncluded() async throws {
        let views = try await Views.bundled()
        for template in ["admin-group", "admin-groups", "admin-commission", "admin-commissions"] {
            let html = try views.render(template, ["values": ["description_fr": "Première ligne\nseconde\n"]])
            #expect(html.contains(#"rows="3">Première ligne"# + "\nseconde\n</textarea>"), "\(template) adds nothing to the field")
        }
    }

    @Test func aMissingPartialFailsTheRenderAndTheStart() throws {
        #expect(throws: TemplateRenderer.MissingPartial.self) { try render("{{>nowhere}}", [:]) }
        let page = try Template(name: "page", source: "{{#rows}}{{>row}}{{/rows}}")
        #expect(throws: Views.MissingTemplate.self) { try Views.checkReferences(["page": page]) }
        let child = try Template(name: "child", source: "{{<layout}}{{$main}}x{{/main}}{{/layout}}")
        #expect(throws: Views.MissingTemplate.self) { try Views.checkReferences(["child": child]) }
        let row = try Template(name: "row", source: "{{name}}")
        try Views.checkReferences(["page": page, "row": row])
    }

    @Test func columnsCountCharacters() {
        do {
            _ = try Template(name: "arabic", source: "<p>رأي {{#open}}")
            Issue.record("an unclosed section parses")
        } catch {
            #expect(error.line == 1 && error.column == 8, "\(error)")
        }
    }

    @Test func escapingIntoTheBufferMatchesEscapingAString() {
        for text in [#"<a href="x">L'avis & "l'étude"</a>"#, "الفرنكوفونية & المجلس", "e\u{301}<👩‍👩‍👧>", "", "plain", "&&&", "<"] {
            var output: [UInt8] = Array("x".utf8)
            HTMLEscaping.append(escaping: text, to: &output)
            #expect(String(decoding: output, as: UTF8.self) == "x" + HTMLEscaping.escape(text))
        }
    }

    // MARK: The bundled templates against swift-mustache

    @Test func everyBundledTemplateRendersAsTheReferenceDoes() async throws {
        let views = try await Views.bundled()
        let directory = try Views.directory()
        MustacheContentTypes.register(ReferenceHTML(), named: "HTML")
        let reference = try await MustacheLibrary(directory: directory.path)
        var random = SplitMix64(seed: 20_261_130)
        var compared = 0
        for name in views.templates.keys.sorted() {
            for _ in 0..<40 {
                var generator = ValueGenerator(templates: views.templates, random: random)
                let value = generator.object(for: views.templates[name]!.nodes)
                random = generator.random
                let ours = try? views.render(name, value)
                let theirs = reference.render(value.referenceValue, withTemplate: name) ?? ""
                if let ours, ours == theirs {
                    compared += 1
                    continue
                }
                Issue.record("\(name) renders differently: \(Self.firstDifference(ours ?? "(an error)", theirs))")
                break
            }
        }
        #expect(compared == views.templates.count * 40)
    }

    /// Where two renderings part, with a little of each around it.
    static func firstDifference(_ ours: String, _ theirs: String) -> String {
        let a = Array(ours.utf8), b = Array(theirs.utf8)
        var index = 0
        while index < a.count, index < b.count, a[index] == b[index] { index += 1 }
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 60)..<min(bytes.count, index + 60)], as: UTF8.self)
        }
        return "at byte \(index): ours «\(around(a))» reference «\(around(b))»"
    }

    struct ReferenceHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}

/// Values for a template: every name it reads gets a text (with characters to escape, line breaks, digits) or a
/// number, and every section a value drawn among absent, null, false, true, an empty text, an empty list, one or two
/// items, or an object.
struct ValueGenerator {
    let templates: [String: Template]
    var random: SplitMix64
    var depth = 0
    init(templates: [String: Template], random: SplitMix64) {
        self.templates = templates
        self.random = random
    }

    mutating func object(for nodes: [TemplateNode]) -> TemplateValue {
        var members: [String: TemplateValue] = [:]
        fill(&members, from: nodes)
        // Objects come both ways the pages build them: hashed (`TemplateEncoder`) and in order (`TemplateFields`).
        if random.next() % 2 == 0 { return .object(members) }
        return .fields(members.sorted { $0.key < $1.key }.map { TemplateField(name: $0.key, value: $0.value) })
    }

    private mutating func fill(_ members: inout [String: TemplateValue], from nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text: break
            case .variable(let path, _):
                // Inside an item, some names are left to be found further out, through the stack.
                guard !path.names.isEmpty, depth == 0 || random.next() % 4 != 0 else { continue }
                let texts: [TemplateValue] = [.string("<b>\(path.names.last!)</b>"), "L'avis & \"co\"", "رأي\n", "", "x", "a\nb\n", 42, 0]
                set(&members, path.names, texts[Int(random.next() % UInt64(texts.count))])
            case .section(let path, _, let body):
                guard !path.names.isEmpty, depth < 6 else { continue }
                depth += 1
                // A section that shows `{{.}}` is over texts.
                let overTexts = body.contains { if case .variable(let inner, _) = $0 { inner.names.isEmpty } else { false } }
                switch random.next() % 9 {
                case 0: break
                case 6: set(&members, path.names, .null)
                case 7: set(&members, path.names, "")
                case 1: set(&members, path.names, false)
                case 2 where !overTexts:
                    set(&members, path.names, true)
                    fill(&members, from: body)
                case 3: set(&members, path.names, [])
                case 4:
                    let count = Int(random.next() % 2) + 1
                    set(&members, path.names, .list((0..<count).map { _ in overTexts ? "<i>item</i>" : object(for: body) }))
                default: set(&members, path.names, overTexts ? "L'item" : object(for: body))
                }
                depth -= 1
            case .partial(let name, _):
                if let template = templates[name] { fill(&members, from: template.nodes) }
            case .parent(let name, _, let blocks):
                if let template = templates[name] { fill(&members, from: template.nodes) }
                for body in blocks.values { fill(&members, from: body) }
            case .block(_, _, let body):
                fill(&members, from: body)
            }
        }
    }

    /// Sets `names` in `members` unless already set (a name read twice keeps its first value).
    private func set(_ members: inout [String: TemplateValue], _ names: [String], _ value: TemplateValue) {
        guard let first = names.first else { return }
        if names.count == 1 {
            if members[first] == nil { members[first] = value }
            return
        }
        var inner: [String: TemplateValue]
        switch members[first] {
        case .object(let existing)?: inner = existing
        case nil: inner = [:]
        default: return
        }
        set(&inner, Array(names.dropFirst()), value)
        members[first] = .object(inner)
    }
}

extension TemplateValue {
    /// The same value as swift-mustache reads it. A list or an object shown as text writes nothing in the pages'
    /// renderer (swift-mustache writes its Swift description): the reference's wrappers write nothing too, so the
    /// generated values need not avoid names both shown and opened.
    var referenceValue: Any {
        switch self {
        case .null: ReferenceNull()
        case .bool(let value): value
        case .string(let text): text
        case .int(let number): number
        case .double(let number): number
        case .list(let items): ReferenceList(items: items.map(\.referenceValue))
        case .object, .fields: ReferenceObject(members: (members ?? [:]).mapValues(\.referenceValue))
        }
    }
}

struct ReferenceNull: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

struct ReferenceList: MustacheSequence, MustacheCustomRenderable {
    let items: [Any]
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
    var underestimatedCount: Int { items.count }
    var renderText: String { "" }
    var isNull: Bool { false }
}

struct ReferenceObject: MustacheParent, MustacheCustomRenderable {
    let members: [String: Any]
    func child(named name: String) -> Any? { members[name] }
    var renderText: String { "" }
    var isNull: Bool { false }
}
