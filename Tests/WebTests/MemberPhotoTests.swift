import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import Storage
import Testing
import TestSupport
@testable import Web

/// A member's photo: the secretariat gives it (PNG, JPEG or WebP, within the limit; a new one replaces the last) or
/// takes it away; the member's public page shows it, served by its digest; nobody else touches it.
@Suite struct MemberPhotoTests {
    static func count(_ site: Site) async throws -> Int {
        try await site.database.withSQL { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM attachments WHERE owner_kind = 'member_photo'").first(decodingColumn: "n", as: Int.self) ?? -1
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatGivesAMemberAPhotoThatTheirPageShows(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadLimit = 1_048_576 }) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let nadia = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Nadia Rapporteure" })
            let upload = "/cese-fr/admin/members/\(nadia.id)/photo"
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await Visitor(client).postFile(upload, fileName: "n.png", content: NewsImageTests.png).status == .unauthorized)
            for email in ["membre@cese-fr.example", "citoyen@hemicycle.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.postFile(upload, fileName: "n.png", content: NewsImageTests.png).status == .forbidden, "\(email)")
                #expect(try await someone.post("\(upload)/delete", []).status == .forbidden, "\(email)")
            }
            // Refused with the sentence and nothing kept: a PDF, a file over the limit; another council's number is not found.
            let pdf = try await staff.postFile(upload, fileName: "n.png", content: Array("%PDF-1.7\n%%EOF\n".utf8))
            #expect(pdf.status == .unsupportedMediaType && pdf.text.contains("n’est pas une image PNG, JPEG ou WebP"))
            #expect(try await staff.postFile(upload, fileName: "n.png", content: NewsImageTests.png + [UInt8](repeating: 0, count: 1_048_576)).status
                == .contentTooLarge)
            #expect(try await staff.postFile("/cese-ma/admin/members/\(nadia.id)/photo", fileName: "n.png", content: NewsImageTests.png).status
                == .forbidden)
            #expect(try await Self.count(site) == 0)

            #expect(try await staff.postFile(upload, fileName: "n.png", content: NewsImageTests.png).status == .seeOther)
            let second = NewsImageTests.png + Array(" second".utf8)
            #expect(try await staff.postFile(upload, fileName: "n.png", content: second).status == .seeOther)
            #expect(try await Self.count(site) == 1)
            let photo = try #require(try await site.attachments.all(councilID: france.id, ownerKind: "member_photo", ownerID: nadia.id).first)
            let url = "/cese-fr/members/\(nadia.id)/photo/\(photo.digest).png"
            let page = try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/members/\(nadia.id)")
            #expect(page.text.contains("<img class=\"portrait\" src=\"\(url)\" alt=\"Photo de Nadia Rapporteure\""))
            let served = try await Visitor(client).get(url)
            #expect(served.status == .ok && served.headers[.contentType] == "image/png" && Array(buffer: served.body) == second)
            #expect(served.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(try await Visitor(client).get("/cese-ma/members/\(nadia.id)/photo/\(photo.digest).png").status == .notFound)
            #expect(try await Visitor(client).get("/cese-fr/members/\(nadia.id)/photo/\(photo.digest).jpg").status == .notFound)
            let staffSeat = try #require(try await site.memberships.all(councilID: france.id).first { $0.roleValue == .staff })
            #expect(try await Visitor(client).get("/cese-fr/members/\(staffSeat.id)/photo/\(photo.digest).png").status == .notFound)

            // Taken away: the page shows none, the address finds nothing.
            #expect(try await staff.post("\(upload)/delete", []).status == .seeOther)
            #expect(try await Self.count(site) == 0)
            #expect(!(try await Visitor(client).get("/cese-fr/members/\(nadia.id)").text.contains("class=\"portrait\"")))
            #expect(try await Visitor(client).get(url).status == .notFound)

            // Only a sitting member has one; a seat that ends takes its photo with it.
            #expect(try await staff.postFile("/cese-fr/admin/members/\(staffSeat.id)/photo", fileName: "s.png", content: NewsImageTests.png).status
                == .conflict)
            #expect(try await staff.postFile(upload, fileName: "n.png", content: NewsImageTests.png).status == .seeOther)
            #expect(try await Self.count(site) == 1)
            let admin = Visitor(client)
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.post("/cese-fr/admin/members/\(nadia.id)/delete", []).status == .seeOther)
            #expect(try await Self.count(site) == 0)
        }
    }
}
