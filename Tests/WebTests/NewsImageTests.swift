import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import Storage
import Testing
import TestSupport
@testable import Web

/// Images for posts: only the communication staff add them, only PNG, JPEG or WebP within the limit and with their
/// alternative text; a refused one leaves nothing; an added one is served to anyone by its digest and goes into a post.
@Suite struct NewsImageTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR test image".utf8)

    static func count(_ site: Site) async throws -> Int {
        try await site.database.withSQL { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM attachments WHERE owner_kind = 'news'").first(decodingColumn: "n", as: Int.self) ?? -1
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aWriterAddsAnImageAndAPostShowsIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadLimit = 1_048_576 }) { site, client in
            let writer = Visitor(client, acceptLanguage: "fr")
            try await writer.signIn("secretariat@cese-fr.example")
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            let otherCouncil = Visitor(client)
            try await otherCouncil.signIn("secretariat@cese-ma.example")
            let alt = [("title", "La délégation devant le Conseil, à Rabat")]
            #expect(try await Visitor(client).postFile("/cese-fr/news/images", fields: alt, fileName: "a.png", content: Self.png).status == .unauthorized)
            for someone in [citizen, otherCouncil] {
                #expect(try await someone.postFile("/cese-fr/news/images", fields: alt, fileName: "a.png", content: Self.png).status == .forbidden)
                #expect(try await someone.get("/cese-fr/news/images").status == .forbidden)
            }
            // Refused with the sentence, and nothing kept: no alternative text, a PDF, a file over the limit.
            let noAlternative = try await writer.postFile("/cese-fr/news/images", fileName: "a.png", content: Self.png)
            #expect(noAlternative.status == .unprocessableContent && noAlternative.text.contains("texte de remplacement"))
            let pdf = try await writer.postFile("/cese-fr/news/images", fields: alt, fileName: "a.png",
                                                content: Array("%PDF-1.7\n%%EOF\n".utf8))
            #expect(pdf.status == .unsupportedMediaType && pdf.text.contains("n’est pas une image PNG, JPEG ou WebP"))
            let large = try await writer.postFile("/cese-fr/news/images", fields: alt, fileName: "a.png",
                                                  content: Self.png + [UInt8](repeating: 0, count: 1_048_576))
            #expect(large.status == .contentTooLarge)
            #expect(try await Self.count(site) == 0)

            #expect(try await writer.postFile("/cese-fr/news/images", fields: alt, fileName: "a.png", content: Self.png).status == .seeOther)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let image = try #require(try await AttachmentRepository(database: site.database)
                .all(councilID: france.id, ownerKind: "news", ownerID: france.id).first)
            let url = "/cese-fr/news/images/\(image.digest).png"
            #expect(try await writer.get("/cese-fr/news/images").text.contains("&lt;img src=&quot;\(url)&quot; alt=&quot;La délégation devant le Conseil, à Rabat&quot;&gt;"))
            // Anyone loads it, typed and never sniffed; another council, another extension or another digest finds nothing.
            let served = try await Visitor(client).get(url)
            #expect(served.status == .ok && served.headers[.contentType] == "image/png" && Array(buffer: served.body) == Self.png)
            #expect(served.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(try await Visitor(client).get("/cese-ma/news/images/\(image.digest).png").status == .notFound)
            #expect(try await Visitor(client).get("/cese-fr/news/images/\(image.digest).jpg").status == .notFound)
            #expect(try await Visitor(client).get("/cese-fr/news/images/\(String(repeating: "0", count: 64)).png").status == .notFound)

            // In a post, kept as it is.
            let created = try await writer.post("/cese-fr/news", [
                ("language", "fr"), ("category", "international"), ("title", "En images"), ("summary", "La délégation."),
                ("body", "<p>La délégation.</p><img src=\"\(url)\" alt=\"La délégation devant le Conseil, à Rabat\">"),
            ])
            #expect(created.status == .seeOther)
            #expect(try await writer.get(try #require(created.location)).text.contains("<img src=\"\(url)\" alt=\"La délégation devant le Conseil, à Rabat\">"))
        }
    }
}
