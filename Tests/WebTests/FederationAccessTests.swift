import Crypto
import Federation
import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Who links instances, shares with them and reads what they send, tried as each person who has not the right.
@Suite struct FederationAccessTests {
    @Test(arguments: TestDatabase.kinds)
    func onlyTheInstancesAdministratorsLinkInstances(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let services = FederationServices(site: site)
            let other = Curve25519.Signing.PrivateKey().publicKey
            let link = [("name", "CESE du Maroc"), ("address", "https://hemicycle.cese.ma"), ("public_key", FederationKey.text(other))]
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get("/admin/federation").status == .unauthorized)
            #expect(try await visitor.post("/admin/federation", link).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-fr.example", "bureau@cese-ma.example"] {
                let someone = Visitor(client, acceptLanguage: "fr")
                try await someone.signIn(email)
                #expect(try await someone.get("/admin/federation").status == .forbidden, "\(email)")
                #expect(try await someone.post("/admin/federation", link).status == .forbidden, "\(email)")
            }
            #expect(try await services.peers.all().isEmpty)

            let admin = Visitor(client, acceptLanguage: "fr")
            try await admin.signIn("admin@hemicycle.example")
            let page = try await admin.get("/admin/federation")
            let own = try await services.signingKey().publicKey
            #expect(page.status == .ok && page.text.contains(FederationKey.text(own)) && page.text.contains("http://hemicycle.test/federation/inbox"))
            // Bad input: its sentence, nothing kept.
            let badKey = try await admin.post("/admin/federation", [("name", "X"), ("address", "https://x.example"), ("public_key", "abc")])
            #expect(badKey.status == .unprocessableContent && badKey.text.contains("clé Ed25519 de 32 octets"))
            let ownKey = try await admin.post("/admin/federation", [("name", "X"), ("address", "https://x.example"), ("public_key", FederationKey.text(own))])
            #expect(ownKey.status == .unprocessableContent && ownKey.text.contains("celle de cette instance"))
            let badAddress = try await admin.post("/admin/federation", [("name", "X"), ("address", "https://x.example/"), ("public_key", FederationKey.text(other))])
            #expect(badAddress.status == .unprocessableContent && badAddress.text.contains("sans barre finale"))
            #expect(try await services.peers.all().isEmpty)
            #expect(try await admin.post("/admin/federation", link).status == .seeOther)
            #expect(try await admin.post("/admin/federation", link).status == .conflict)
            let peer = try #require(try await services.peers.all().first)
            #expect(peer.keyId == FederationKey.keyID(other) && peer.baseUrl == "https://hemicycle.cese.ma" && !peer.isRevoked)

            // Revoking: the administrators alone; for good.
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/admin/federation/peers/\(peer.id)/revoke", []).status == .forbidden)
            #expect(try await visitor.post("/admin/federation/peers/\(peer.id)/revoke", []).status == .unauthorized)
            #expect(try await admin.post("/admin/federation/peers/999999/revoke", []).status == .notFound)
            #expect(try await services.peers.find(id: peer.id)?.isRevoked == false)
            #expect(try await admin.post("/admin/federation/peers/\(peer.id)/revoke", []).status == .seeOther)
            #expect(try await services.peers.find(id: peer.id)?.isRevoked == true)
            #expect(try await admin.get("/admin/federation").text.contains("Révoquée le"))
            // The revoked key cannot be linked again.
            #expect(try await admin.post("/admin/federation", link).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatSharesAndTheCouncilReads(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let services = FederationServices(site: site)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let linked = try await services.peers.link(name: "Partenaire", baseURL: "https://partner.example", keyID: "k1", publicKey: "p1", at: 1)
            let revoked = try await services.peers.link(name: "Ancien", baseURL: "https://old.example", keyID: "k2", publicKey: "p2", at: 1)
            try await services.peers.revoke(id: revoked, at: 2)
            let frenchNote = try #require(try await services.notes.all(councilID: france.id).first { $0.audience != "council" })
            let moroccanKept = try #require(try await services.notes.all(councilID: morocco.id).first { $0.audience == "council" })
            let share = [("item", "practice_note:\(frenchNote.id)"), ("peer", "\(linked)"), ("recipient", "cese-ma")]
            let path = "/cese-fr/cooperation/instances"

            // Reading: the council's members and secretariat; not a visitor, a citizen or another council's member.
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get(path).status == .unauthorized)
            #expect(try await visitor.post(path, share).status == .unauthorized)
            let citizen = Visitor(client, acceptLanguage: "fr"), moroccanMember = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            try await moroccanMember.signIn("membre@cese-ma.example")
            for someone in [citizen, moroccanMember] {
                #expect(try await someone.get(path).status == .forbidden)
                #expect(try await someone.post(path, share).status == .forbidden)
            }
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let read = try await member.get(path)
            #expect(read.status == .ok && !read.text.contains("name=\"item\""))
            #expect(try await member.post(path, share).status == .forbidden)
            // Another council's secretariat does not share for this one.
            let moroccanStaff = Visitor(client, acceptLanguage: "fr")
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            #expect(try await moroccanStaff.post(path, share).status == .forbidden)
            #expect(try await services.outbox.latest().isEmpty)

            // The secretariat shares what the council may: not another council's note, nor a note kept to the council,
            // nor with a revoked instance, nor to an address that is none.
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let form = try await staff.get(path).text
            #expect(form.contains("name=\"item\"") && form.contains("practice_note:\(frenchNote.id)") && form.contains("Partenaire")
                && !form.contains("Ancien"))
            for (fields, sentence) in [
                ([("item", "practice_note:\(moroccanKept.id)"), ("peer", "\(linked)"), ("recipient", "cese-ma")], "Choisissez un document"),
                ([("item", "nothing"), ("peer", "\(linked)"), ("recipient", "cese-ma")], "Choisissez un document"),
                ([("item", "practice_note:\(frenchNote.id)"), ("peer", "\(revoked)"), ("recipient", "cese-ma")], "Choisissez une instance"),
                ([("item", "practice_note:\(frenchNote.id)"), ("peer", "\(linked)"), ("recipient", "cese ma!")], "destinataire"),
            ] {
                let refused = try await staff.post(path, fields)
                #expect(refused.status == .unprocessableContent && refused.text.contains(sentence), "\(fields)")
            }
            let moroccanShare = try await moroccanStaff.post("/cese-ma/cooperation/instances",
                                                             [("item", "practice_note:\(moroccanKept.id)"), ("peer", "\(linked)"), ("recipient", "cese-fr")])
            #expect(moroccanShare.status == .unprocessableContent)
            #expect(try await services.outbox.latest().isEmpty)
            for item in try await services.shareable(france, language: .fr) {
                #expect(try await services.item(item.kind, id: item.id, of: france) != nil, "\(item.value)")
                // An agreement both councils are party to is shared by either; nothing else of the French council is Moroccan.
                if item.kind != .agreement { #expect(try await services.item(item.kind, id: item.id, of: morocco) == nil, "\(item.value)") }
            }

            #expect(try await staff.post(path, share).status == .seeOther)
            let queued = try #require(try await services.outbox.all(councilID: france.id).first)
            let document = try SharedDocument.decode(Array(queued.payload.utf8))
            #expect(document.kind == .practiceNote && document.recipient == "cese-ma" && document.item.title == frenchNote.title
                && document.sender.instance == "http://hemicycle.test" && document.item.url == "http://hemicycle.test/cese-fr/practices/\(frenchNote.id)")
            #expect(try await staff.get(path).text.contains("En attente de remise."))
            // A document received by another council is not found here.
            #expect(try await member.get("/cese-fr/cooperation/instances/received/1").status == .notFound)
            // The cooperation page leads there.
            #expect(try await member.get("/cese-fr/cooperation").text.contains(path))
        }
    }

    @Test func theInboxTakesNoFormTokenAndAnswersInJSON() async throws {
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client, acceptLanguage: "en")
            let unsigned = try await visitor.postJSON("/federation/inbox", "{}")
            #expect(unsigned.status == .unauthorized && unsigned.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(unsigned.text.contains("must be signed"))
            #expect(try await visitor.get("/federation/inbox").status == .notFound)
            #expect(try await FederationInboxRepository(database: site.database).counts().isEmpty)
        }
    }
}
