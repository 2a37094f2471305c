import Conventions
import Foundation
import HemicycleDomain
import Organisation
import Storage

/// The demo's budgets: each council's 2026 budget, voted in December 2025, in its currency (EUR, MAD), with some
/// execution: a transfer to fund the mission to Rabat, commitments (the mission, the citizens' convention, members'
/// allowances, staff) and payments. The amounts are illustrative, not the councils' real budgets.
struct DemoBudget {
    let site: Site

    struct Line {
        let code: String
        let title: LocalizedText
        var voted: Int64 = 0
        var link: (kind: BudgetLinkKind, id: Int64)?
    }

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let now = site.clock.now().timeIntervalSince1970
        let budget = BudgetRepository(database: site.database)
        let missions = try await MissionRepository(database: site.database).all(councilID: france.id)
        let rabat = missions.first { ($0.titleFr ?? "").contains("Rabat") }
        let conventions = try await ConventionRepository(database: site.database).all(councilID: france.id,
                                                                                      statuses: ConventionStatus.allCases.map(\.rawValue))
        let convention = conventions.first { $0.status != "preparing" }
        let commissions = try await site.commissions.all(councilID: france.id)
        let international = commissions.first { ($0.nameFr ?? "").contains("internationales") }
        func units(_ value: Int64) -> Int64 { value * 100 }

        let french: [Line] = [
            Line(code: "P1", title: LocalizedText(fr: "Assemblée et travaux consultatifs", ar: "الجمعية والأشغال الاستشارية", en: "Assembly and advisory work")),
            Line(code: "P1.A1", title: LocalizedText(fr: "Séances et commissions", ar: "الجلسات واللجان", en: "Sittings and commissions")),
            Line(code: "P1.A1.1", title: LocalizedText(fr: "Indemnités des membres", ar: "تعويضات الأعضاء", en: "Members’ allowances"), voted: units(28_500_000)),
            Line(code: "P1.A1.2", title: LocalizedText(fr: "Déplacements des membres", ar: "تنقلات الأعضاء", en: "Members’ travel"), voted: units(1_200_000)),
            Line(code: "P1.A2", title: LocalizedText(fr: "Participation citoyenne", ar: "المشاركة المواطنة", en: "Citizen participation")),
            Line(code: "P1.A2.1", title: LocalizedText(fr: "Conventions citoyennes", ar: "الاتفاقيات المواطنة", en: "Citizens’ conventions"),
                 voted: units(2_000_000), link: convention.map { (.convention, $0.id) }),
            Line(code: "P1.A2.2", title: LocalizedText(fr: "Plateforme de consultation", ar: "منصة الاستشارة", en: "Consultation platform"), voted: units(350_000)),
            Line(code: "P2", title: LocalizedText(fr: "Administration", ar: "الإدارة", en: "Administration")),
            Line(code: "P2.A1", title: LocalizedText(fr: "Personnel", ar: "الموارد البشرية", en: "Staff")),
            Line(code: "P2.A1.1", title: LocalizedText(fr: "Rémunérations du personnel", ar: "أجور المستخدمين", en: "Staff salaries"), voted: units(12_000_000)),
            Line(code: "P2.A2", title: LocalizedText(fr: "Fonctionnement", ar: "التسيير", en: "Running costs")),
            Line(code: "P2.A2.1", title: LocalizedText(fr: "Entretien du Palais d’Iéna", ar: "صيانة قصر إيينا", en: "Upkeep of the Palais d’Iéna"),
                 voted: units(3_000_000)),
            Line(code: "P3", title: LocalizedText(fr: "Coopération internationale", ar: "التعاون الدولي", en: "International cooperation")),
            Line(code: "P3.A1", title: LocalizedText(fr: "Missions et partenariats", ar: "المهام والشراكات", en: "Missions and partnerships"),
                 link: international.map { (.commission, $0.id) }),
            Line(code: "P3.A1.1", title: LocalizedText(fr: "Missions internationales", ar: "المهام الدولية", en: "International missions"), voted: units(150_000)),
        ]
        let moroccan: [Line] = [
            Line(code: "P1", title: LocalizedText(fr: "Assemblée et avis", ar: "الجمعية العامة والآراء", en: "Assembly and opinions")),
            Line(code: "P1.A1", title: LocalizedText(fr: "Sessions et commissions", ar: "الدورات واللجان", en: "Sessions and commissions")),
            Line(code: "P1.A1.1", title: LocalizedText(fr: "Indemnités des membres", ar: "تعويضات الأعضاء", en: "Members’ allowances"), voted: units(45_000_000)),
            Line(code: "P1.A2", title: LocalizedText(fr: "Participation citoyenne (Ouchariko)", ar: "المشاركة المواطنة (أشارك)", en: "Citizen participation (Ouchariko)")),
            Line(code: "P1.A2.1", title: LocalizedText(fr: "Plateforme Ouchariko", ar: "منصة أشارك", en: "Ouchariko platform"), voted: units(1_800_000)),
            Line(code: "P2", title: LocalizedText(fr: "Administration", ar: "الإدارة", en: "Administration")),
            Line(code: "P2.A1", title: LocalizedText(fr: "Personnel", ar: "الموارد البشرية", en: "Staff")),
            Line(code: "P2.A1.1", title: LocalizedText(fr: "Rémunérations du personnel", ar: "أجور المستخدمين", en: "Staff salaries"), voted: units(38_000_000)),
            Line(code: "P3", title: LocalizedText(fr: "Coopération", ar: "التعاون", en: "Cooperation")),
            Line(code: "P3.A1", title: LocalizedText(fr: "Partenariats", ar: "الشراكات", en: "Partnerships")),
            Line(code: "P3.A1.1", title: LocalizedText(fr: "Accueil des délégations", ar: "استقبال الوفود", en: "Hosting delegations"), voted: units(600_000)),
        ]

        for (council, lines, currency, votedOn, email) in [(france, french, "EUR", "2025-12-10", "secretariat@cese-fr.example"),
                                                           (morocco, moroccan, "MAD", "2025-12-18", "admin@hemicycle.example")] {
            guard let account = try await site.accounts.find(email: email) else { continue }
            let actor = BudgetActor(accountID: account.id, name: account.displayName.isEmpty ? email : account.displayName)
            let year = try await budget.createYear(councilID: council.id, year: 2026, currency: currency, copying: nil, by: actor, at: now)
            var ids: [String: Int64] = [:]
            for line in lines {
                let parts = line.code.split(separator: ".")
                let level: BudgetLevel = parts.count == 1 ? .programme : parts.count == 2 ? .action : .line
                let parent = parts.count == 1 ? nil : ids[parts.dropLast().joined(separator: ".")]
                ids[line.code] = try await budget.addLine(
                    yearID: year, councilID: council.id,
                    BudgetLineFields(parentID: parent, level: level.rawValue, code: line.code, title: line.title, votedCents: line.voted,
                                     linkKind: line.link?.kind.rawValue, linkID: line.link?.id),
                    by: actor, at: now, check: { _ in nil })
            }
            try await budget.setStatus(yearID: year, councilID: council.id, BudgetYearStatus.voted.rawValue, votedOn: votedOn, by: actor, at: now,
                                       check: { _ in nil })
            func line(_ code: String) -> Int64 { ids[code] ?? 0 }
            func commit(_ code: String, _ amount: Int64, _ label: String, _ day: String, link: (kind: BudgetLinkKind, id: Int64)? = nil,
                        payments: [(String, Int64)]) async throws {
                let commitment = try await budget.addCommitment(yearID: year, councilID: council.id, lineID: line(code), cents: units(amount), label: label,
                                                                onDay: day, linkKind: link?.kind.rawValue, linkID: link?.id, by: actor, at: now,
                                                                check: { _ in nil })
                for (day, paid) in payments {
                    _ = try await budget.addPayment(yearID: year, councilID: council.id, commitmentID: commitment, cents: units(paid), onDay: day, by: actor,
                                                    at: now, check: { _ in nil })
                }
            }
            if council.id == france.id {
                _ = try await budget.addTransfer(yearID: year, councilID: council.id, from: line("P2.A2.1"), to: line("P3.A1.1"), cents: units(20_000),
                                                 reason: "Financer la mission à Rabat qui finalise l’accord-cadre avec le CESE du Maroc.", onDay: "2026-01-15",
                                                 by: actor, at: now, check: { _ in nil })
                try await commit("P3.A1.1", 18_400, "Mission à Rabat : transport et hébergement de la délégation", "2026-01-20",
                                 link: rabat.map { (.mission, $0.id) }, payments: [("2026-02-10", 18_400)])
                try await commit("P1.A2.1", 850_000, "Organisation des sessions de la convention citoyenne", "2026-03-02",
                                 link: convention.map { (.convention, $0.id) }, payments: [("2026-04-30", 400_000), ("2026-07-31", 200_000)])
                try await commit("P1.A1.1", 28_500_000, "Indemnités des membres pour l’année", "2026-01-05",
                                 payments: [("2026-03-31", 7_125_000), ("2026-06-30", 7_125_000), ("2026-09-30", 7_125_000)])
                try await commit("P2.A1.1", 11_800_000, "Rémunérations du personnel pour l’année", "2026-01-05",
                                 payments: [("2026-06-30", 5_900_000), ("2026-09-30", 2_950_000)])
            } else {
                try await commit("P1.A1.1", 45_000_000, "تعويضات الأعضاء برسم السنة", "2026-01-06",
                                 payments: [("2026-06-30", 22_500_000), ("2026-09-30", 11_250_000)])
                try await commit("P3.A1.1", 120_000, "استقبال وفد المجلس الفرنسي", "2026-01-25", payments: [("2026-02-20", 96_500)])
            }
        }
    }
}
