import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import TestRequirements
import Testing
import TestSupport
@testable import Web

/// The OParl 1.1 endpoint: every object of every list of both councils, followed page by page, validates against
/// the OParl JSON schemas (`../shared/reference/oparl-1.1`, checked by Python's `jsonschema`, nested objects too);
/// every object is found again at its id; nothing unpublished or kept to the council appears; filters and pages work.
@Suite struct OParlTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/oparl-1.1")
    static var python: String? {
        let path = ProcessInfo.processInfo.environment["ICALENDAR_PYTHON"] ?? ProcessInfo.processInfo.environment["HTTPSIG_PYTHON"]
        return path.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }
    static var present: Bool { python != nil && FileManager.default.fileExists(atPath: schemas.appendingPathComponent("Meeting.json").path) }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func path(_ url: String) -> String { String(url.dropFirst("http://hemicycle.test".count)) }

    /// Every object of a list, following `links.next`; each page's counts checked.
    static func crawl(_ visitor: Visitor, _ url: String) async throws -> [[String: Any]] {
        var objects: [[String: Any]] = [], next: String? = url, pages = 0
        while let current = next {
            let response = try await visitor.get(path(current))
            #expect(response.status == .ok, "\(current)")
            let page = try json(response)
            objects += try #require(page["data"] as? [[String: Any]])
            let links = try #require(page["links"] as? [String: Any])
            #expect(links["self"] as? String == current)
            next = links["next"] as? String
            pages += 1
            #expect(pages < 50)
        }
        return objects
    }

    @Test(.enabled(if: Requirement.runs(when: present, "../shared/reference/oparl-1.1 and a Python with jsonschema (ICALENDAR_PYTHON)")))
    func everyObjectValidatesAndIsFoundAtItsId() async throws {
        try Requirement.require(Self.present, "../shared/reference/oparl-1.1 and a Python with jsonschema (ICALENDAR_PYTHON)")
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client)
            let past = try await Self.changeWhatOParlShows(site, client)
            var bySchema: [String: [[String: Any]]] = [:]
            let system = try Self.json(try await visitor.get("/oparl/v1/system"))
            bySchema["System", default: []].append(system)
            let bodies = try await Self.crawl(visitor, try #require(system["body"] as? String))
            #expect(bodies.count == 2)
            bySchema["Body", default: []] += bodies
            var all: [String: [String: Any]] = [:]
            for body in bodies {
                for (property, schema) in [("organization", "Organization"), ("person", "Person"), ("membership", "Membership"), ("meeting", "Meeting"),
                                           ("agendaItem", "AgendaItem"), ("paper", "Paper"), ("file", "File"), ("legislativeTermList", "LegislativeTerm")] {
                    let objects = try await Self.crawl(visitor, try #require(body[property] as? String))
                    bySchema[schema, default: []] += objects
                    for object in objects { all[try #require(object["id"] as? String)] = object }
                }
            }
            // Found again at its id (the same object), ids unique.
            for (id, object) in all where !id.contains("#") {
                let again = try Self.json(try await visitor.get(Self.path(id)))
                #expect(try JSONSerialization.data(withJSONObject: again, options: .sortedKeys) == JSONSerialization.data(withJSONObject: object, options: .sortedKeys),
                        "\(id)")
            }
            // More than a page of memberships: the pages hold every one once.
            let memberships = try #require(bySchema["Membership"])
            #expect(memberships.count > OParlRoutes.perPage && Set(memberships.compactMap { $0["id"] as? String }).count == memberships.count)

            // A former member: still a person, their memberships ended on the day the seat did; those of their commissions
            // deleted. A document of a public sitting: a file of its meeting; the one removed, deleted.
            let former = try #require(all.values.first { ($0["id"] as? String)?.hasSuffix("/persons/\(past.seat)") == true })
            let formerships = try #require(former["membership"] as? [[String: Any]])
            #expect(!formerships.isEmpty && formerships.allSatisfy { $0["endDate"] as? String == past.endDay })
            let deleted = all.filter { $0.value["deleted"] as? Bool == true }.keys
            for key in past.deletedKeys { #expect(deleted.contains { $0.hasSuffix(key) }, "\(key)") }
            #expect(deleted.count == past.deletedKeys.count)
            let document = try #require(all.values.first { ($0["id"] as? String)?.contains("/files/sitting-document-") == true && $0["deleted"] == nil })
            #expect((document["meeting"] as? [String])?.first?.hasSuffix("/meetings/\(past.sitting)") == true
                && document["mimeType"] as? String == "application/pdf")
            let meeting = try #require(all.values.first { ($0["id"] as? String)?.hasSuffix("/meetings/\(past.sitting)") == true })
            #expect((meeting["auxiliaryFile"] as? [[String: Any]])?.count == 1)

            // Nothing unpublished, nothing kept to the council.
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status != "published" })
            let names = (bySchema["Paper"] ?? []).compactMap { $0["name"] as? String }
            #expect(!names.isEmpty && !names.contains(preparing.title[.fr] ?? "?"))
            let meetings = (bySchema["Meeting"] ?? []).compactMap { $0["name"] as? String }
            #expect(!meetings.isEmpty && meetings.allSatisfy { $0.hasPrefix("Séance plénière") || $0.hasPrefix("الجلسة العامة") })
            #expect(!String(data: try JSONSerialization.data(withJSONObject: bySchema), encoding: .utf8)!.contains("visio."))

            // Checked against the OParl schemas by an independent validator.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("oparl-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: bySchema).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let script = """
                import json, sys, os, jsonschema
                folder, objects = sys.argv[1], json.load(open(sys.argv[2]))
                schemas = {}
                def schema(name):
                    if name not in schemas: schemas[name] = json.load(open(os.path.join(folder, name + ".json")))
                    return schemas[name]
                errors, count = [], 0
                def check(name, obj, where):
                    global count
                    count += 1
                    s = schema(name)
                    for e in jsonschema.Draft7Validator(s).iter_errors(obj):
                        errors.append(f"{where}: {e.message}")
                    for key, prop in s.get("properties", {}).items():
                        if key not in obj: continue
                        nested = prop.get("schema") or (prop.get("items") or {}).get("schema")
                        if not nested or not nested.endswith(".json"): continue
                        values = obj[key] if isinstance(obj[key], list) else [obj[key]]
                        for value in values:
                            if isinstance(value, dict): check(nested[:-5], value, where + "." + key)
                for name, objs in objects.items():
                    for obj in objs: check(name, obj, obj.get("id", name))
                print(json.dumps({"checked": count, "errors": errors[:20]}))
                """
            let (status, data) = try PythonChecker.run(try #require(Self.python), script: script, arguments: [Self.schemas.path, file.path])
            #expect(status == 0)
            let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((result["checked"] as? Int ?? 0) > all.count)
            #expect((result["errors"] as? [String])?.isEmpty == true, "\(result["errors"] ?? "")")
        }
    }

    /// What changes what OParl shows, beside the demo: a member leaves (their seat ends, with their commissions), a
    /// public sitting gets two documents and loses one, and an agenda item, and a group is created then deleted.
    static func changeWhatOParlShows(_ site: Site, _ client: any TestClientProtocol) async throws
        -> (seat: Int64, endDay: String, sitting: Int64, deletedKeys: [String]) {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        let now = site.clock.now()
        let commissionSeats = try await site.commissions.seats(councilID: france.id)
        let leaving = try #require(try await site.memberships.all(councilID: france.id).first { seat in
            seat.sits && commissionSeats.contains { $0.membershipID == seat.id } && seat.email != "membre@cese-fr.example"
        })
        try await site.memberships.remove(id: leaving.id, councilID: france.id, now: now)
        var keys = commissionSeats.filter { $0.membershipID == leaving.id }.map { "/memberships/commission-\($0.commissionID)-\(leaving.id)" }
        // One member becomes a citizen, another erases their account: both leave OParl, which tells its clients.
        let others = try await site.memberships.all(councilID: france.id).filter { $0.sits && $0.id != leaving.id && $0.email != "membre@cese-fr.example" }
        for (index, seat) in others.prefix(2).enumerated() {
            keys += ["/persons/\(seat.id)", "/memberships/assembly-\(seat.id)"] + (seat.groupId == nil ? [] : ["/memberships/group-\(seat.id)"])
                + ([.bureau, .president].contains(seat.roleValue) ? ["/memberships/bureau-\(seat.id)"] : [])
                + commissionSeats.filter { $0.membershipID == seat.id }.map { "/memberships/commission-\($0.commissionID)-\(seat.id)" }
            if index == 0 {
                try await site.memberships.update(id: seat.id, councilID: france.id, role: .citizen, groupID: nil, now: now)
                try await site.commissions.setSeats(membershipID: seat.id, commissionIDs: [], councilID: france.id, at: now.timeIntervalSince1970)
            } else {
                try await site.accounts.erase(id: seat.accountId, at: now)
            }
        }

        let sittings = SittingRepository(database: site.database)
        let plenaries = try await sittings.all(councilID: france.id, body: "plenary")
        let agendas = try await sittings.items(sittingIDs: plenaries.map(\.id))
        let plenary = try #require(plenaries.first { agendas[$0.id]?.isEmpty == false })
        let item = try #require(agendas[plenary.id]?.last)
        try await sittings.removeItem(id: item.id, sittingID: plenary.id, councilID: france.id, at: now.timeIntervalSince1970) { _ in nil }
        keys.append("/agendaItems/\(item.id)")

        let staff = Visitor(client)
        try await staff.signIn("secretariat@cese-fr.example")
        let upload = "/cese-fr/sittings/\(plenary.id)/documents"
        #expect(try await staff.postFile(upload, fields: [("title", "Ordre du jour")], fileName: "ordre.pdf", content: CouncilSittingDocumentTests.pdf).status
            == .seeOther)
        #expect(try await staff.postFile(upload, fields: [("title", "Erratum")], fileName: "erratum.pdf",
                                         content: CouncilSittingDocumentTests.pdf + Array("%second".utf8)).status == .seeOther)
        let documents = try await site.attachments.all(councilID: france.id, ownerKind: "council_sitting", ownerID: plenary.id)
        let removed = try #require(documents.first { $0.title == "Erratum" })
        #expect(try await staff.post("/cese-fr/sittings/\(plenary.id)/documents/\(removed.id)/delete", []).status == .seeOther)
        keys.append("/files/sitting-document-\(removed.id)")

        let groups = GroupRepository(database: site.database)
        let group = try await groups.create(councilID: france.id, name: LocalizedText(fr: "Groupe éphémère", ar: nil, en: nil), acronym: nil,
                                         description: LocalizedText(fr: nil, ar: nil, en: nil), at: now)
        try await groups.delete(id: group, councilID: france.id, at: now.timeIntervalSince1970)
        keys.append("/organizations/group-\(group)")
        return (leaving.id, CivilDay(now, in: france.zone).text, plenary.id, keys)
    }

    @Test func listsAreFilteredAndPagedAndErrorsAreJSON() async throws {
        try await Harness.run(.sqlite) { _, client in
            let visitor = Visitor(client)
            let meetings = "/oparl/v1/bodies/cese-fr/meetings"
            let all = try Self.json(try await visitor.get(meetings))
            let count = try #require((all["data"] as? [Any])?.count)
            #expect(count >= 3)
            // Changed since a time to come: none; since 2000: all, the filter kept in every link.
            let future = try Self.json(try await visitor.get(meetings + "?modified_since=2100-01-01T00%3A00%3A00%2B01%3A00"))
            #expect((future["data"] as? [Any])?.isEmpty == true)
            let since = try Self.json(try await visitor.get(meetings + "?modified_since=2000-01-01T00%3A00%3A00Z"))
            #expect((since["data"] as? [Any])?.count == count)
            #expect(((since["links"] as? [String: Any])?["self"] as? String)?.hasSuffix("/meetings?modified_since=2000-01-01T00:00:00Z") == true)
            let papers = try Self.json(try await visitor.get("/oparl/v1/bodies/cese-fr/papers?created_until=2000-01-01T00:00:00Z"))
            #expect((papers["data"] as? [Any])?.isEmpty == true)
            for bad in [meetings + "?modified_since=hier", meetings + "?page=0", meetings + "?page=99", "/oparl/v1/bodies/nowhere",
                        "/oparl/v1/bodies/cese-fr/secrets", "/oparl/v1/bodies/cese-fr/meetings/999999"] {
                let response = try await visitor.get(bad)
                #expect(response.status == .badRequest || response.status == .notFound, "\(bad)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8" && response.text.contains("\"error\""), "\(bad)")
            }
            // Commission meetings are not public: never an OParl meeting.
            #expect(!(try await visitor.get(meetings).text.contains("Réunion de la commission")))
        }
    }
}
