import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Organisation
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's budget: a voted year is public with its execution; commitments one by one are the council's; the
/// finance staff keep it, and every change is in the audit trail; transfers keep the year's total; bad amounts and
/// refused movements are said and store nothing.
@Suite struct BudgetTests {
    static func ledger(_ site: Site, _ slug: String, _ year: Int) async throws -> BudgetLedger {
        let council = try #require(try await site.councils.find(slug: slug))
        let repository = BudgetRepository(database: site.database)
        let record = try #require(try await repository.year(councilID: council.id, year: year))
        return try #require(try await repository.ledger(yearID: record.id))
    }

    static func line(_ ledger: BudgetLedger, _ code: String) throws -> Int64 {
        try #require(ledger.lines.first { $0.code == code }).id
    }

    @Test(arguments: TestDatabase.kinds)
    func aVotedBudgetIsPublicAndItsDetailTheCouncils(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/budget/2026")
            #expect(page.status == .ok && page.text.contains("Budget 2026") && page.text.contains("Missions internationales"))
            // 150 000 € voted, 20 000 € moved to it: its credits are 170 000 €.
            #expect(page.text.contains("170\u{202F}000,00\u{00A0}€") && page.text.contains("<svg"))
            #expect(!page.text.contains("Engagements et paiements") && !page.text.contains("Mission à Rabat : transport"))
            #expect(try await visitor.get("/cese-fr/budget").text.contains("/cese-fr/budget/2026"))
            #expect(try await visitor.get("/cese-fr/budget/2026/audit").status == .unauthorized)
            #expect(try await visitor.get("/cese-fr/budget/2031").status == .notFound)
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let detail = try await member.get("/cese-fr/budget/2026").text
            #expect(detail.contains("Engagements et paiements") && detail.contains("Mission à Rabat : transport") && detail.contains("Financer la mission"))
            #expect(!detail.contains("Virer des crédits"))
            #expect(try await member.get("/cese-fr/budget/2026/audit").status == .forbidden)
            let bureau = Visitor(client, acceptLanguage: "fr")
            try await bureau.signIn("bureau@cese-fr.example")
            let audit = try await bureau.get("/cese-fr/budget/2026/audit")
            #expect(audit.status == .ok && audit.text.contains("Julien Secrétariat") && audit.text.contains("Virement"))
            // Arabic, right to left, with the Moroccan budget in dirhams.
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/cese-ma/budget/2026")
            #expect(arabic.status == .ok && arabic.text.contains("ميزانية سنة 2026") && arabic.text.contains("MAD"))
            // The API gives cents; the CSV the amounts with a point.
            let json = try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/cese-fr/budget/2026").text.utf8)) as? [String: Any]
            let total = try #require(json?["total"] as? [String: Any])
            #expect(total["votedCents"] as? Int == total["allocationCents"] as? Int && (total["votedCents"] as? Int ?? 0) == 4_720_000_000)
            let csv = try await visitor.get("/cese-fr/budget/2026/execution.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("line,P3.A1.1,P3.A1,Missions internationales,EUR,150000.00,20000.00,0.00,170000.00,18400.00,18400.00,151600.00"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyTheFinanceStaffMovesCreditsAndTransfersKeepTheTotal(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let before = try await Self.ledger(site, "cese-fr", 2026)
            let from = try Self.line(before, "P1.A1.2"), to = try Self.line(before, "P1.A2.2")
            let transfer = [("from", "\(from)"), ("to", "\(to)"), ("amount", "12 500,00"), ("reason", "Consultation nationale sur l’eau"), ("day", "2026-11-02")]
            #expect(try await Visitor(client).post("/cese-fr/budget/2026/transfers", transfer).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "bureau@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/budget/2026/transfers", transfer).status == .forbidden, "\(email)")
            }
            // The Moroccan secretariat writes news but holds no finance duty.
            let moroccanStaff = Visitor(client)
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            let moroccan = try await Self.ledger(site, "cese-ma", 2026)
            #expect(try await moroccanStaff.post("/cese-ma/budget/2026/commitments",
                                                 [("line", "\(try Self.line(moroccan, "P3.A1.1"))"), ("amount", "10"), ("label", "x"), ("day", "2026-03-01")])
                .status == .forbidden)
            #expect(try await Self.ledger(site, "cese-fr", 2026).transfers.count == before.transfers.count)

            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Bad input: the sentence, and nothing stored.
            let precise = try await staff.post("/cese-fr/budget/2026/transfers", transfer.map { $0.0 == "amount" ? ($0.0, "12,3456") : $0 })
            #expect(precise.status == .unprocessableContent && precise.text.contains("deux décimales au plus"))
            let outside = try await staff.post("/cese-fr/budget/2026/transfers", transfer.map { $0.0 == "day" ? ($0.0, "2027-01-02") : $0 })
            #expect(outside.status == .unprocessableContent && outside.text.contains("date de l’année du budget"))
            let tooMuch = try await staff.post("/cese-fr/budget/2026/transfers", transfer.map { $0.0 == "amount" ? ($0.0, "1 200 000,01") : $0 })
            #expect(tooMuch.status == .conflict && tooMuch.text.contains("pas assez de crédits non engagés"))
            // What was typed comes back, the form open.
            #expect(tooMuch.text.contains(">Consultation nationale sur l’eau</textarea>") && tooMuch.text.contains("<details open><summary>Virer des crédits"))
            #expect(try await Self.ledger(site, "cese-fr", 2026).transfers.count == before.transfers.count)

            let done = try await staff.post("/cese-fr/budget/2026/transfers", transfer)
            #expect(done.status == .seeOther || done.status == .found)
            let after = try await Self.ledger(site, "cese-fr", 2026)
            #expect(after.transfers.count == before.transfers.count + 1 && after.transfers.last?.cents == 1_250_000)
            let execution = BudgetPageBuilder.execution(after), previous = BudgetPageBuilder.execution(before)
            #expect(execution.total.allocation == previous.total.allocation && execution.total.allocation == execution.total.voted)
            #expect(execution[from].allocation == previous[from].allocation - 1_250_000 && execution[to].allocation == previous[to].allocation + 1_250_000)

            // Commitments within the credits, payments within the commitment, never before it.
            let line = try Self.line(after, "P3.A1.1")
            let available = execution[line].available
            let over = try await staff.post("/cese-fr/budget/2026/commitments",
                                            [("line", "\(line)"), ("amount", Formatting(language: .en).decimalCents(available + 1)), ("label", "Mission à Dakar"),
                                             ("day", "2026-10-01"), ("link", "")])
            #expect(over.status == .conflict && over.text.contains("pas assez de crédits disponibles"))
            #expect(try await staff.post("/cese-fr/budget/2026/commitments",
                                         [("line", "\(line)"), ("amount", "5000"), ("label", "Mission à Dakar"), ("day", "2026-10-01"),
                                          ("link", "mission:999999")]).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/budget/2026/commitments",
                                         [("line", "\(line)"), ("amount", "5000"), ("label", "Mission à Dakar"), ("day", "2026-10-01"), ("link", "")])
                .status == .seeOther)
            let committed = try await Self.ledger(site, "cese-fr", 2026)
            let commitment = try #require(committed.commitments.last)
            #expect(commitment.cents == 500_000 && commitment.label == "Mission à Dakar")
            let pay = "/cese-fr/budget/2026/commitments/\(commitment.id)/payments"
            #expect(try await staff.post(pay, [("amount", "5000,01"), ("day", "2026-10-15")]).text.contains("dépasse ce qui reste à payer"))
            #expect(try await staff.post(pay, [("amount", "100"), ("day", "2026-09-15")]).status == .conflict)
            // Paid ahead of the day (the tests' clock stands on 30 November 2026): refused.
            #expect(try await staff.post(pay, [("amount", "100"), ("day", "2026-12-15")]).text.contains("jamais à l’avance"))
            #expect(try await staff.post(pay, [("amount", "5000"), ("day", "2026-10-15")]).status == .seeOther)
            #expect(try await Self.ledger(site, "cese-fr", 2026).payments.count == committed.payments.count + 1)
            // Another council's commitment is not found through this one.
            let foreign = try #require(moroccan.commitments.first)
            #expect(try await staff.post("/cese-fr/budget/2026/commitments/\(foreign.id)/payments", [("amount", "1"), ("day", "2026-10-15")]).status
                == .notFound)

            // Every change is in the audit trail, with who made it and the state before and after.
            let council = try #require(try await site.councils.find(slug: "cese-fr"))
            let year = try #require(try await BudgetRepository(database: site.database).year(councilID: council.id, year: 2026))
            let audit = try await BudgetRepository(database: site.database).audit(yearID: year.id)
            let entry = try #require(audit.first { $0.action == "transfer" && $0.afterJson?.contains("1250000") == true })
            #expect(entry.actorName == "Julien Secrétariat" && entry.afterJson?.contains("Consultation nationale") == true)
            #expect(audit.first?.action == "payment")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aYearIsPreparedVotedAndClosed(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let source = try await Self.ledger(site, "cese-fr", 2026)
            #expect(try await staff.post("/cese-fr/budget", [("year", "2026"), ("currency", "EUR"), ("copy", "")]).status == .conflict)
            #expect(try await staff.post("/cese-fr/budget", [("year", "2027"), ("currency", "XYZ"), ("copy", "")]).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/budget", [("year", "2027"), ("currency", "EUR"), ("copy", "\(source.year.id)")]).status == .seeOther)
            let draft = try await Self.ledger(site, "cese-fr", 2027)
            #expect(draft.year.status == "draft" && draft.lines.count == source.lines.count)
            #expect(Set(draft.lines.map(\.code)) == Set(source.lines.map(\.code)))
            // In preparation: not announced to the public or the members; read by the bureau.
            #expect(try await Visitor(client).get("/cese-fr/budget/2027").status == .notFound)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.get("/cese-fr/budget/2027").status == .notFound)
            #expect(try await member.get("/api/v1/cese-fr/budget/2027").status == .notFound)
            let bureau = Visitor(client)
            try await bureau.signIn("bureau@cese-fr.example")
            #expect(try await bureau.get("/cese-fr/budget/2027").status == .ok)

            // A line is placed under an action, its code unique; its voted amount set before the vote.
            let action = try Self.line(draft, "P3.A1")
            let line = [("level", "line"), ("parent", "\(action)"), ("code", "P3.A1.2"), ("title_fr", "Contributions aux réseaux"), ("title_ar", ""),
                        ("title_en", ""), ("voted", "25 000"), ("link", "")]
            #expect(try await staff.post("/cese-fr/budget/2027/lines", line.map { $0.0 == "parent" ? ($0.0, "\(try Self.line(draft, "P3"))") : $0 }).status
                == .conflict)
            #expect(try await staff.post("/cese-fr/budget/2027/lines", line.map { $0.0 == "code" ? ($0.0, "P3.A1.1") : $0 }).text
                .contains("Ce code est déjà pris"))
            #expect(try await staff.post("/cese-fr/budget/2027/lines", line.map { $0.0 == "code" ? ($0.0, "<b>") : $0 }).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/budget/2027/lines", line).status == .seeOther)
            #expect(try await staff.post("/cese-fr/budget/2027/transfers",
                                         [("from", "\(try Self.line(draft, "P1.A1.2"))"), ("to", "\(try Self.line(draft, "P3.A1.1"))"), ("amount", "1"),
                                          ("reason", "x"), ("day", "2027-01-05")]).text.contains("doit être voté avant"))
            // Voted, then closed; a voted amount no longer changes, a closed year nothing.
            #expect(try await staff.post("/cese-fr/budget/2027/status", [("action", "vote"), ("voted_on", "2027-01-10")]).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/budget/2027/status", [("action", "vote"), ("voted_on", "2026-11-25")]).status == .seeOther)
            let voted = try await Self.ledger(site, "cese-fr", 2027)
            #expect(voted.year.status == "voted" && voted.year.votedOn == "2026-11-25")
            #expect(try await Visitor(client).get("/cese-fr/budget/2027").status == .ok)
            let added = try Self.line(voted, "P3.A1.2")
            let edit = [("code", "P3.A1.2"), ("title_fr", "Contributions aux réseaux"), ("title_ar", ""), ("title_en", ""), ("voted", "30 000"), ("link", "")]
            #expect(try await staff.post("/cese-fr/budget/2027/lines/\(added)", edit).status == .seeOther)
            #expect(try await Self.ledger(site, "cese-fr", 2027).lines.first { $0.id == added }?.votedCents == 2_500_000)
            #expect(try await staff.post("/cese-fr/budget/2027/lines/\(added)/delete", []).status == .conflict)
            #expect(try await staff.post("/cese-fr/budget/2027/status", [("action", "close")]).status == .seeOther)
            #expect(try await staff.post("/cese-fr/budget/2027/lines", line.map { $0.0 == "code" ? ($0.0, "P3.A1.3") : $0 }).text
                .contains("est close"))
            #expect(try await staff.post("/cese-fr/budget/2027/status", [("action", "vote"), ("voted_on", "2026-11-25")]).status == .conflict)
            let closed = try await Self.ledger(site, "cese-fr", 2027)
            #expect(closed.year.status == "closed" && closed.lines.count == voted.lines.count)
        }
    }
}
