import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A sitting's documents: the secretariat attaches them; they are read as the sitting is (a plenary sitting's by
/// everyone, a commission meeting's by the council's people); a file of the wrong type is refused and nothing kept.
@Suite struct CouncilSittingDocumentTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    @Test(arguments: TestDatabase.kinds)
    func documentsAreReadAsTheSittingIs(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let all = try await SittingRepository(database: site.database).all(councilID: france.id)
            let plenary = try #require(all.first { $0.body == "plenary" && $0.startsAt == 1_782_291_600 })
            let meeting = try #require(all.first { $0.body == "commission" })
            let upload = "/cese-fr/sittings/\(plenary.id)/documents"
            #expect(try await Visitor(client).postFile(upload, fileName: "ordre.pdf", content: Self.pdf).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.postFile(upload, fileName: "ordre.pdf", content: Self.pdf).status == .forbidden, "\(email)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let wrong = try await staff.postFile(upload, fileName: "ordre.pdf", content: Array("MZ\u{90}\u{00}not a pdf".utf8))
            #expect(wrong.status == .unsupportedMediaType)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "council_sitting", ownerID: plenary.id).isEmpty)
            #expect(try await staff.postFile(upload, fields: [("title", "Ordre du jour de la séance")], fileName: "ordre.pdf", content: Self.pdf).status
                == .seeOther)
            #expect(try await staff.postFile("/cese-fr/sittings/\(meeting.id)/documents", fields: [("title", "Projet d’avis")], fileName: "projet.pdf",
                                             content: Self.pdf).status == .seeOther)
            // The plenary sitting's document is public; the commission meeting's is the council's.
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/sittings/\(plenary.id)").text
            let link = try #require(page.firstMatch(of: /href="(\/cese-fr\/sittings\/\d+\/documents\/\d+)"/)?.1)
            #expect(page.contains("Ordre du jour de la séance") && !page.contains("enctype=\"multipart/form-data\""))
            #expect(Array(try await visitor.get(String(link)).body.readableBytesView) == Self.pdf)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            let meetingPage = try await member.get("/cese-fr/sittings/\(meeting.id)").text
            let meetingLink = try #require(meetingPage.firstMatch(of: /href="(\/cese-fr\/sittings\/\d+\/documents\/\d+)"/)?.1)
            #expect(try await member.get(String(meetingLink)).status == .ok)
            #expect(try await visitor.get(String(meetingLink)).status == .notFound)
            // Another sitting's address does not reach a document; only the secretariat removes one.
            let elsewhere = String(meetingLink).replacingOccurrences(of: "/sittings/\(meeting.id)/", with: "/sittings/\(plenary.id)/")
            #expect(try await visitor.get(elsewhere).status == .notFound)
            #expect(try await member.post(String(link) + "/delete", []).status == .forbidden)
            #expect(try await staff.post(String(link) + "/delete", []).status == .seeOther)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "council_sitting", ownerID: plenary.id).isEmpty)
        }
    }
}
