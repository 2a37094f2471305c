import Foundation
import HemicycleDomain
import ServiceLifecycle
import Storage

/// Two real councils with public facts (groups, commissions) and fictional people in every role.
///
/// Every demo account signs in with `DemoData.password`; the README lists them.
public struct DemoData: Sendable {
    public static let password = "hemicycle-demo"
    let site: Site

    public init(site: Site) { self.site = site }

    struct Body {
        let fr: String
        let ar: String
        let en: String
        var acronym: String? = nil
        var text: LocalizedText { LocalizedText(fr: fr, ar: ar, en: en) }
    }

    struct Person {
        let email: String
        let name: String
        let role: Role
        /// Index in the council's group list, for sitting roles.
        var group: Int? = nil
        /// Indexes in the council's commission list.
        var commissions: [Int] = []
        var language: Language = .fr
        var instanceAdmin = false
        /// A staff seat's duties: the communication staff, the finance staff.
        var duties: Set<Duty> = []
    }

    static let frenchGroups = [
        Body(fr: "Groupe Agriculture", ar: "مجموعة الفلاحة", en: "Agriculture Group"),
        Body(fr: "Groupe Alternatives sociales et écologiques", ar: "مجموعة البدائل الاجتماعية والبيئية",
             en: "Social and Ecological Alternatives Group"),
        Body(fr: "Groupe Associations", ar: "مجموعة الجمعيات", en: "Associations Group"),
        Body(fr: "Groupe CFDT", ar: "مجموعة الكونفدرالية الفرنسية الديمقراطية للشغل", en: "CFDT Group", acronym: "CFDT"),
        Body(fr: "Groupe CGT", ar: "مجموعة الكونفدرالية العامة للشغل", en: "CGT Group", acronym: "CGT"),
        Body(fr: "Groupe Entreprises", ar: "مجموعة المقاولات", en: "Business Group"),
        Body(fr: "Groupe Environnement et nature", ar: "مجموعة البيئة والطبيعة", en: "Environment and Nature Group"),
        Body(fr: "Groupe Familles", ar: "مجموعة الأسر", en: "Families Group"),
        Body(fr: "Groupe Santé et citoyenneté", ar: "مجموعة الصحة والمواطنة", en: "Health and Citizenship Group"),
        Body(fr: "Groupe UNSA", ar: "مجموعة الاتحاد الوطني للنقابات المستقلة", en: "UNSA Group", acronym: "UNSA"),
    ]

    static let frenchCommissions = [
        Body(fr: "Commission Activités économiques", ar: "لجنة الأنشطة الاقتصادية", en: "Economic Activities Commission"),
        Body(fr: "Commission Affaires européennes et internationales", ar: "لجنة الشؤون الأوروبية والدولية",
             en: "European and International Affairs Commission"),
        Body(fr: "Commission Affaires sociales et santé", ar: "لجنة الشؤون الاجتماعية والصحة", en: "Social Affairs and Health Commission"),
        Body(fr: "Commission Économie et finances", ar: "لجنة الاقتصاد والمالية", en: "Economy and Finance Commission"),
        Body(fr: "Commission Éducation, culture et communication", ar: "لجنة التربية والثقافة والتواصل",
             en: "Education, Culture and Communication Commission"),
        Body(fr: "Commission Environnement", ar: "لجنة البيئة", en: "Environment Commission"),
        Body(fr: "Commission Territoires, agriculture et alimentation", ar: "لجنة المجالات الترابية والفلاحة والتغذية",
             en: "Territories, Agriculture and Food Commission"),
        Body(fr: "Commission Travail et emploi", ar: "لجنة العمل والتشغيل", en: "Labour and Employment Commission"),
    ]

    static let moroccanGroups = [
        Body(fr: "Catégorie des experts", ar: "فئة الخبراء", en: "Experts"),
        Body(fr: "Catégorie des syndicats", ar: "فئة النقابات", en: "Trade unions"),
        Body(fr: "Catégorie des organisations et associations professionnelles", ar: "فئة الهيئات والجمعيات المهنية",
             en: "Professional organisations and associations"),
        Body(fr: "Catégorie des organisations et associations de l'économie sociale et de l'activité associative",
             ar: "فئة الهيئات والجمعيات النشيطة في مجالات الاقتصاد الاجتماعي والعمل الجمعوي",
             en: "Social economy and associations"),
        Body(fr: "Catégorie des membres de droit", ar: "فئة الأعضاء بحكم القانون", en: "Ex officio members"),
    ]

    static let moroccanCommissions = [
        Body(fr: "Commission des affaires économiques et des projets stratégiques",
             ar: "لجنة الشؤون الاقتصادية والمشاريع الاستراتيجية", en: "Economic Affairs and Strategic Projects Commission"),
        Body(fr: "Commission de l'emploi et des relations professionnelles", ar: "لجنة التشغيل والعلاقات المهنية",
             en: "Employment and Industrial Relations Commission"),
        Body(fr: "Commission des affaires sociales et de la solidarité", ar: "لجنة القضايا الاجتماعية والتضامن",
             en: "Social Affairs and Solidarity Commission"),
        Body(fr: "Commission de l'environnement et du développement durable", ar: "لجنة البيئة والتنمية المستدامة",
             en: "Environment and Sustainable Development Commission"),
        Body(fr: "Commission de la société de la connaissance et de l'information", ar: "لجنة مجتمع المعرفة والإعلام",
             en: "Knowledge and Information Society Commission"),
        Body(fr: "Commission de l'analyse de la conjoncture économique, sociale et environnementale",
             ar: "لجنة تحليل الظرفية الاقتصادية والاجتماعية والبيئية", en: "Economic, Social and Environmental Outlook Commission"),
        Body(fr: "Commission de la régionalisation avancée et du développement rural et territorial",
             ar: "لجنة الجهوية المتقدمة والتنمية القروية والترابية", en: "Advanced Regionalisation and Rural Development Commission"),
    ]

    static let frenchPeople = [
        Person(email: "admin@hemicycle.example", name: "Camille Administratrice", role: .administrator, instanceAdmin: true),
        Person(email: "secretariat@cese-fr.example", name: "Julien Secrétariat", role: .staff, duties: [.newsWriter, .budgetOfficer]),
        Person(email: "presidence@cese-fr.example", name: "Hélène Présidente", role: .president, group: 2, commissions: []),
        Person(email: "bureau@cese-fr.example", name: "Marc Questeur", role: .bureau, group: 5, commissions: [3]),
        Person(email: "membre@cese-fr.example", name: "Nadia Rapporteure", role: .member, group: 9, commissions: [1]),
        Person(email: "membre2@cese-fr.example", name: "Paul Conseiller", role: .member, group: 5, commissions: [1, 3]),
        Person(email: "membre3@cese-fr.example", name: "Sophie Conseillère", role: .member, group: 6, commissions: [5]),
        Person(email: "membre4@cese-fr.example", name: "Karim Conseiller", role: .member, group: 3, commissions: [7]),
        Person(email: "membre5@cese-fr.example", name: "Léa Conseillère", role: .member, group: 0, commissions: [6]),
        Person(email: "membre6@cese-fr.example", name: "Thomas Conseiller", role: .member, group: 4, commissions: [7, 2]),
        Person(email: "citoyen@hemicycle.example", name: "Alex Citoyen", role: .citizen),
    ]

    /// The rest of the French plenary (fictional), so that votes by group mean something: 36 more members across
    /// the ten groups, twelve of them in the European and International Affairs commission.
    static let frenchPlenary: [Person] = {
        let first = ["Agnès", "Bruno", "Claire", "Damien", "Élise", "Farid", "Gaëlle", "Hugo", "Inès", "Jérôme", "Katia", "Louis",
                     "Maëlle", "Nicolas", "Océane", "Pierre", "Rania", "Simon", "Tiphaine", "Ulysse", "Valérie", "William",
                     "Yasmina", "Zoé", "Antoine", "Bérénice", "Cyril", "Delphine", "Étienne", "Fanny", "Grégoire", "Hafsa",
                     "Igor", "Juliette", "Kevin", "Laure"]
        let last = ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David",
                    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
                    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier",
                    "François", "Legrand", "Gauthier", "Garcia", "Perrin"]
        return (0..<36).map { index in
            Person(email: String(format: "plenier%02d@cese-fr.example", index + 1), name: "\(first[index]) \(last[index])",
                   role: .member, group: index % 10, commissions: index < 12 ? [1] : [])
        }
    }()

    static let moroccanPeople = [
        Person(email: "admin@hemicycle.example", name: "", role: .administrator),
        Person(email: "secretariat@cese-ma.example", name: "Youssef Secrétariat", role: .staff, language: .ar, duties: [.newsWriter, .newsEditor]),
        Person(email: "presidence@cese-ma.example", name: "Amina Présidente", role: .president, group: 0, language: .ar),
        Person(email: "bureau@cese-ma.example", name: "Omar Bureau", role: .bureau, group: 1, commissions: [1], language: .ar),
        Person(email: "membre@cese-ma.example", name: "Salma Experte", role: .member, group: 0, commissions: [0, 5], language: .ar),
        Person(email: "membre2@cese-ma.example", name: "Hicham Syndicaliste", role: .member, group: 1, commissions: [1], language: .ar),
        Person(email: "membre3@cese-ma.example", name: "Rachid Entrepreneur", role: .member, group: 2, commissions: [0]),
        Person(email: "membre4@cese-ma.example", name: "Fatima Associative", role: .member, group: 3, commissions: [2, 3], language: .ar),
        Person(email: "citoyenne@cese-ma.example", name: "Zineb Citoyenne", role: .citizen, language: .ar),
    ]

    /// Loads everything in one transaction, so a failure leaves the database as it was.
    public func load() async throws {
        // Raised when the server is asked to stop or the task is cancelled; read between the steps, inside the
        // transaction (which may run on another task, without this one's graceful shutdown or cancellation).
        let stopping = ReadySignal()
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await load(stopping: stopping)
            } onGracefulShutdown: {
                stopping.open()
            }
        } onCancel: {
            stopping.open()
        }
    }

    func load(stopping: ReadySignal) async throws {
        func stopIfAsked() throws {
            if stopping.isOpen { throw Interrupted() }
        }
        try stopIfAsked()
        let hash = try await Passwords(cost: site.configuration.bcryptCost).hash(Self.password)
        let now = site.clock.now()
        try await site.database.transaction { sql in
            try stopIfAsked()
            let france = try await site.councils.create(NewCouncil(
                slug: "cese-fr",
                name: LocalizedText(fr: "Conseil économique, social et environnemental",
                                    ar: "المجلس الاقتصادي والاجتماعي والبيئي الفرنسي",
                                    en: "Economic, Social and Environmental Council of France"),
                description: LocalizedText(
                    fr: "Troisième assemblée constitutionnelle de la République, le CESE conseille le Gouvernement et le Parlement. Depuis 2021, il compte 175 membres issus des organisations syndicales, patronales, associatives et environnementales, et associe des citoyens tirés au sort à ses travaux.",
                    ar: nil,
                    en: "The third constitutional assembly of the French Republic advises the Government and Parliament. Since 2021 it has 175 members from unions, employers, associations and environmental organisations, and involves citizens drawn by lot in its work."),
                country: "FR", defaultLanguage: .fr, languages: [.fr, .en], networks: ["UCESIF", "AICESIS"],
                website: "https://www.lecese.fr", timeZone: "Europe/Paris",
                // Illustrative terms of office, not the councils' real ones.
                term: try CouncilTerm.read(first: "2026-06-01", last: "2031-05-31").get()), at: now, on: sql)
            let morocco = try await site.councils.create(NewCouncil(
                slug: "cese-ma",
                name: LocalizedText(fr: "Conseil Économique, Social et Environnemental du Maroc",
                                    ar: "المجلس الاقتصادي والاجتماعي والبيئي",
                                    en: "Economic, Social and Environmental Council of Morocco"),
                description: LocalizedText(
                    fr: "Institution constitutionnelle consultative indépendante, le CESE du Maroc rend des avis au Gouvernement et aux deux Chambres du Parlement. Ses membres siègent en cinq catégories ; sa plateforme Ouchariko ouvre ses travaux aux citoyens.",
                    ar: "مؤسسة دستورية استشارية مستقلة، يبدي المجلس الاقتصادي والاجتماعي والبيئي آراءه للحكومة ولمجلسي البرلمان. يتوزع أعضاؤه على خمس فئات، وتفتح منصته «أشارك» أشغاله أمام المواطنات والمواطنين.",
                    en: nil),
                country: "MA", defaultLanguage: .ar, languages: [.ar, .fr], networks: ["UCESIF", "AICESIS"],
                website: "https://www.cese.ma", timeZone: "Africa/Casablanca",
                term: try CouncilTerm.read(first: "2023-09-01", last: "2028-08-31").get()), at: now, on: sql)

            var accounts: [String: Int64] = [:]
            for (councilID, groups, commissions, people) in [
                (france, Self.frenchGroups, Self.frenchCommissions, Self.frenchPeople + Self.frenchPlenary),
                (morocco, Self.moroccanGroups, Self.moroccanCommissions, Self.moroccanPeople),
            ] {
                try stopIfAsked()
                var groupIDs: [Int64] = []
                for group in groups {
                    groupIDs.append(try await site.groups.create(councilID: councilID, name: group.text, acronym: group.acronym,
                                                                 description: LocalizedText(), at: now, on: sql))
                }
                var commissionIDs: [Int64] = []
                for commission in commissions {
                    commissionIDs.append(try await site.commissions.create(councilID: councilID, name: commission.text,
                                                                           description: LocalizedText(), at: now, on: sql))
                }
                for person in people {
                    let accountID: Int64
                    if let existing = accounts[person.email] {
                        accountID = existing
                    } else {
                        accountID = try await site.accounts.create(
                            email: person.email, passwordHash: hash, displayName: person.name, language: person.language,
                            verified: true, instanceAdmin: person.instanceAdmin, now: now, on: sql)
                        accounts[person.email] = accountID
                    }
                    let membershipID = try await site.memberships.add(
                        councilID: councilID, accountID: accountID, role: person.role,
                        groupID: person.group.map { groupIDs[$0] }, duties: person.duties, now: now, on: sql)
                    try await site.commissions.setSeats(membershipID: membershipID,
                                                        commissionIDs: person.commissions.map { commissionIDs[$0] },
                                                        councilID: councilID, at: now.timeIntervalSince1970, on: sql)
                }
            }
            // The council work joins the same transaction through a scoped site.
            let scoped = Site(configuration: site.configuration, database: TransactionScope(kind: site.database.kind, sql: sql),
                              views: site.views, localizer: site.localizer, clock: site.clock)
            let steps: [@Sendable (Site) async throws -> Void] = [
                { try await DemoWorks(site: $0).load() },
                { try await DemoConventions(site: $0).load() },
                { try await DemoDrawnConvention.load(site: $0) },
                { try await DemoConsultations(site: $0).load() },
                { try await DemoAgreements(site: $0).load() },
                // After the agreement, which the mission served.
                { try await DemoMissions(site: $0).load() },
                { try await DemoNetworks(site: $0).load() },
                { try await DemoPractices(site: $0).load() },
                { try await DemoNews(site: $0).load() },
                // After the council work, whose ballots the plenary sitting held.
                { try await DemoSittings(site: $0).load() },
                // After the missions and conventions its lines and commitments serve.
                { try await DemoBudget(site: $0).load() },
                { try await DemoSecretariat(site: $0).load() },
                { try await DemoIndicators(site: $0).load() },
                // Last: its figures count the rest.
                { try await DemoReports(site: $0).load() },
            ]
            for step in steps {
                try stopIfAsked()
                try await step(scoped)
            }
        }
        // Found by the search from the first page.
        try await SiteSearchIndexer(site: site).refreshAll()
    }

    /// Thrown between two steps of the loading when the server is asked to stop (SIGTERM while it starts) or the
    /// task is cancelled: the transaction rolls back, so the next start loads the demo whole.
    public struct Interrupted: Error {}
}
