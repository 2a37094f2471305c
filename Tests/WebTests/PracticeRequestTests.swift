import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Questions to partners: the council's secretariat asks; the secretariat of a council with an agreement in force
/// answers with its own notes open to the asker; the members and secretariats of both read the thread; nobody else.
@Suite struct PracticeRequestTests {
    static let question = "Comment préparez-vous votre rapport annuel ?"

    @Test(arguments: TestDatabase.kinds)
    func aCouncilAsksItsPartnersAndTheyAnswerWithTheirNotes(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let requests = PracticeRequestRepository(database: site.database)
            let demo = try #require(try await requests.all(councilID: france.id).first)
            // The demo's question and its answer, read by a French member and by the Moroccan secretariat.
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let thread = try await member.get("/cese-fr/practices/requests/\(demo.id)").text
            #expect(thread.contains(Self.question) && thread.contains("إعداد التقرير السنوي") && !thread.contains("name=\"note\""))
            #expect(try await member.get("/cese-fr/practices/requests").text.contains("1 réponse"))
            // The thread stays with its theme: found from the library filtered by it, not under another.
            #expect(try await member.get("/cese-fr/practices?theme=annual_report").text.contains("/cese-fr/practices/requests?theme=annual_report"))
            #expect(try await member.get("/cese-fr/practices/requests?theme=annual_report").text.contains(Self.question))
            #expect(try await !member.get("/cese-fr/practices/requests?theme=budget").text.contains(Self.question))
            let moroccanStaff = Visitor(client, acceptLanguage: "fr")
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            #expect(try await moroccanStaff.get("/cese-fr/practices/requests/\(demo.id)").text.contains(Self.question))
            // A visitor and a citizen do not read it.
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get("/cese-fr/practices/requests").status == .unauthorized)
            #expect(try await visitor.get("/cese-fr/practices/requests/\(demo.id)").status == .unauthorized)
            let citizen = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.get("/cese-fr/practices/requests/\(demo.id)").status == .forbidden)

            // Asking: the French secretariat alone; an empty question is refused with its sentence and nothing kept.
            let fields = [("question", "Comment organisez-vous vos séances plénières ?"), ("theme", ""), ("details", "")]
            for someone in [member, moroccanStaff, citizen] {
                #expect(try await someone.post("/cese-fr/practices/requests", fields).status == .forbidden)
            }
            #expect(try await visitor.post("/cese-fr/practices/requests", fields).status == .unauthorized)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let empty = try await staff.post("/cese-fr/practices/requests", [("question", "  "), ("theme", ""), ("details", "")])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Écrivez la question."))
            #expect(try await staff.post("/cese-fr/practices/requests", [("question", "x"), ("theme", "999999"), ("details", "")]).status
                == .unprocessableContent)
            #expect(try await requests.all(councilID: france.id).count == 1)
            let created = try await staff.post("/cese-fr/practices/requests", fields)
            #expect(created.status == .seeOther)
            let asked = try #require(try await requests.all(councilID: france.id).first { $0.question == fields[0].1 })

            // Answering: the Moroccan secretariat, with a Moroccan note open to the French council; not with one kept to
            // its own council, nor with a French note; the French secretariat and members do not answer their own question.
            let moroccan = try await PracticeNoteRepository(database: site.database).all(councilID: morocco.id)
            let shared = try #require(moroccan.first { $0.audience == "network" }), kept = try #require(moroccan.first { $0.audience == "council" })
            let frenchNote = try #require(try await PracticeNoteRepository(database: site.database).all(councilID: france.id).first)
            let path = "/cese-fr/practices/requests/\(asked.id)"
            let form = try await moroccanStaff.get(path).text
            #expect(form.contains("name=\"note\"") && form.contains(shared.title) && !form.contains(kept.title))
            #expect(try await moroccanStaff.post(path + "/answers", [("note", "\(kept.id)")]).status == .conflict)
            #expect(try await moroccanStaff.post(path + "/answers", [("note", "\(frenchNote.id)")]).status == .forbidden)
            #expect(try await staff.post(path + "/answers", [("note", "\(frenchNote.id)")]).status == .forbidden)
            #expect(try await member.post(path + "/answers", [("note", "\(frenchNote.id)")]).status == .forbidden)
            #expect(try await requests.answers(councilID: france.id)[asked.id] == nil)
            #expect(try await moroccanStaff.post(path + "/answers", [("note", "\(shared.id)")]).status == .seeOther)
            #expect(try await moroccanStaff.post(path + "/answers", [("note", "\(shared.id)")]).status == .seeOther)
            #expect(try await requests.answers(councilID: france.id)[asked.id]?.map(\.noteId) == [shared.id])
            // The French secretariat is told once, in its language, with the link to the thread.
            let told = try await site.outbox.messages(to: "secretariat@cese-fr.example").filter { $0.kind == "practice_answer" }
            #expect(told.count == 1)
            #expect(told.first?.subject == "Conseil Économique, Social et Environnemental du Maroc a répondu à votre question")
            #expect(told.first?.body.contains("http://hemicycle.test\(path)#answers") == true && told.first?.body.contains(shared.title) == true)
            #expect(try await site.outbox.messages(to: "membre@cese-fr.example").filter { $0.kind == "practice_answer" }.isEmpty)
            #expect(try await member.get(path).text.contains(shared.title))
            #expect(try await member.get("/cese-fr/practices/requests").text.contains("1 réponse"))
            // Narrowed since to its own council, the note is neither shown nor counted for the French member.
            let notes = PracticeNoteRepository(database: site.database)
            try await notes.update(id: shared.id, councilID: morocco.id, PracticeNoteFields(
                themeID: shared.themeId, language: shared.language, title: shared.title, summary: shared.summary, body: shared.body,
                maturity: shared.maturity, audience: "council", networkID: nil), at: 5)
            #expect(try await !member.get(path).text.contains(shared.title))
            #expect(try await member.get("/cese-fr/practices/requests").text.contains("0 réponse"))
            // Only the French secretariat withdraws it.
            #expect(try await moroccanStaff.post(path + "/delete", []).status == .forbidden)
            #expect(try await staff.post(path + "/delete", []).status == .seeOther)
            #expect(try await member.get(path).status == .notFound)

            // Once the agreement is terminated, the Moroccan council no longer reads nor answers the French questions.
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let terminated = try await AgreementTests.fields(site, agreement) + [("terminated_on", "2026-11-30")]
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)", terminated).status == .seeOther)
            #expect(try await moroccanStaff.get("/cese-fr/practices/requests/\(demo.id)").status == .forbidden)
            #expect(try await moroccanStaff.post("/cese-fr/practices/requests/\(demo.id)/answers", [("note", "\(shared.id)")]).status == .forbidden)
        }
    }
}
