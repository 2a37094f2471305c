import Crypto
import Foundation
import HemicycleDomain
import Hummingbird

/// Renders pages from Mustache templates (values HTML-escaped) and fails loudly on a missing template.
///
/// The templates are parsed and rendered here rather than by swift-mustache, which looks every name up through
/// `Any` with several dynamic casts per value and per level of the stack (a third of the published avis page's CPU);
/// here a page model is a tree of `TemplateValue`s and a name is a dictionary lookup. The tests render every template
/// with both and compare the pages.
public struct Views: Sendable {
    let templates: [String: Template]

    public struct MissingTemplate: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every template a handler may ask for; start-up fails if one is absent.
    static let required = [
        "layout", "home", "error", "signin", "signup", "account", "forgot", "reset", "message",
        "council", "members", "commissions", "commission", "admin", "admin-groups", "admin-group",
        "admin-commissions", "admin-commission", "admin-members", "admin-member", "outbox", "invitation",
    ]

    /// Where the bundled templates are.
    static func directory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw MissingTemplate(description: "Missing Resources/templates directory")
        }
        return url
    }

    public static func bundled() async throws -> Views {
        let directory = try directory()
        var templates: [String: Template] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            // Every template names the content type its values are escaped for.
            guard text.hasPrefix(HTMLEscaping.templatePragma) else {
                throw MissingTemplate(description: "Template Resources/templates/\(file) does not start with \(HTMLEscaping.templatePragma)")
            }
            templates[name] = try Template(name: name, source: text)
        }
        for name in required where templates[name] == nil {
            throw MissingTemplate(description: "Missing template Resources/templates/\(name).mustache")
        }
        try checkReferences(templates)
        return Views(templates: templates)
    }

    /// Fails when a template names a partial or a parent that is not there: at start-up, not on the page that uses it.
    static func checkReferences(_ templates: [String: Template]) throws {
        func check(_ nodes: [TemplateNode], in template: String) throws {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, _, let body), .block(_, _, let body): try check(body, in: template)
                case .partial(let name, _):
                    guard templates[name] != nil else {
                        throw MissingTemplate(description: "Template \(template) includes \(name), which is missing")
                    }
                case .parent(let name, _, let blocks):
                    guard templates[name] != nil else {
                        throw MissingTemplate(description: "Template \(template) extends \(name), which is missing")
                    }
                    for body in blocks.values { try check(body, in: template) }
                }
            }
        }
        for (name, template) in templates { try check(template.nodes, in: name) }
    }

    /// HTML of `template` for `value`; a missing template, or one that renders nothing, is an error, not a blank page.
    func render(_ template: String, _ value: TemplateValue) throws -> String {
        String(decoding: try renderBytes(template, value), as: UTF8.self)
    }

    /// The same page as the UTF-8 bytes a response sends (the templates and the values are valid UTF-8, so the page
    /// is not decoded into a `String` and encoded again).
    func renderBytes(_ template: String, _ value: TemplateValue) throws -> [UInt8] {
        guard let parsed = templates[template] else {
            throw MissingTemplate(description: "Template \(template) is missing")
        }
        var renderer = TemplateRenderer(templates: templates, capacity: 64 * 1024)
        try renderer.render(parsed, value)
        guard !renderer.output.isEmpty else {
            throw MissingTemplate(description: "Template \(template) rendered nothing")
        }
        return renderer.output
    }
}

/// An HTML response.
public struct HTML: ResponseGenerator {
    public let bytes: [UInt8]
    public let status: HTTPResponse.Status
    /// Never kept by a browser, even a visitor's (it shows an address, or carries a token).
    var isPrivate = false

    public init(_ body: String, status: HTTPResponse.Status = .ok) {
        self.init(bytes: Array(body.utf8), status: status)
    }

    init(bytes: [UInt8], status: HTTPResponse.Status = .ok) {
        self.bytes = bytes
        self.status = status
    }

    public var body: String { String(decoding: bytes, as: UTF8.self) }

    /// A signed-in person's page is never stored (it holds their name and data). A visitor's page may be kept by their
    /// own browser, revalidated every time: it carries an `ETag`, and an unchanged page answers 304 without its bytes.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let context = context as? AppContext
        let isVisitor = context.map { $0.account == nil } ?? false
        let slot = context?.pageCacheSlot
        guard status == .ok, isVisitor, !isPrivate, request.method == .get || request.method == .head else {
            // A page not kept after all carries the visitor's own token in place of the stand-in.
            let own = slot.map { $0.cache.personal(bytes, token: $0.token) } ?? bytes
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: own)))
        }
        if let slot {
            let entry = slot.cache.store(bytes, slot: slot)
            return Self.answer(slot.cache.bytes(entry, token: slot.token), tag: slot.cache.tag(entry, token: slot.token), request: request)
        }
        return Self.answer(bytes, tag: "\"" + PageCache.digest(bytes) + "\"", request: request)
    }

    /// A visitor's page with its `ETag`, kept by their own browser and revalidated; 304 when their copy is current.
    static func answer(_ bytes: [UInt8], tag: String, request: Request) -> Response {
        var headers: HTTPFields = [.eTag: tag, .cacheControl: "private, no-cache", .vary: "Cookie, Accept-Language"]
        if ConditionalRequest.isCurrent(request, tag: tag) { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
