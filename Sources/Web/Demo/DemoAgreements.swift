import Foundation
import HemicycleDomain
import Storage

/// The demo's agreement: the framework agreement of cooperation between the French and Moroccan councils, signed in
/// 2024 for four years, with the themes of the framework, an action plan (two actions late), the Moroccan council's
/// contribution to the French avis on contemporary Francophonie, and the Moroccan council's referral on the social
/// and solidarity economy shared with the French council, which prepares an avis on young people and jobs in rural
/// areas (signatories fictional).
struct DemoAgreements {
    let site: Site

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let agreements = AgreementRepository(database: site.database), plans = AgreementPlanRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        let themes = try await agreements.themes().map(\.id)
        let id = try await agreements.create(councilID: france.id, AgreementFields(
            title: LocalizedText(fr: "Accord-cadre de coopération entre le Conseil économique, social et environnemental et le Conseil économique, social et environnemental du Maroc",
                                 ar: "اتفاقية إطار للتعاون بين المجلس الاقتصادي والاجتماعي والبيئي الفرنسي والمجلس الاقتصادي والاجتماعي والبيئي المغربي",
                                 en: "Framework agreement of cooperation between the French and Moroccan Economic, Social and Environmental Councils"),
            text: LocalizedText(
                fr: """
                Article 1 — Objet. Les deux conseils, membres de l’Union des conseils économiques et sociaux et institutions similaires des États et gouvernements membres de la Francophonie (UCESIF), coopèrent dans le respect de leurs missions et de leur indépendance.
                Article 2 — Échanges de bonnes pratiques. Ils échangent sur la préparation de leurs travaux, le traitement des opinions divergentes et la rédaction de leurs rapports annuels.
                Article 3 — Participation citoyenne. Ils partagent leurs expériences des plateformes de consultation et des conventions citoyennes.
                Article 4 — Coopération technique et administrative. Ils échangent sur le budget, l’organisation des commissions et des séances plénières et la gestion des ressources humaines.
                Article 5 — Contributions. Chaque conseil peut contribuer aux travaux de l’autre, à l’invitation de la commission saisie et dans les délais qu’elle fixe.
                Article 6 — Durée. L’accord entre en vigueur à sa signature pour quatre ans.
                """,
                ar: """
                المادة 1 — الموضوع. يتعاون المجلسان، العضوان في اتحاد المجالس الاقتصادية والاجتماعية والمؤسسات المماثلة للدول والحكومات الأعضاء في الفرنكوفونية، في احترام لمهامهما واستقلاليتهما.
                المادة 2 — تبادل الممارسات الجيدة. يتبادلان حول إعداد أشغالهما ومعالجة الآراء المخالفة وتحرير تقاريرهما السنوية.
                المادة 3 — المشاركة المواطنة. يتقاسمان تجاربهما في منصات التشاور والاتفاقيات المواطنة.
                المادة 4 — التعاون التقني والإداري. يتبادلان حول الميزانية وتنظيم اللجان والجلسات العامة وتدبير الموارد البشرية.
                المادة 5 — المساهمات. يمكن لكل مجلس أن يساهم في أشغال الآخر، بدعوة من اللجنة المحال عليها الموضوع وفي الآجال التي تحددها.
                المادة 6 — المدة. تدخل الاتفاقية حيز التنفيذ عند توقيعها لمدة أربع سنوات.
                """,
                en: nil),
            place: "Paris", signedOn: "2024-03-14", inForceFrom: nil, endsOn: "2028-03-13", terminatedOn: nil,
            parties: [france.id, morocco.id],
            signatories: [france.id: ["Claire Dumas, présidente"], morocco.id: ["Karim Alaoui, président"]], themes: themes), at: now)
        let actions: [(String, Int64, String, String?, String, String)] = [
            ("Échange de notes sur le traitement des opinions divergentes", france.id, "Direction des travaux", "2024-12-31", "done",
             "Notes échangées en novembre 2024 ; la pratique des déclarations des groupes est présentée au bureau du Conseil du Maroc."),
            ("Séminaire commun sur les plateformes de consultation citoyenne", morocco.id, "Pôle participation citoyenne", "2025-06-30", "ongoing",
             "Reporté à la demande des deux secrétariats ; une date est à fixer."),
            ("Accueil de deux agents du secrétariat du Conseil du Maroc", france.id, "Direction des ressources humaines", "2026-10-31", "planned", ""),
            ("Comparaison des méthodes de rédaction des rapports annuels", morocco.id, "Secrétariat général", "2027-03-31", "planned", ""),
            ("Parangonnage des budgets et de l’organisation des séances plénières", france.id, "Secrétariat général", nil, "planned", ""),
        ]
        for (title, owner, who, due, state, followUp) in actions {
            _ = try await plans.addAction(agreementID: id, AgreementActionFields(title: title, ownerCouncilID: owner, owner: who, dueOn: due, state: state,
                                                                                 followUp: followUp), at: now)
        }
        // The French avis on contemporary Francophonie was opened to the Moroccan council's contribution until 15 May
        // 2026; its bureau sent one on 30 April, which the French secretariat acknowledged on 4 May.
        let paris = TimeZone(identifier: france.timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        func at(_ month: Int, _ day: Int) -> Double { calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: 11))!.timeIntervalSince1970 }
        if let avis = try await site.works.all(councilID: france.id).first(where: { $0.status == "published" }),
           let bureau = try await site.memberships.all(councilID: morocco.id).first(where: { $0.email == "bureau@cese-ma.example" }),
           let author = try await site.memberships.all(councilID: morocco.id).first(where: { $0.email == "membre@cese-ma.example" }),
           let staff = try await site.memberships.all(councilID: france.id).first(where: { $0.email == "secretariat@cese-fr.example" }) {
            _ = try await plans.shareWork(agreementID: id, grantingID: france.id, granteeID: morocco.id, workID: avis.id, dueOn: "2026-05-15", at: at(4, 1))
            let contributions = PartnerContributionRepository(database: site.database)
            let contribution = try await contributions.create(
                workID: avis.id, councilID: morocco.id, agreementID: id,
                title: "Contribution du Conseil du Maroc au titre de l’accord-cadre de 2024",
                body: "Le Conseil partage son expérience de la plateforme de participation citoyenne, propose des échanges de jeunes chercheurs entre les deux conseils et souligne la place de la langue arabe aux côtés du français dans l’espace francophone.",
                authorMembershipID: author.id, at: at(4, 28))
            try await contributions.send(id: contribution, councilID: morocco.id, by: bureau.id, at: at(4, 30))
            try await contributions.acknowledge(id: contribution, workID: avis.id, by: staff.id, at: at(5, 4))
        }
        if let referral = try await site.works.all(councilID: morocco.id).first(where: { $0.status == "referred" }) {
            _ = try await plans.shareWork(agreementID: id, grantingID: morocco.id, granteeID: france.id, workID: referral.id, at: now)
        }
    }
}
