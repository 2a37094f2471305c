import Foundation
import HemicycleDomain
import Storage

/// The demo's state-of-the-nation indicators: the ten indicators of wealth France's council has followed since 2016,
/// with a few years of values that are illustrative (plausible orders of magnitude, not the statistics offices'
/// figures, and marked as such), annexed to the dashboard of the French council's annual report on the state of France.
struct DemoIndicators {
    let site: Site

    struct Indicator {
        let code: String
        let name: LocalizedText
        let unit: String
        let source: String
        let values: [Int64]
    }

    static let indicators: [Indicator] = [
        Indicator(code: "EMPLOI", name: LocalizedText(fr: "Taux d’emploi", ar: "معدل التشغيل", en: "Employment rate"),
                  unit: "% des 15-64 ans", source: "Insee, enquête Emploi", values: [65_500, 65_300, 67_300, 68_100, 68_400, 68_800]),
        Indicator(code: "RECHERCHE", name: LocalizedText(fr: "Effort de recherche", ar: "مجهود البحث", en: "Research effort"),
                  unit: "% du PIB", source: "MESR-SIES", values: [2_190, 2_270, 2_210, 2_230, 2_220, 2_180]),
        Indicator(code: "DETTE", name: LocalizedText(fr: "Endettement", ar: "المديونية", en: "Debt"),
                  unit: "% du PIB", source: "Insee, comptes nationaux", values: [97_900, 114_900, 112_700, 111_200, 109_800, 113_000]),
        Indicator(code: "ESPERANCE", name: LocalizedText(fr: "Espérance de vie en bonne santé", ar: "متوسط العمر المتوقع في صحة جيدة", en: "Healthy life expectancy"),
                  unit: "années", source: "Drees", values: [64_400, 64_200, 64_600, 64_300, 64_900, 65_000]),
        Indicator(code: "SATISFACTION", name: LocalizedText(fr: "Satisfaction dans la vie", ar: "الرضا عن الحياة", en: "Life satisfaction"),
                  unit: "sur 10", source: "Insee, SRCV", values: [7_300, 7_200, 7_100, 7_200, 7_000, 7_100]),
        Indicator(code: "INEGALITES", name: LocalizedText(fr: "Inégalités de revenus", ar: "تفاوت الدخل", en: "Income inequality"),
                  unit: "rapport S80/S20", source: "Insee, ERFS", values: [4_400, 4_500, 4_400, 4_500, 4_600, 4_500]),
        Indicator(code: "PAUVRETE", name: LocalizedText(fr: "Pauvreté en conditions de vie", ar: "الفقر في ظروف العيش", en: "Material poverty"),
                  unit: "% des ménages", source: "Insee, SRCV", values: [11_700, 11_200, 11_400, 12_100, 12_300, 12_500]),
        Indicator(code: "DECROCHAGE", name: LocalizedText(fr: "Sorties précoces du système scolaire", ar: "الانقطاع المبكر عن الدراسة", en: "Early school leavers"),
                  unit: "% des 18-24 ans", source: "Insee, enquête Emploi", values: [8_200, 8_000, 7_800, 7_600, 7_600, 7_400]),
        Indicator(code: "CARBONE", name: LocalizedText(fr: "Empreinte carbone", ar: "البصمة الكربونية", en: "Carbon footprint"),
                  unit: "t CO2e par habitant", source: "SDES", values: [9_000, 8_200, 8_800, 8_700, 8_400, 8_200]),
        Indicator(code: "ARTIFICIALISATION", name: LocalizedText(fr: "Artificialisation des sols", ar: "تعمير الأراضي", en: "Land artificialisation"),
                  unit: "milliers d’hectares par an", source: "Cerema", values: [21_000, 20_200, 22_100, 20_500, 19_800, 19_000]),
    ]

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr") else { return }
        let repository = IndicatorRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        let report = try await site.works.create(councilID: france.id, NewWork(
            kind: "annual_report",
            title: LocalizedText(fr: "Rapport annuel sur l’état de la France 2026", ar: "التقرير السنوي حول حالة فرنسا 2026",
                                 en: "Annual report on the state of France 2026"),
            summary: LocalizedText(fr: "Le rapport annuel du conseil, bâti sur dix indicateurs de richesse.", ar: "التقرير السنوي للمجلس، المبني على عشرة مؤشرات للثروة.",
                                   en: "The council’s annual report, built on ten indicators of wealth."),
            referralSource: "self_referral", procedure: "ordinary"), accountID: nil, at: now)
        for indicator in Self.indicators {
            let id = try await repository.create(councilID: france.id, IndicatorFields(
                code: indicator.code, name: indicator.name, definition: LocalizedText(), source: indicator.source, unit: indicator.unit), at: now)
            try await repository.record(indicatorID: id, councilID: france.id, indicator.values.enumerated().map { (2019 + $0.offset, $0.element) },
                                        illustrative: true, at: now)
            try await repository.annex(workID: report, indicatorID: id, councilID: france.id, true)
        }
    }
}
