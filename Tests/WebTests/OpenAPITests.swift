import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct OpenAPITests {
    @Test func theDocumentIsServedAndMatchesTheRoutes() async throws {
        try await Harness.run(.sqlite, demo: false) { site, client in
            let response = try await Visitor(client).get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
            let info = try #require(document["info"] as? [String: Any])
            #expect(info["title"] as? String == "Hemicycle API" && info["version"] is String)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
            var documented = Set<String>()
            for (path, item) in paths {
                for (method, operation) in item where methods.contains(method) {
                    documented.insert("\(method) \(path)")
                    let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any], "\(method) \(path)")
                    #expect(!responses.isEmpty)
                    // Every path parameter is declared.
                    let declared = ((item["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
                    for parameter in path.split(separator: "/") where parameter.hasPrefix("{") {
                        #expect(declared.contains(String(parameter.dropFirst().dropLast())), "\(path) declares \(parameter)")
                    }
                }
            }
            // Both ways: every route the router serves under /api/ is documented, and every documented operation is served.
            let resources = try await HemicycleServer.Resources.bundled()
            let router = HemicycleServer.buildRouter(site: site, resources: resources)
            let served = Set(router.routes.filter { "\($0.path)".hasPrefix("/api/") }.map { "\($0.method.rawValue.lowercased()) \($0.path)" })
            #expect(!served.isEmpty)
            #expect(documented == served, "OpenAPI and the router differ: \(documented.symmetricDifference(served))")
            // The list the 405 answers are drawn from is the router's too.
            #expect(Set(APIRoutes.operations.map { "\($0.method) \($0.path)" }) == served)

            // Every $ref points at a defined schema.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let refs = response.text.matches(of: /"\$ref"\s*:\s*"#\/components\/schemas\/([A-Za-z]+)"/).map { String($0.1) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }

    @Test func anUndeclaredMethodIs405WithAllowAndAParameterOutsideItsSchemaIs400() async throws {
        try await Harness.run(.sqlite) { _, client in
            let visitor = Visitor(client)
            for (method, path, allow) in [(HTTPRequest.Method.delete, "/api/v1/councils", "GET"), (.put, "/api/v1/cese-fr/groups", "GET, POST"),
                                          (.patch, "/api/v1/cese-fr/works/1", "GET")] {
                let response = try await client.execute(uri: path, method: method, headers: [:], body: nil)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            #expect(try await visitor.get("/api/v1/nowhere").status == .notFound)
            #expect(try await visitor.get("/api/v1/cese-fr/members?all=10000000.0").status == .badRequest)
            #expect(try await visitor.get("/api/v1/cese-fr/members?all=false").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func namesAreCheckedAsTheDocumentSays(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            // Refused, as the schema refuses them: no language, a blank one, an unknown key, a null.
            for body in [#"{"name": {}}"#, #"{"name": {"fr": " \n"}}"#, #"{"name": {"fr": "Groupe", "xx": "y"}}"#, #"{"name": {"fr": null}}"#] {
                let response = try await staff.postJSON("/api/v1/cese-fr/groups", body)
                #expect(response.status.code >= 400 && response.status.code < 500, "\(body) → \(response.status)")
            }
            // Accepted, as the schema accepts them: one language is enough, a NUL is kept visible.
            for body in [#"{"name": {"ar": "مجموعة"}}"#, #"{"name": {"en": "Group\u0000 one"}}"#, #"{"name": {"fr": "x", "ar": "  "}}"#,
                         #"{"name": {"fr": "Groupe"}, "acronym": "G\u0000", "description": {"en": "\u0000Line", "fr": "a\u0000b"}}"#] {
                #expect(try await staff.postJSON("/api/v1/cese-fr/groups", body).status == .created, "\(body)")
            }
            #expect(try await staff.postJSON("/api/v1/cese-fr/commissions",
                                             #"{"name": {"fr": "Commission"}, "description": {"ar": "\u0000"}}"#).status == .created)
            let groups = try await staff.get("/api/v1/cese-fr/groups")
            #expect(groups.text.contains("\u{FFFD}Line") && groups.text.contains("G\u{FFFD}") && !groups.text.contains("\\u0000"))
        }
    }

    @Test func everyDocumentedRouteAnswers() async throws {
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client)
            // The demo's convention, its draw asked for (it waits for the worker).
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            _ = try await ConventionDrawRepository(database: site.database).request(conventionID: 1, councilID: france.id,
                                                                               seed: SeedAnnouncement(source: "Loto", notBefore: 2e9), at: 0)
            // A council's contributions are its own people's: a Moroccan member reads the demo's (the first one recorded).
            let moroccanMember = Visitor(client)
            try await moroccanMember.signIn("membre@cese-ma.example")
            // The administration is its staff's and bureau's: the French secretariat reads it.
            let frenchStaff = Visitor(client)
            try await frenchStaff.signIn("secretariat@cese-fr.example")
            for operation in APIRoutes.operations where operation.method == "get" {
                let contributions = operation.path.hasPrefix("/api/v1/{council}/cooperation/contributions")
                let reader = contributions ? moroccanMember : operation.path.hasSuffix("/secretariat") ? frenchStaff : visitor
                // {id}: the demo's published avis, the first work item recorded; {year}: the demo's voted budget.
                let path = operation.path.replacingOccurrences(of: "{council}", with: contributions ? "cese-ma" : "cese-fr")
                    .replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{year}", with: "2026")
                let status = try await reader.get(path).status
                #expect(status == .ok, "\(path)")
            }
        }
    }
}
