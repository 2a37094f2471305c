import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct APITests {
    func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.text.utf8))
    }

    @Test(arguments: TestDatabase.kinds)
    func councilsGroupsCommissionsAndMembers(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client)
            let councils = try #require(try json(try await visitor.get("/api/v1/councils")) as? [[String: Any]])
            #expect(councils.compactMap { $0["slug"] as? String } == ["cese-fr", "cese-ma"])
            let morocco = try #require(try json(try await visitor.get("/api/v1/cese-ma")) as? [String: Any])
            #expect((morocco["name"] as? [String: String])?["ar"] == "المجلس الاقتصادي والاجتماعي والبيئي")
            #expect(morocco["defaultLanguage"] as? String == "ar")
            #expect(morocco["networks"] as? [String] == ["UCESIF", "AICESIS"])

            let groups = try #require(try json(try await visitor.get("/api/v1/cese-fr/groups")) as? [[String: Any]])
            #expect(groups.count == 10)
            let members = try #require(try json(try await visitor.get("/api/v1/cese-fr/members")) as? [[String: Any]])
            #expect(members.allSatisfy { ["member", "bureau", "president"].contains($0["role"] as? String ?? "") })
            #expect(members.allSatisfy { $0["groupId"] is Int })
            #expect(groups.reduce(0) { $0 + ($1["memberCount"] as? Int ?? 0) } == members.count)
            let commissions = try #require(try json(try await visitor.get("/api/v1/cese-ma/commissions")) as? [[String: Any]])
            #expect(commissions.count == 7)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func errorsAreJSONWithAReasonInTheReadersLanguage(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let arabic = Visitor(client, acceptLanguage: "ar")
            let missing = try await arabic.get("/api/v1/no-such-council/groups")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = try #require(try json(missing) as? [String: String])
            #expect(body["error"] == "Not Found")
            #expect(body["reason"] == "هذه الصفحة غير موجودة.")

            let anonymous = try await arabic.postJSON("/api/v1/cese-fr/groups", #"{"name":{"fr":"Groupe"}}"#)
            #expect(anonymous.status == .unauthorized)
            #expect((try json(anonymous) as? [String: String])?["error"] == "Unauthorized")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staffCreateGroupsAndBadJSONIsExplained(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let before = try await site.groups.all(councilID: france.id).count
            // Julien prefers French: his preference wins over the header.
            let staff = Visitor(client, acceptLanguage: "en")
            try await staff.signIn("secretariat@cese-fr.example")

            let malformed = try await staff.postJSON("/api/v1/cese-fr/groups", #"{"name": {"fr": "Groupe"#)
            #expect(malformed.status == .badRequest)
            #expect((try json(malformed) as? [String: String])?["reason"] == "Le corps de la requête n'est pas un JSON valide pour cette opération.")
            let wrongShape = try await staff.postJSON("/api/v1/cese-fr/groups", #"{"name": "Groupe"}"#)
            #expect(wrongShape.status == .badRequest)
            let unnamed = try await staff.postJSON("/api/v1/cese-fr/groups", #"{"name": {"fr": "  "}}"#)
            #expect(unnamed.status == .unprocessableContent)
            #expect((try json(unnamed) as? [String: String])?["reason"] == "Indiquez un nom dans au moins une langue.")
            let notJSON = try await staff.postJSON("/api/v1/cese-fr/groups", "name=x", contentType: "application/x-www-form-urlencoded")
            #expect(notJSON.status == .unsupportedMediaType)
            #expect(try await site.groups.all(councilID: france.id).count == before, "nothing stored by bad requests")

            let created = try await staff.postJSON("/api/v1/cese-fr/groups",
                                                   #"{"name": {"fr": "Groupe Outre-mer", "en": "Overseas Group"}, "acronym": ""}"#)
            #expect(created.status == .created)
            let group = try #require(try json(created) as? [String: Any])
            #expect((group["name"] as? [String: String])?["en"] == "Overseas Group")
            #expect(group["acronym"] == nil || group["acronym"] is NSNull)
            #expect(try await site.groups.all(councilID: france.id).count == before + 1)

            let commission = try await staff.postJSON("/api/v1/cese-fr/commissions", #"{"name": {"fr": "Délégation aux droits des femmes"}}"#)
            #expect(commission.status == .created)
            // Staff of one council cannot write into another.
            #expect(try await staff.postJSON("/api/v1/cese-ma/groups", #"{"name": {"fr": "X"}}"#).status == .forbidden)
        }
    }
}
