import Foundation
import HemicycleDomain
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport
@testable import Web

/// Documents of a work item's dossier: one file store by content, streamed uploads with a size limit and a type read
/// from the bytes, served with their type, name and `nosniff`; removing the last reference removes the file.
@Suite struct AttachmentTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    /// The kept files of the site's store (not those still arriving).
    static func keptFiles(_ site: Site) -> [String] {
        let folder = URL(fileURLWithPath: site.configuration.filesFolder)
        let all = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return all.filter { $0.lastPathComponent.count == 64 }.map(\.lastPathComponent)
    }

    static func incomingFiles(_ site: Site) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: site.configuration.filesFolder + "/incoming")) ?? []
    }

    static func work(_ site: Site, status: String) async throws -> (slug: String, id: Int64) {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        let work = try #require(try await site.works.all(councilID: france.id, statuses: [status]).first)
        return ("cese-fr", work.id)
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatAttachesAPDFThatIsServedAsItIs(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let work = try await Self.work(site, status: "in_preparation")
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let sent = try await staff.postFile("/cese-fr/works/\(work.id)/attachments", fields: [("title", "Étude d'impact")],
                                                fileName: "C:\\Users\\julien\\étude \"finale\".pdf", content: Self.pdf)
            #expect(sent.status == .seeOther)
            #expect(sent.location?.hasSuffix("#documents") == true)
            let page = try await staff.get("/cese-fr/works/\(work.id)")
            #expect(page.text.contains("Étude d&#39;impact") || page.text.contains("Étude d'impact"))
            let link = try #require(page.text.firstMatch(of: /href="(\/cese-fr\/works\/\d+\/attachments\/\d+)"/)?.1)
            let file = try await staff.get(String(link))
            #expect(file.status == .ok)
            #expect(Array(file.body.readableBytesView) == Self.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let disposition = try #require(file.headers[.contentDisposition])
            #expect(disposition.hasPrefix("inline; filename=\"_tude finale.pdf\""), "\(disposition)")
            #expect(disposition.contains("filename*=UTF-8''%C3%A9tude%20finale.pdf"), "\(disposition)")
            #expect(Self.keptFiles(site).count == 1 && Self.incomingFiles(site).isEmpty)

            // A member reads it too; a citizen does not see a work in preparation, nor its documents.
            let member = Visitor(client)
            try await member.signIn("membre2@cese-fr.example")
            #expect(try await member.get(String(link)).status == .ok)
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.get(String(link)).status == .notFound)
            #expect(try await Visitor(client).get(String(link)).status == .notFound)
            // Not from another work item.
            let other = try await Self.work(site, status: "published")
            let moved = String(link).replacingOccurrences(of: "/works/\(work.id)/", with: "/works/\(other.id)/")
            #expect(try await staff.get(moved).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func whatIsNotADocumentOrTooLargeOrFromSomeoneWithoutTheRightIsRefusedAndNothingKept(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadLimit = 1_048_576 }) { site, client in
            let work = try await Self.work(site, status: "in_preparation")
            let path = "/cese-fr/works/\(work.id)/attachments"
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            // A page of HTML named like a PDF.
            let html = try await staff.postFile(path, fileName: "avis.pdf", content: Array("<html><script>alert(1)</script></html>".utf8))
            #expect(html.status == .unsupportedMediaType)
            #expect(html.text.contains("ni un PDF"))
            // Past the limit (1 MB here, 20 MB by default).
            let large = try await staff.postFile(path, fileName: "large.pdf", content: Self.pdf + [UInt8](repeating: 0x20, count: 1_048_576))
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("1 Mo"))
            // The token after the file, or a wrong one.
            #expect(try await staff.postFile(path, fileName: "a.pdf", content: Self.pdf, tokenFirst: false).status == .forbidden)
            #expect(try await staff.postFile(path, fileName: "a.pdf", content: Self.pdf, csrf: String(repeating: "x", count: 43)).status == .forbidden)
            // A body cut in the middle of the file, or before its closing delimiter, keeps nothing.
            #expect(try await staff.postFile(path, fileName: "a.pdf", content: Self.pdf, cutBy: 60).status == .badRequest)
            #expect(try await staff.postFile(path, fileName: "a.pdf", content: Self.pdf, cutBy: 4).status == .badRequest)
            // No file chosen.
            #expect(try await staff.postFile(path, fileName: "", content: []).status == .unprocessableContent)
            // People without the right: those who may not see a work in preparation do not learn it exists (a visitor,
            // a citizen, the staff of another council); a member who is not its rapporteur is refused.
            #expect(try await Visitor(client).postFile(path, fileName: "a.pdf", content: Self.pdf).status == .notFound)
            for (person, status) in [("citoyen@hemicycle.example", HTTPResponse.Status.notFound), ("membre3@cese-fr.example", .forbidden),
                                     ("secretariat@cese-ma.example", .notFound)] {
                let visitor = Visitor(client)
                try await visitor.signIn(person)
                #expect(try await visitor.postFile(path, fileName: "a.pdf", content: Self.pdf).status == status, "\(person)")
            }
            // A published text's dossier no longer changes.
            let published = try await Self.work(site, status: "published")
            #expect(try await staff.postFile("/cese-fr/works/\(published.id)/attachments", fileName: "a.pdf", content: Self.pdf).status == .conflict)
            // A file sent to a form that takes none.
            #expect(try await staff.postFile("/cese-fr/works/\(work.id)/move", fields: [("to", "assigned")], fileName: "a.pdf",
                                             content: Self.pdf).status == .unsupportedMediaType)
            #expect(Self.keptFiles(site).isEmpty && Self.incomingFiles(site).isEmpty)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "work", ownerID: work.id).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFileIsKeptOnceAndRemovedWithItsLastReference(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let first = try await Self.work(site, status: "in_preparation")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let secondID = try await site.works.create(councilID: france.id, NewWork(
                kind: "avis", title: LocalizedText(fr: "Autre saisine", ar: nil, en: nil), summary: LocalizedText(),
                referralSource: "self_referral", procedure: "ordinary"), accountID: nil, at: site.clock.now().timeIntervalSince1970)
            let second = try #require(try await site.works.find(id: secondID, councilID: france.id))
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            for id in [first.id, second.id] {
                #expect(try await staff.postFile("/cese-fr/works/\(id)/attachments", fileName: "note.pdf", content: Self.pdf).status == .seeOther)
            }
            #expect(Self.keptFiles(site).count == 1)
            let attachments = try await site.attachments.all(councilID: france.id, ownerKind: "work", ownerID: first.id)
                + site.attachments.all(councilID: france.id, ownerKind: "work", ownerID: second.id)
            try #require(attachments.count == 2)
            #expect(Set(attachments.map(\.digest)).count == 1)
            // Removal is refused to a member, then done by the secretariat: the file stays while another dossier holds it.
            let member = Visitor(client)
            try await member.signIn("membre3@cese-fr.example")
            #expect(try await member.post("/cese-fr/works/\(first.id)/attachments/\(attachments[0].id)/delete", []).status == .forbidden)
            #expect(try await staff.post("/cese-fr/works/\(first.id)/attachments/\(attachments[0].id)/delete", []).status == .seeOther)
            #expect(Self.keptFiles(site).count == 1)
            #expect(try await staff.post("/cese-fr/works/\(second.id)/attachments/\(attachments[1].id)/delete", []).status == .seeOther)
            #expect(Self.keptFiles(site).isEmpty)
        }
    }

    /// A PDF of about `bytes` bytes.
    static func pdf(bytes: Int) -> [UInt8] {
        Array("%PDF-1.7\n%".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: max(0, bytes - pdf.count - 11)) + Array(pdf.dropFirst(8))
    }

    @Test(arguments: TestDatabase.kinds)
    func anAccountAttachesAtMostItsQuotaInADay(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadQuota = 1_000 }) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let work = try await Self.work(site, status: "in_preparation")
            let path = "/cese-fr/works/\(work.id)/attachments"
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.postFile(path, fileName: "a.pdf", content: Self.pdf(bytes: 600)).status == .seeOther)
            // 600 + 500 bytes is past the quota: refused once received, nothing kept.
            let over = try await staff.postFile(path, fileName: "b.pdf", content: Self.pdf(bytes: 500))
            #expect(over.status == .tooManyRequests)
            #expect(over.text.contains("24 heures"))
            #expect(Self.keptFiles(site).count == 1 && Self.incomingFiles(site).isEmpty)
            // A closing delimiter followed by an epilogue (RFC 2046) is a whole body.
            #expect(try await staff.postFile(path, fileName: "c.pdf", content: Self.pdf(bytes: 400), epilogue: "end\r\n").status == .seeOther)
            // Used up: refused before a byte is read.
            #expect(try await staff.postFile(path, fileName: "d.pdf", content: Self.pdf(bytes: 100)).status == .tooManyRequests)
            // Another account has its own; the next day, the first one's is back.
            let rapporteur = Visitor(client)
            try await rapporteur.signIn("membre6@cese-fr.example")
            #expect(try await rapporteur.postFile(path, fileName: "e.pdf", content: Self.pdf(bytes: 300)).status == .seeOther)
            clock.advance(by: 86_401)
            #expect(try await staff.postFile(path, fileName: "d.pdf", content: Self.pdf(bytes: 100)).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func uploadsSentSideBySideShareOneQuota(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadQuota = 1_000 }) { site, client in
            let work = try await Self.work(site, status: "in_preparation")
            let path = "/cese-fr/works/\(work.id)/attachments"
            var visitors: [Visitor] = []
            for _ in 0..<4 {
                let visitor = Visitor(client)
                try await visitor.signIn("secretariat@cese-fr.example")
                visitors.append(visitor)
            }
            // Four uploads of 400 bytes at once, by one account with 1,000 bytes a day: two are recorded.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, visitor) in visitors.enumerated() {
                    group.addTask { try await visitor.postFile(path, fileName: "\(index).pdf", content: Self.pdf(bytes: 400 + index)).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 2, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 2, "\(statuses)")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "work", ownerID: work.id).count == 2)
            #expect(Self.keptFiles(site).count == 2 && Self.incomingFiles(site).isEmpty)
        }
    }

    @Test func oneHolderAtATimePerContent() async throws {
        actor Log {
            var events: [String] = []
            func add(_ event: String) { events.append(event) }
        }
        let locks = ContentLocks(), log = Log()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in ["a", "b", "c"] {
                group.addTask {
                    try await locks.run("same") {
                        await log.add("\(name)+")
                        try await Task.sleep(for: .milliseconds(20))
                        await log.add("\(name)-")
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = await log.events
        #expect(events.count == 6)
        for pair in stride(from: 0, to: events.count, by: 2) {
            #expect(events[pair].dropLast() == events[pair + 1].dropLast(), "\(events): one holder at a time")
        }
    }
}
