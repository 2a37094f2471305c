import Foundation
import HemicycleDomain
import Storage

/// The demo's activity reports for 2026, the demo's year, in preparation (a report is published once its year is
/// over): the French council's with its foreword and outlook in three languages (written for the demo), the Moroccan
/// council's begun. Their figures are computed from the rest of the demo.
struct DemoReports {
    let site: Site

    func load() async throws {
        let reports = ActivityReportRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        if let france = try await site.councils.find(slug: "cese-fr") {
            try await reports.save(
                councilID: france.id, year: 2026,
                foreword: LocalizedText(
                    fr: "L’année 2026 a vu le conseil adopter son avis sur la Francophonie contemporaine, préparé avec le concours du Conseil économique, social et environnemental du Maroc.\nElle a aussi été celle de l’ouverture de ses travaux aux citoyens : une consultation en ligne et une convention citoyenne tirée au sort.",
                    ar: "شهدت سنة 2026 مصادقة المجلس على رأيه حول الفرنكوفونية المعاصرة، الذي أُعد بمساهمة المجلس الاقتصادي والاجتماعي والبيئي بالمغرب.\nكما كانت سنة انفتاح أشغاله على المواطنين: استشارة عبر الإنترنت واتفاقية مواطنة مختارة بالقرعة.",
                    en: "In 2026 the council adopted its avis on contemporary Francophonie, prepared with the help of Morocco’s Economic, Social and Environmental Council.\nIt was also the year it opened its work to citizens: an online consultation and a citizens’ convention drawn by lot."),
                outlook: LocalizedText(
                    fr: "En 2027, le conseil poursuivra sa coopération avec ses partenaires de l’UCESIF et consacrera son rapport annuel à l’état de la France.",
                    ar: "في سنة 2027، سيواصل المجلس تعاونه مع شركائه في اتحاد المجالس الاقتصادية والاجتماعية الفرنكوفونية، وسيخصص تقريره السنوي لحالة فرنسا.",
                    en: "In 2027 the council will pursue its cooperation with its UCESIF partners and devote its annual report to the state of France."),
                at: now, check: { _ in nil })
        }
        if let morocco = try await site.councils.find(slug: "cese-ma") {
            try await reports.save(
                councilID: morocco.id, year: 2026,
                foreword: LocalizedText(fr: "Projet d’avant-propos du rapport annuel, en cours de rédaction.", ar: "مشروع تقديم التقرير السنوي، قيد التحرير.", en: nil),
                outlook: LocalizedText(), at: now, check: { _ in nil })
        }
    }
}
