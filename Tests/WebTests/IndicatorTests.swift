import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import Storage
import Testing
import TestSupport
@testable import Web

/// The state-of-the-nation indicators: public statistics, kept by the secretariat; values imported from CSV or SDMX-CSV
/// with the faulty line and column named and nothing stored; the dashboard annexed to the annual report.
@Suite struct IndicatorTests {
    static func indicator(_ site: Site, _ code: String) async throws -> IndicatorRecord {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        return try #require(try await IndicatorRepository(database: site.database).all(councilID: france.id).first { $0.code == code })
    }

    @Test(arguments: TestDatabase.kinds)
    func indicatorsArePublicAndTheDashboardIsAnnexedToTheReport(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let list = try await visitor.get("/cese-fr/indicators")
            #expect(list.status == .ok && list.text.contains("Taux d’emploi") && list.text.contains("68,8 % des 15-64 ans en 2024"))
            let employment = try await Self.indicator(site, "EMPLOI")
            let page = try await visitor.get("/cese-fr/indicators/\(employment.id)")
            #expect(page.text.contains("<svg") && page.text.contains("illustrative") && page.text.contains("+0,4") && !page.text.contains("name=\"file\""))
            // The annual report's dashboard: for the council's people while the report is in preparation.
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let report = try #require(try await site.works.all(councilID: france.id).first { $0.kind == "annual_report" })
            #expect(try await visitor.get("/cese-fr/works/\(report.id)/dashboard").status == .notFound)
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let dashboard = try await member.get("/cese-fr/works/\(report.id)/dashboard")
            #expect(dashboard.status == .ok && dashboard.text.contains("Empreinte carbone") && dashboard.text.contains("8,2 t CO2e par habitant"))
            #expect(try await member.get("/cese-fr/works/\(report.id)").text.contains("/cese-fr/works/\(report.id)/dashboard"))
            #expect(dashboard.text.contains("Le rapport est en préparation : les dernières valeurs enregistrées sont présentées."))
            // Once adopted (here in June 2024), the report keeps the years it knew: those before 2024.
            try await site.database.withSQL { sql in
                try await sql.raw("INSERT INTO work_events (work_id, status, note, account_id, \"at\") VALUES (\(bind: report.id), 'adopted', NULL, NULL, 1718000000)")
                    .run()
            }
            let adopted = try await member.get("/cese-fr/works/\(report.id)/dashboard").text
            #expect(adopted.contains("Le rapport a été adopté en 2024 : les valeurs présentées sont celles des années antérieures.")
                && adopted.contains("8,4 t CO2e par habitant") && !adopted.contains("8,2 t CO2e par habitant"))
            // Only an annual report has one.
            let avis = try #require(try await site.works.all(councilID: france.id).first { $0.kind == "avis" })
            #expect(try await member.get("/cese-fr/works/\(avis.id)/dashboard").status == .notFound)
            // The API: every indicator with its values, in order of year.
            let json = try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/cese-fr/indicators").text.utf8)) as? [[String: Any]]
            let emploi = try #require(json?.first { $0["code"] as? String == "EMPLOI" })
            let values = try #require(emploi["values"] as? [[String: Any]])
            #expect(json?.count == 10 && values.count == 6 && values.first?["year"] as? Int == 2019 && (values.first?["value"] as? NSNumber)?.doubleValue == 65.5)
            #expect(values.first?["illustrative"] as? Bool == true)
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/cese-fr/indicators")
            #expect(arabic.status == .ok && arabic.text.contains("مؤشرات حالة البلاد"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatImportsValuesAndBadFilesStoreNothing(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let employment = try await Self.indicator(site, "EMPLOI")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let repository = IndicatorRepository(database: site.database)
            let sdmx = Array("""
                DATAFLOW,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
                ESTAT:LFSI_EMP_A(1.0),A,PC_POP,T,Y15-64,FR,2024,68.9,
                ESTAT:LFSI_EMP_A(1.0),A,PC_POP,T,Y15-64,FR,2025,69.2,p
                """.utf8)
            let path = "/cese-fr/indicators/\(employment.id)/import"
            #expect(try await Visitor(client).postFile(path, fileName: "emploi.csv", content: sdmx).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "bureau@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.postFile(path, fileName: "emploi.csv", content: sdmx).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/indicators", [("code", "X"), ("name_fr", "X")]).status == .forbidden, "\(email)")
            }
            let before = try await repository.values(councilID: france.id)[employment.id] ?? []
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // A file with two series: the line and column, nothing stored.
            let mixed = Array("""
                DATAFLOW,geo,TIME_PERIOD,OBS_VALUE
                ESTAT:X,FR,2024,68.9
                ESTAT:X,DE,2024,77.1
                """.utf8)
            let refused = try await staff.postFile(path, fileName: "emploi.csv", content: mixed)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Ligne 3, colonne 9") && refused.text.contains("plusieurs séries"))
            let quarter = try await staff.postFile(path, fileName: "emploi.csv", content: Array("year,value\n2025-Q1,3\n".utf8))
            #expect(quarter.status == .unprocessableContent && quarter.text.contains("Ligne 2, colonne 1"))
            #expect(try await repository.values(councilID: france.id)[employment.id] == before)
            // The statistics office's file replaces 2024 and adds 2025, no longer illustrative.
            #expect(try await staff.postFile(path, fileName: "emploi.csv", content: sdmx).status == .seeOther)
            let after = try #require(try await repository.values(councilID: france.id)[employment.id])
            #expect(after.count == before.count + 1 && after.last?.year == 2025 && after.last?.valueMilli == 69_200 && after.last?.illustrative == false)
            #expect(after.first { $0.year == 2024 }?.valueMilli == 68_900)
            // One value by hand, then a bad one.
            #expect(try await staff.post("/cese-fr/indicators/\(employment.id)", [("year", "2018"), ("value", "64,9")]).status == .seeOther)
            #expect(try await staff.post("/cese-fr/indicators/\(employment.id)", [("year", "2017"), ("value", "beaucoup")]).text.contains("Écrivez la valeur"))
            // A new indicator; its code once.
            #expect(try await staff.post("/cese-fr/indicators", [("code", "EMPLOI"), ("name_fr", "Encore")]).status == .conflict)
            #expect(try await staff.post("/cese-fr/indicators", [("code", "SENIORS"), ("name_fr", "Taux d’emploi des seniors"), ("unit", "%")]).status
                == .seeOther)
            let seniors = try await Self.indicator(site, "SENIORS")
            // Annexed to the report, then taken away; another council's indicator is not found.
            let report = try #require(try await site.works.all(councilID: france.id).first { $0.kind == "annual_report" })
            #expect(try await staff.post("/cese-fr/works/\(report.id)/dashboard", [("indicator", "\(seniors.id)")]).status == .seeOther)
            #expect(try await repository.annexed(workID: report.id).last?.id == seniors.id)
            #expect(try await staff.post("/cese-fr/works/\(report.id)/dashboard", [("remove", "\(seniors.id)")]).status == .seeOther)
            #expect(!(try await repository.annexed(workID: report.id).contains { $0.id == seniors.id }))
            #expect(try await staff.post("/cese-fr/works/\(report.id)/dashboard", [("indicator", "999999")]).status == .notFound)
        }
    }
}
