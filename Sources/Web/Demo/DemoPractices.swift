import Foundation
import HemicycleDomain
import Storage

/// The demo's library of good practice: six notes, two in each language, from the French and Moroccan councils
/// (one on handling dissent, one on the annual report), open to everyone, to partners, to UCESIF or to the council
/// alone; and a question the French council asked its partner, answered with the Moroccan note on the annual report.
struct DemoPractices {
    let site: Site

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let themes = Dictionary(try await AgreementRepository(database: site.database).themes().map { ($0.slug, $0.id) }, uniquingKeysWith: { first, _ in first })
        let ucesif = try await NetworkRepository(database: site.database).find(slug: "ucesif")?.id
        let notes = PracticeNoteRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        let all: [(Council, String, String, String, String, String, String, String)] = [
            (france, "dissent", "fr", "Faire place aux opinions divergentes : déclarations des groupes et positions minoritaires",
             "Chaque groupe peut joindre à l’avis une déclaration, et une minorité peut exprimer une position divergente rattachée au point qu’elle conteste.",
             "Après le vote en séance plénière, chaque groupe dispose d’un délai pour déposer une déclaration d’une page. Une position divergente est rattachée au paragraphe ou à la préconisation qu’elle conteste et publiée avec l’avis. Le rapporteur n’y répond pas : le lecteur juge sur pièces. Cette pratique apaise les débats en commission, car chacun sait que son désaccord sera lu.",
             "established", "public"),
            (france, "preparation", "fr", "Préparer un avis en commission : auditions, calendrier et rapporteurs",
             "Un calendrier fixé dès la saisine, des auditions ouvertes aux partenaires et deux rapporteurs issus de groupes différents.",
             "Dès la saisine, le bureau fixe la date du vote en plénière et la commission en déduit son calendrier : auditions pendant six semaines, projet des rapporteurs, amendements pendant deux semaines. Les rapporteurs viennent de deux groupes différents. Les conseils partenaires peuvent contribuer avant la date fixée par la commission.",
             "tested", "partners"),
            (morocco, "annual_report", "ar", "إعداد التقرير السنوي: من جمع المعطيات إلى المصادقة في الجلسة العامة",
             "يُعد التقرير السنوي على مدى ستة أشهر، بمشاركة كل اللجان، ويُصادق عليه في الجلسة العامة قبل رفعه.",
             "تبدأ الكتابة العامة في جمع المعطيات الاقتصادية والاجتماعية والبيئية منذ شهر يناير. تقترح كل لجنة محورا للتقرير، ويصوغ فريق التحرير مسودة تُعرض على المكتب ثم على الجلسة العامة. يتضمن التقرير حصيلة أنشطة المجلس وتوصياته الرئيسية، ويُنشر باللغتين العربية والفرنسية.",
             "established", "public"),
            (morocco, "participation", "ar", "منصة المشاركة المواطنة: إشراك المواطنين في أشغال المجلس",
             "يطرح المجلس أسئلة على المواطنين عبر منصة رقمية قبل إعداد آرائه، ويعرض نتائج المشاركة في الرأي.",
             "لكل موضوع إحالة ذاتية، يفتح المجلس استشارة على المنصة لمدة شهر. تُحلَّل الإجابات وتُعرض خلاصتها على اللجنة المكلفة، ويتضمن الرأي فقرة عن نتائج المشاركة. ساعدت هذه الممارسة على إشراك الشباب والنساء في المناطق القروية.",
             "tested", "network"),
            (france, "plenary", "en", "Running a plenary sitting with an electronic vote by group",
             "Each vote is recorded by name and shown by group at once, so that declarations can follow the result.",
             "Members vote from their seats; the result is shown by group on the screen and published with the text. Group declarations follow the vote. Amendments are voted on in the order of the text, those that fall with an adopted one being announced before each vote.",
             "tested", "public"),
            (morocco, "human_resources", "en", "Hosting staff from partner councils",
             "Two-week exchanges of secretariat staff between partner councils, prepared by both human resources departments.",
             "The host council names a tutor for each visitor, shares the calendar of its commissions and gives access to the internal documents the agreement covers. Each visit ends with a short note on what the visitor will try at home.",
             "emerging", "council"),
        ]
        var created: [String: Int64] = [:]
        for (council, theme, language, title, summary, body, maturity, audience) in all {
            created[theme] = try await notes.create(councilID: council.id, PracticeNoteFields(
                themeID: themes[theme], language: language, title: title, summary: summary, body: body, maturity: maturity, audience: audience,
                networkID: audience == "network" ? ucesif : nil), at: now)
        }
        // The French council asks its partner how it writes its annual report; the Moroccan council answers with its note.
        let requests = PracticeRequestRepository(database: site.database)
        let asked = try await requests.ask(
            councilID: france.id, themeID: themes["annual_report"], question: "Comment préparez-vous votre rapport annuel ?",
            details: "Nous cherchons à associer davantage les commissions à la rédaction, et à tenir un calendrier de six mois.", at: now)
        if let report = created["annual_report"] {
            try await requests.answer(requestID: asked, noteID: report, answeringCouncilID: morocco.id, at: now)
        }
    }
}
