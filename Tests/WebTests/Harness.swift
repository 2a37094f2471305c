import Foundation
import HemicycleDomain
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A site on a fresh database of `kind`, with the demo councils loaded, served through the in-process router.
enum Harness {
    static func configuration() -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.bcryptCost = 4
        configuration.baseURL = "http://hemicycle.test"
        configuration.filesFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-files-\(UUID().uuidString)").path
        return configuration
    }

    static func run(_ kind: DatabaseKind, demo: Bool = true, configure: @escaping @Sendable (inout AppConfiguration) -> Void = { _ in },
                    wrap: @escaping @Sendable (any Database) -> any Database = { $0 },
                    _ body: @escaping @Sendable (Site, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.with(kind) { store in
            let database = wrap(store)
            let resources = try await HemicycleServer.Resources.bundled()
            var configuration = configuration()
            configure(&configuration)
            let site = Site(configuration: configuration, database: database, views: resources.views,
                            localizer: resources.localizer, clock: TestClock(), ids: SequentialIdentifiers())
            if demo { try await DemoData(site: site).load() }
            let app = Application(router: HemicycleServer.buildRouter(site: site, resources: resources))
            try await app.test(.router) { client in
                try await body(site, client)
            }
        }
    }
}

/// A person with a browser: keeps cookies between requests and sends the CSRF token with forms.
final class Visitor: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var acceptLanguage: String?

    init(_ client: any TestClientProtocol, acceptLanguage: String? = nil) {
        self.client = client
        self.acceptLanguage = acceptLanguage
    }

    private func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        return headers
    }

    private func remember(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let expired = header.contains("Max-Age=0") || pair[1].isEmpty
                || (header.range(of: "Expires=") != nil && header.contains("1970"))
            if expired { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers(extra), body: nil)
        remember(response)
        return response
    }

    /// Posts a form; a CSRF token is fetched first (as a page load would) unless `csrf` is given.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        if cookies["hemicycle_csrf"] == nil && csrf == nil { try await get("/") }
        let token = csrf ?? cookies["hemicycle_csrf"] ?? ""
        let body = ([("_csrf", token)] + fields).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await postRaw(uri, body: body)
    }

    @discardableResult
    func postRaw(_ uri: String, body: String, contentType: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .post, headers: headers([.contentType: contentType]),
                                                body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    @discardableResult
    func postJSON(_ uri: String, _ json: String, contentType: String = "application/json") async throws -> TestResponse {
        try await postRaw(uri, body: json, contentType: contentType)
    }

    @discardableResult
    func signIn(_ email: String, password: String = DemoData.password) async throws -> TestResponse {
        let response = try await post("/signin", [("email", email), ("password", password)])
        #expect(response.status == .seeOther, "sign-in of \(email) failed: \(response.status)")
        return response
    }

    /// Posts the sign-in form from another client address (`X-Forwarded-For`, trusted when the site is configured so).
    @discardableResult
    func signIn(from address: String, email: String, password: String) async throws -> TestResponse {
        if cookies["hemicycle_csrf"] == nil { try await get("/") }
        let token = cookies["hemicycle_csrf"] ?? ""
        let body = [("_csrf", token), ("email", email), ("password", password)].map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
            .joined(separator: "&")
        let response = try await client.execute(uri: "/signin", method: .post,
                                                headers: headers([.contentType: "application/x-www-form-urlencoded",
                                                                  HTTPField.Name("X-Forwarded-For")!: address]),
                                                body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Posts a form with one file as a browser does (`multipart/form-data`, fields in page order: the CSRF token first
    /// unless `tokenFirst` is false).
    @discardableResult
    /// A `multipart/form-data` post with one file; `cutBy` drops that many bytes from the end, as a cut connection does.
    func postFile(_ uri: String, fields: [(String, String)] = [], fileName: String, content: [UInt8], tokenFirst: Bool = true,
                  csrf: String? = nil, cutBy: Int = 0, epilogue: String = "") async throws -> TestResponse {
        if cookies["hemicycle_csrf"] == nil && csrf == nil { try await get("/") }
        let token = csrf ?? cookies["hemicycle_csrf"] ?? ""
        let boundary = "----hemicycle\(UUID().uuidString)"
        func field(_ name: String, _ value: String) -> [UInt8] {
            Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        var body: [UInt8] = tokenFirst ? field("_csrf", token) : []
        for (name, value) in fields { body += field(name, value) }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += content + Array("\r\n".utf8)
        if !tokenFirst { body += field("_csrf", token) }
        body += Array("--\(boundary)--\r\n\(epilogue)".utf8)
        body.removeLast(min(cutBy, body.count))
        let response = try await client.execute(uri: uri, method: .post,
                                                headers: headers([.contentType: "multipart/form-data; boundary=\(boundary)"]),
                                                body: ByteBuffer(bytes: body))
        remember(response)
        return response
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

extension Site {
    /// The current seat of the person with `email` in the council `slug`.
    func seat(_ email: String, in slug: String) async throws -> Membership? {
        guard let council = try await councils.find(slug: slug) else { return nil }
        return try await memberships.all(councilID: council.id).first { $0.email == email }
    }
}
