import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// Demo news, written for the demo: in the French council, the January 2024 mission of two members of the European and
/// International Affairs Commission to Rabat (in French, English and Arabic), the adoption of the avis on contemporary
/// Francophonie, the opening of its consultation (in French only: other readers are told so), and a post awaiting
/// review; in the Moroccan council, the same visit seen from Rabat and its freshwater consultation. The people named
/// are fictional; the groups, the commission, the avis and UCESIF are linked to their pages.
struct DemoNews {
    let site: Site

    struct Post {
        let category: NewsCategory
        /// The first is the original; the others translate it.
        let versions: [(Language, String, String, String)]
        /// nil: left in review.
        let publishAt: Double?
    }

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma"),
              let editor = try await site.accounts.find(email: "admin@hemicycle.example"),
              let frenchWriter = try await site.accounts.find(email: "secretariat@cese-fr.example"),
              let moroccanWriter = try await site.accounts.find(email: "secretariat@cese-ma.example") else { return }
        let now = site.clock.now().timeIntervalSince1970
        let works = try await site.works.all(councilID: france.id, statuses: ["published"], kind: nil)
        let avis = works.first { ($0.title[.fr] ?? "").contains("Francophonie") }.map { WorkPaths.item.url(france.slug, $0.id) } ?? WorkPaths.list.url(france.slug)
        let commission = try await site.commissions.all(councilID: france.id).first { ($0.nameFr ?? "").contains("internationales") }
            .map { CouncilPaths.commission.url(france.slug, $0.id) } ?? CouncilPaths.commissions.url(france.slug)
        let consultations = ConsultationRepository(database: site.database)
        let frenchConsultation = try await consultations.all(councilID: france.id, includeDrafts: false).first
            .map { ConsultationPaths.item.url(france.slug, $0.id) } ?? ConsultationPaths.list.url(france.slug)
        let moroccanConsultation = try await consultations.all(councilID: morocco.id, includeDrafts: false).first
            .map { ConsultationPaths.item.url(morocco.slug, $0.id) } ?? ConsultationPaths.list.url(morocco.slug)
        let rabat = CouncilPaths.home.url(morocco.slug), paris = CouncilPaths.home.url(france.slug)
        // The francophone network both councils belong to (DemoNetworks).
        let ucesif = NetworkPaths.item.url("ucesif")
        // The two members who travelled (fictional, as every person of the demo), and their groups.
        let seats = try await site.memberships.all(councilID: france.id)
        let groups = try await site.groups.all(councilID: france.id)
        let member = { (name: String) in seats.first { $0.displayName == name }.map { CouncilPaths.member.url(france.slug, $0.id) } ?? CouncilPaths.members.url(france.slug) }
        let group = { (name: String) in groups.first { $0.nameFr == name }.map { CouncilPaths.group.url(france.slug, $0.id) } ?? CouncilPaths.members.url(france.slug) }
        let nadia = member("Nadia Rapporteure"), paul = member("Paul Conseiller"), unsa = group("Groupe UNSA"), business = group("Groupe Entreprises")
        // The mission itself, recorded by the secretariat (DemoMissions).
        let mission = try await MissionRepository(database: site.database).all(councilID: france.id).first
            .map { MissionPaths.item.url(france.slug, $0.id) } ?? MissionPaths.list.url(france.slug)
        // 5 February 2024, 10:00 in Paris: the mission's post went out after the delegation came back.
        let missionDate = 1_707_123_600.0

        let french = [
            Post(category: .international, versions: [
                (.fr, "Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc",
                 "Deux membres de la commission Affaires européennes et internationales se sont rendus à Rabat les 31 janvier et 1er février pour finaliser un accord-cadre de coopération.",
                 """
                 <p>Les 31 janvier et 1<sup>er</sup> février, deux membres de la <a href="\(commission)">commission Affaires européennes et internationales</a>, <a href="\(nadia)">Nadia Rapporteure</a> (<a href="\(unsa)">groupe UNSA</a>) et <a href="\(paul)">Paul Conseiller</a> (<a href="\(business)">groupe Entreprises</a>), se sont rendus à Rabat à l’invitation du <a href="\(rabat)">Conseil économique, social et environnemental du Maroc</a>.</p>
                 <h2>Un accord-cadre de coopération</h2>
                 <p>La délégation a finalisé avec ses homologues un accord-cadre qui organise l’échange de bonnes pratiques :</p>
                 <ul><li>la préparation des travaux et le traitement des <em>opinions divergentes</em> ;</li><li>la rédaction des rapports annuels ;</li><li>la participation citoyenne, des plateformes de consultation aux conventions citoyennes ;</li><li>le budget, l’organisation des commissions et des séances plénières, les ressources humaines.</li></ul>
                 <h2>Une contribution à l’avis sur la Francophonie</h2>
                 <p>Le Conseil du Maroc contribuera au projet d’avis sur <a href="\(avis)">la Francophonie contemporaine</a>, avant la date fixée par la commission.</p>
                 <blockquote><p>« Nos deux conseils partagent une même conviction : la société civile organisée a sa place dans la décision publique. »</p></blockquote>
                 <p>Les deux conseils sont membres de l’<a href="\(ucesif)">UCESIF</a>, l’Union des conseils économiques et sociaux et institutions similaires des États et gouvernements membres de la Francophonie.</p>
                 <p><a href="\(mission)">Le compte rendu de la mission</a> : qui est parti, qui la délégation a rencontré, ce qui a été arrêté.</p>
                 """),
                (.en, "Mission to Rabat: towards a framework agreement with Morocco's Council",
                 "Two members of the European and International Affairs Commission went to Rabat on 31 January and 1 February to finalise a framework cooperation agreement.",
                 """
                 <p>On 31 January and 1 February, two members of the <a href="\(commission)">European and International Affairs Commission</a>, <a href="\(nadia)">Nadia Rapporteure</a> (<a href="\(unsa)">UNSA group</a>) and <a href="\(paul)">Paul Conseiller</a> (<a href="\(business)">Business group</a>), went to Rabat at the invitation of the <a href="\(rabat)">Economic, Social and Environmental Council of Morocco</a>.</p>
                 <h2>A framework cooperation agreement</h2>
                 <p>The delegation and its counterparts finalised a framework agreement for exchanging good practice:</p>
                 <ul><li>how work is prepared and how <em>dissenting opinions</em> are handled;</li><li>how annual reports are written;</li><li>citizen participation, from consultation platforms to citizens' conventions;</li><li>budget, the organisation of commissions and plenary sittings, human resources.</li></ul>
                 <h2>A contribution to the avis on Francophonie</h2>
                 <p>Morocco's Council will contribute to the draft avis on <a href="\(avis)">contemporary Francophonie</a>, before the commission's deadline.</p>
                 <p>Both councils belong to <a href="\(ucesif)">UCESIF</a>, the union of economic and social councils and similar institutions of the member states and governments of the Francophonie.</p>
                 <p><a href="\(mission)">The mission's record</a>: who went, whom the delegation met, what was agreed.</p>
                 """),
                (.ar, "بعثة إلى الرباط: نحو اتفاق إطار مع المجلس المغربي",
                 "زار عضوان من لجنة الشؤون الأوروبية والدولية الرباط يومي 31 يناير و1 فبراير لوضع اللمسات الأخيرة على اتفاق إطار للتعاون.",
                 """
                 <p>يومي 31 يناير و1 فبراير، زار عضوان من <a href="\(commission)">لجنة الشؤون الأوروبية والدولية</a>، <a href="\(nadia)">نادية رابورتور</a> (<a href="\(unsa)">مجموعة الاتحاد الوطني للنقابات المستقلة</a>) و<a href="\(paul)">بول كونساي</a> (<a href="\(business)">مجموعة المقاولات</a>)، الرباط بدعوة من <a href="\(rabat)">المجلس الاقتصادي والاجتماعي والبيئي</a>.</p>
                 <h2>اتفاق إطار للتعاون</h2>
                 <p>وضع الوفد مع نظرائه اللمسات الأخيرة على اتفاق إطار لتبادل الممارسات الجيدة في إعداد الأشغال ومعالجة الآراء المخالفة وكتابة التقارير السنوية والمشاركة المواطنة والتنظيم الإداري.</p>
                 <p>وسيساهم المجلس المغربي في مشروع الرأي حول <a href="\(avis)">الفرنكوفونية المعاصرة</a>.</p>
                 <p>المجلسان عضوان في <a href="\(ucesif)">اتحاد المجالس الاقتصادية والاجتماعية والمؤسسات المماثلة للدول والحكومات الأعضاء في الفرنكوفونية</a>.</p>
                 <p><a href="\(mission)">محضر البعثة</a>: من سافر، ومن التقى الوفد، وما تم الاتفاق عليه.</p>
                 """),
            ], publishAt: missionDate),
            Post(category: .plenary, versions: [
                (.fr, "La Francophonie contemporaine : le Conseil adopte son avis",
                 "Réuni en séance plénière, le Conseil a adopté son avis sur la Francophonie contemporaine, enrichi de la contribution du Conseil du Maroc.",
                 """
                 <p>Réuni en séance plénière, le Conseil a adopté <a href="\(avis)">son avis sur la Francophonie contemporaine</a>. Le texte, préparé par la <a href="\(commission)">commission Affaires européennes et internationales</a>, s’appuie sur des auditions et sur la contribution du <a href="\(rabat)">Conseil du Maroc</a>.</p>
                 <p>Le détail des votes par groupe et les déclarations des groupes sont publiés avec l’avis.</p>
                 """),
                (.en, "Contemporary Francophonie: the Council adopts its avis",
                 "Meeting in plenary, the Council adopted its avis on contemporary Francophonie, which draws on the contribution of Morocco's Council.",
                 """
                 <p>Meeting in plenary, the Council adopted <a href="\(avis)">its avis on contemporary Francophonie</a>. The text, prepared by the <a href="\(commission)">European and International Affairs Commission</a>, draws on hearings and on the contribution of <a href="\(rabat)">Morocco's Council</a>.</p>
                 <p>The votes by group and the groups' declarations are published with the avis.</p>
                 """),
            ], publishAt: now - 3 * 86_400),
            Post(category: .participation, versions: [
                (.fr, "La Francophonie et vous : la consultation est ouverte",
                 "Jusqu’à la fin de la consultation, chacun peut réagir aux affirmations du Conseil sur la Francophonie et proposer les siennes.",
                 """
                 <p>Pour suivre la mise en œuvre de son avis, le Conseil ouvre <a href="\(frenchConsultation)">une consultation en ligne</a>. Votez sur les affirmations proposées, ajoutez les vôtres : la carte des opinions se dessine au fil des votes.</p>
                 """),
            ], publishAt: now - 86_400),
            Post(category: .institution, versions: [
                (.fr, "Prochaine séance plénière : l’ordre du jour",
                 "L’ordre du jour de la prochaine séance plénière du Conseil.",
                 "<p>L’ordre du jour sera publié après la réunion du Bureau.</p>"),
            ], publishAt: nil),
        ]
        let moroccan = [
            Post(category: .international, versions: [
                (.ar, "المجلس يستقبل وفدًا من المجلس الاقتصادي والاجتماعي والبيئي الفرنسي",
                 "استقبل المجلس يومي 31 يناير و1 فبراير وفدًا من لجنة الشؤون الأوروبية والدولية بالمجلس الفرنسي لوضع اللمسات الأخيرة على اتفاق إطار للتعاون.",
                 """
                 <p>استقبل المجلس يومي 31 يناير و1 فبراير عضوين من <a href="\(paris)">المجلس الاقتصادي والاجتماعي والبيئي الفرنسي</a>، في إطار التحضير لاتفاق إطار للتعاون بين المجلسين العضوين في اتحاد المجالس الاقتصادية والاجتماعية والمؤسسات المماثلة للدول والحكومات الأعضاء في الفرنكوفونية.</p>
                 <h2>محاور التعاون</h2>
                 <ul><li>إعداد الأشغال ومعالجة الآراء المخالفة؛</li><li>كتابة التقارير السنوية؛</li><li>المشاركة المواطنة؛</li><li>الميزانية وتنظيم اللجان والجلسات العامة والموارد البشرية.</li></ul>
                 """),
                (.fr, "Le Conseil reçoit une délégation du Conseil économique, social et environnemental français",
                 "Les 31 janvier et 1er février, le Conseil a reçu une délégation de la commission Affaires européennes et internationales du Conseil français pour finaliser un accord-cadre de coopération.",
                 """
                 <p>Les 31 janvier et 1<sup>er</sup> février, le Conseil a reçu deux membres du <a href="\(paris)">Conseil économique, social et environnemental français</a>, pour préparer un accord-cadre de coopération entre les deux conseils, membres de l’<a href="\(ucesif)">UCESIF</a>.</p>
                 <h2>Les axes de la coopération</h2>
                 <ul><li>la préparation des travaux et le traitement des opinions divergentes ;</li><li>la rédaction des rapports annuels ;</li><li>la participation citoyenne ;</li><li>le budget, l’organisation des commissions et des séances plénières, les ressources humaines.</li></ul>
                 """),
            ], publishAt: missionDate - 3 * 86_400),
            Post(category: .participation, versions: [
                (.ar, "جودة المياه العذبة: شاركوا في الاستشارة",
                 "يدعو المجلس المواطنات والمواطنين إلى التعبير عن آرائهم حول جودة المياه العذبة.",
                 "<p>اطلعوا على <a href=\"\(moroccanConsultation)\">الاستشارة</a> وصوّتوا على العبارات المقترحة.</p>"),
                (.fr, "Qualité de l’eau douce : participez à la consultation",
                 "Le Conseil invite les citoyennes et les citoyens à donner leur avis sur la qualité de l’eau douce.",
                 "<p>Découvrez <a href=\"\(moroccanConsultation)\">la consultation</a> et votez sur les affirmations proposées.</p>"),
            ], publishAt: now - 5 * 86_400),
        ]
        for (council, writer, posts) in [(france, frenchWriter, french), (morocco, moroccanWriter, moroccan)] {
            for post in posts {
                try await add(post, councilID: council.id, writer: writer.id, editor: editor.id, now: now)
            }
        }
    }

    func add(_ post: Post, councilID: Int64, writer: Int64, editor: Int64, now: Double) async throws {
        let news = NewsRepository(database: site.database)
        let councils = Dictionary(try await site.councils.all().map { ($0.slug, $0.id) }, uniquingKeysWith: { first, _ in first })
        let networks = Dictionary(try await NetworkRepository(database: site.database).all().map { ($0.slug, $0.id) },
                                  uniquingKeysWith: { first, _ in first })
        var original: Int64?
        for (language, title, summary, body) in post.versions {
            let cleaned = BodySanitizer.clean(body)
            precondition(cleaned.imagesWithoutAlternative == 0 && cleaned.hasContent, "demo post \(title)")
            let written = min(now, post.publishAt ?? now) - 86_400
            let id = try await news.create(
                councilID: councilID, translationOf: original,
                content: NewsPostContent(language: language.rawValue, category: post.category.rawValue, title: title, summary: summary, body: cleaned.html),
                mentions: NewsMentions.find(in: cleaned.html, councils: councils, networks: networks, base: site.configuration.baseURL,
                                           ownCouncil: councils.first { $0.value == councilID }?.key)
                    .map { StoredMention(subject: $0.subject.rawValue, id: $0.id) },
                accountID: writer, at: written)
            original = original ?? id
            try await news.move(id: id, councilID: councilID, from: [.draft], to: .review, publishAt: nil, event: .submitted, accountID: writer,
                                at: written + 3_600)
            if let publishAt = post.publishAt {
                try await news.move(id: id, councilID: councilID, from: [.review], to: .scheduled, publishAt: publishAt, event: .scheduled,
                                    accountID: editor, at: written + 7_200)
            }
        }
    }
}
