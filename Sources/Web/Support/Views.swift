import Foundation
import HemicycleDomain
import Hummingbird
import Mustache

/// Renders pages from Mustache templates (HTML-escaped by default) and fails loudly on a missing template.
public struct Views: Sendable {
    let library: MustacheLibrary

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
        // Every template starts by naming its content type, whose escaping reads bytes rather than characters.
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard text.hasPrefix(HTMLEscaping.templatePragma) else {
                throw MissingTemplate(description: "Template Resources/templates/\(file) does not start with \(HTMLEscaping.templatePragma)")
            }
        }
        HTMLEscaping.registerContentType()
        let library = try await MustacheLibrary(directory: directory.path)
        for name in required where library.getTemplate(named: name) == nil {
            throw MissingTemplate(description: "Missing template Resources/templates/\(name).mustache")
        }
        return Views(library: library)
    }

    /// HTML of `template` for `context`; a template that renders nothing is an error, not a blank page.
    public func render(_ template: String, _ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: template), !html.isEmpty else {
            throw MissingTemplate(description: "Template \(template) is missing or rendered nothing")
        }
        return html
    }
}

/// An HTML response.
public struct HTML: ResponseGenerator {
    public let body: String
    public let status: HTTPResponse.Status

    public init(_ body: String, status: HTTPResponse.Status = .ok) {
        self.body = body
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}
