import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A consultation's questionnaire: the secretariat writes the questions before the opening, participants answer while
/// it is open, the results are counted and shown at the closing.
@Suite struct ConsultationQuestionnaireTests {
    static let definition: [(String, String)] = [
        ("title_fr", "Questionnaire sur la mobilité"), ("languages", "fr"), ("modules", "questionnaire"), ("participation", "anyone"),
        ("moderation", "after"), ("opens_at", "2026-12-05T10:00"), ("closes_at", "2026-12-31T10:00"),
    ]

    @Test(arguments: TestDatabase.kinds)
    func questionsAreWrittenBeforeTheOpeningAndAnsweredWhileOpen(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let created = try await staff.post("/cese-fr/consultations", Self.definition)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let id = try #require(Int64(url.split(separator: "/").last ?? ""))
            // Only the secretariat writes questions, with a prompt and, for a choice, two to twenty choices.
            let citizen = Visitor(client, acceptLanguage: "fr"), otherStaff = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            let single = [("kind", "single"), ("prompt", "Comment venez-vous au travail ?"), ("options", "À pied\nEn vélo\n\nEn bus\nÀ pied")]
            // A draft is out of sight for anyone but the council's secretariat and bureau.
            for someone in [Visitor(client), citizen, otherStaff] {
                #expect(try await someone.post("\(url)/questions", single).status == .notFound)
            }
            #expect(try await staff.post("\(url)/questions", [("kind", "single"), ("prompt", "Une seule ?"), ("options", "Oui")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/questions", [("kind", "single"), ("prompt", "  "), ("options", "A\nB")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/questions", [("kind", "poll"), ("prompt", "Q"), ("options", "A\nB")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/questions", single).status == .seeOther)
            #expect(try await staff.post("\(url)/questions", [("kind", "multiple"), ("prompt", "Quels services manquent ?"),
                                                              ("options", "Parkings vélo\nNavettes\nHoraires de nuit")]).status == .seeOther)
            #expect(try await staff.post("\(url)/questions", [("kind", "text"), ("prompt", "Une idée ?"), ("options", "")]).status == .seeOther)
            #expect(try await staff.post("\(url)/questions", [("kind", "text"), ("prompt", "À retirer"), ("options", "")]).status == .seeOther)
            let questionnaires = ConsultationQuestionnaireRepository(database: site.database)
            var questions = try await questionnaires.questions(consultationID: id)
            #expect(questions.map(\.options) == [["À pied", "En vélo", "En bus"], ["Parkings vélo", "Navettes", "Horaires de nuit"], [], []])
            #expect(try await staff.post("\(url)/questions/\(questions[3].id)/remove", []).status == .seeOther)
            questions = try await questionnaires.questions(consultationID: id)
            #expect(questions.count == 3)
            #expect(try await staff.post("\(url)/publish", []).status == .seeOther)
            for (someone, refusal) in [(Visitor(client), HTTPResponse.Status.unauthorized), (citizen, .forbidden), (otherStaff, .forbidden)] {
                #expect(try await someone.post("\(url)/questions", single).status == refusal)
                #expect(try await someone.post("\(url)/questions/\(questions[0].id)/remove", []).status == refusal)
            }

            // Announced: nobody answers yet.
            let page = "\(url)/questionnaire"
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get(page).text.contains("Comment venez-vous au travail ?"))
            #expect(try await visitor.post(page, [("q\(questions[0].id)", "0")]).status == .conflict)

            // Open: the questions are fixed; participants answer, and change their answers.
            clock.advance(by: 5 * 86_400)
            #expect(try await staff.post("\(url)/questions", single).status == .conflict)
            #expect(try await staff.post("\(url)/questions/\(questions[0].id)/remove", []).status == .conflict)
            let form = try await visitor.get(page).text
            #expect(form.contains("type=\"radio\"") && form.contains("type=\"checkbox\"") && !form.contains("Parkings vélo</th>"))
            #expect(form.contains("Les résultats seront publiés à la clôture"))
            func answer(_ someone: Visitor, _ fields: [(String, String)]) async throws -> TestResponse {
                let shown = try await someone.get(page).text
                let stamp = try #require(ConsultationTests.stamp(shown))
                clock.advance(by: 5)
                return try await someone.post(page, [("rendered_at", stamp), ("website", "")] + fields)
            }
            // Bad answers are refused and store nothing.
            #expect(try await answer(visitor, [("q\(questions[0].id)", "0"), ("q\(questions[0].id)", "1")]).status == .unprocessableContent)
            #expect(try await answer(visitor, [("q\(questions[1].id)", "7")]).status == .unprocessableContent)
            #expect(try await answer(visitor, [("q\(questions[2].id)", String(repeating: "x", count: 1_001))]).status == .unprocessableContent)
            #expect(try await questionnaires.counts(consultationID: id).isEmpty)
            // A robot that fills the hidden field is refused.
            let stamp = try #require(ConsultationTests.stamp(try await visitor.get(page).text))
            clock.advance(by: 5)
            #expect(try await visitor.post(page, [("rendered_at", stamp), ("website", "http://spam.example"), ("q\(questions[0].id)", "0")])
                .status == .unprocessableContent)

            #expect(try await answer(visitor, [("q\(questions[0].id)", "1"), ("q\(questions[1].id)", "0"), ("q\(questions[1].id)", "2"),
                                               ("q\(questions[2].id)", "  Des arceaux devant la gare. ")]).status == .seeOther)
            #expect(try await visitor.get(page).text.contains("value=\"1\" checked"))
            #expect(try await answer(visitor, [("q\(questions[0].id)", "2"), ("q\(questions[1].id)", "0"), ("q\(questions[1].id)", "2")]).status == .seeOther)
            let second = Visitor(client, acceptLanguage: "fr")
            #expect(try await answer(second, [("q\(questions[0].id)", "2"), ("q\(questions[1].id)", "2"),
                                              ("q\(questions[2].id)", "Une idée qui reste au secrétariat")]).status == .seeOther)
            // Once answered, no question goes, even where the opening were moved later.
            await #expect(throws: StoreError.stateChanged) {
                try await questionnaires.remove(questionID: questions[0].id, consultationID: id, councilID: 1, at: 0)
            }
            let counts = try await questionnaires.counts(consultationID: id)
            #expect(counts[questions[0].id] == ["2": 2])
            #expect(counts[questions[1].id] == ["0,2": 1, "2": 1])
            #expect(counts[questions[2].id] == ["": 1])  // the first visitor left it blank the second time
            // The results: the secretariat sees them now, everyone once it is closed.
            let results = try await staff.get(page).text
            #expect(results.contains("2 personnes ont répondu.") && results.contains("2 réponses (100"))
            #expect(!(try await visitor.get(page).text.contains("2 personnes ont répondu.")))
            // The export counts the choices, option by option, under the same rule; free answers are never in it.
            let exported = "\(url)/export/questionnaire.csv"
            #expect(try await visitor.get(exported).status == .notFound)
            #expect(!(try await visitor.get("\(url)/export").text.contains("questionnaire.csv")))
            #expect(try await staff.get("\(url)/export").text.contains("questionnaire.csv"))
            let early = try await staff.get(exported)
            #expect(early.headers[.cacheControl] == "private, no-store")
            let rows = early.text.split(whereSeparator: \.isNewline)
            #expect(rows == ["question,question-text,answered,option,option-text,chosen",
                             "1,Comment venez-vous au travail ?,2,1,À pied,0", "1,Comment venez-vous au travail ?,2,2,En vélo,0",
                             "1,Comment venez-vous au travail ?,2,3,En bus,2",
                             "2,Quels services manquent ?,2,1,Parkings vélo,1", "2,Quels services manquent ?,2,2,Navettes,0",
                             "2,Quels services manquent ?,2,3,Horaires de nuit,2"])
            let late = try #require(ConsultationTests.stamp(try await second.get(page).text))
            clock.advance(by: 30 * 86_400)
            #expect(try await Visitor(client, acceptLanguage: "fr").get(page).text.contains("2 personnes ont répondu."))
            // The synthesis's figures say how many answered (a month later, the secretariat signs in again).
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.get("\(url)/synthesis").text.contains("2 personnes ont répondu au questionnaire."))
            let published = try await Visitor(client).get(exported)
            #expect(published.status == .ok && published.text.split(whereSeparator: \.isNewline) == rows)
            #expect(published.headers[.cacheControl] != "private, no-store")
            #expect(!published.text.contains("secrétariat"))
            #expect(try await second.post(page, [("rendered_at", late), ("website", ""), ("q\(questions[0].id)", "0")]).status == .conflict)
        }
    }
}
