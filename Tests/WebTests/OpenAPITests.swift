import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct OpenAPITests {
    @Test func theDocumentIsServedAndMatchesTheRoutes() async throws {
        try await Harness.run(.sqlite, demo: false) { _, client in
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
            let routes = Set(APIRoutes.operations.map { "\($0.method) \($0.path)" })
            #expect(documented == routes, "OpenAPI and the router differ: \(documented.symmetricDifference(routes))")

            // Every $ref points at a defined schema.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let refs = response.text.matches(of: /"\$ref"\s*:\s*"#\/components\/schemas\/([A-Za-z]+)"/).map { String($0.1) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }

    @Test func everyDocumentedRouteAnswers() async throws {
        try await Harness.run(.sqlite) { _, client in
            let visitor = Visitor(client)
            for operation in APIRoutes.operations where operation.method == "get" {
                // {id}: the demo's published avis, the first work item recorded.
                let path = operation.path.replacingOccurrences(of: "{council}", with: "cese-fr").replacingOccurrences(of: "{id}", with: "1")
                let status = try await visitor.get(path).status
                #expect(status == .ok, "\(path)")
            }
        }
    }
}
