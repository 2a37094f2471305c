import Consultations
import Foundation
import HemicycleDomain
import OpinionMap
import Storage

/// Demo consultations: the Moroccan council's, in Arabic and French, made by importing a real Polis conversation
/// (on freshwater quality, CC BY 4.0, attributed on its pages) so that its map, groups and consensus are real at first
/// start; and the French council's, about the avis on contemporary Francophonie, with the council's seed statements,
/// open to anyone, waiting for its first participants.
struct DemoConsultations {
    let site: Site

    struct MissingExport: Error, CustomStringConvertible {
        let description: String
    }

    static let attribution = "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 "
        + "with Attribution to The Computational Democracy Project. https://compdemocracy.org/case-studies/2017-scoop-hivemind-freshwater"

    static let francophonieQuestions: [(String, String, [String])] = [
        ("single", "À quelle fréquence lisez-vous, écoutez-vous ou regardez-vous des médias francophones d’un autre pays que le vôtre ?",
         ["Chaque jour", "Chaque semaine", "Plus rarement", "Jamais"]),
        ("multiple", "Quels domaines la coopération francophone devrait-elle privilégier ?",
         ["L’éducation et la formation", "La mobilité des jeunes", "La culture et les médias", "Le numérique", "Le climat"]),
        ("text", "Une action concrète que le Conseil devrait recommander ?", []),
    ]

    static let francophonieStatements = [
        "L’enseignement du français dans les pays partenaires doit être une priorité de l’aide au développement.",
        "Un visa de circulation simplifié pour les étudiants et les artistes francophones serait utile.",
        "Les contenus numériques en français sont trop peu visibles sur les grandes plateformes.",
        "La Francophonie doit défendre aussi les langues nationales des pays qui la composent.",
        "Les entreprises francophones devraient davantage commercer entre elles.",
        "La Francophonie est surtout une affaire d’institutions, loin des citoyens.",
    ]

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let repository = ConsultationRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        let works = try await site.works.all(councilID: france.id, statuses: ["published"], kind: nil)
        let avis = works.first { ($0.title[.fr] ?? "").contains("Francophonie") }
        let francophonie = try await repository.create(
            councilID: france.id,
            ConsultationDefinition(
                title: LocalizedText(fr: "La Francophonie et vous", ar: "الفرنكوفونية وأنتم", en: "Francophonie and you"),
                description: LocalizedText(
                    fr: "Le Conseil suit la mise en œuvre de son avis sur la Francophonie contemporaine. Dites-nous ce que vous pensez de ces affirmations, et ajoutez les vôtres.",
                    ar: "يتابع المجلس تنفيذ رأيه حول الفرنكوفونية المعاصرة. أخبرونا برأيكم في هذه العبارات، وأضيفوا عباراتكم.",
                    en: "The Council follows up its avis on contemporary Francophonie. Tell us what you think of these statements, and add your own."),
                workID: avis?.id, languages: ["fr"], modules: 7, participation: "anyone", moderation: "before",
                opensAt: now - 86_400, closesAt: now + 45 * 86_400),
            at: now)
        let statementRepository = ConsultationStatementRepository(database: site.database)
        for text in Self.francophonieStatements {
            _ = try await statementRepository.add(consultationID: francophonie, councilID: france.id, text: text, participantID: nil, at: now)
        }
        // The questions are written while it is a draft: they do not change once it is open.
        let questionnaires = ConsultationQuestionnaireRepository(database: site.database)
        for (kind, prompt, options) in Self.francophonieQuestions {
            _ = try await questionnaires.add(consultationID: francophonie, councilID: france.id, kind: kind, prompt: prompt, options: options,
                                             limit: QuestionDefinition.mostQuestions, at: now)
        }
        try await repository.publish(id: francophonie, councilID: france.id)
        try await proposals(consultationID: francophonie, councilID: france.id, now: now)
        try await petitions(france: france.id, morocco: morocco.id, now: now)

        guard let folder = Bundle.module.url(forResource: "README", withExtension: "md", subdirectory: "Resources/demo/polis-freshwater")?
            .deletingLastPathComponent() else { throw MissingExport(description: "Resources/demo/polis-freshwater is missing") }
        let conversation = try PolisConversation.read(folder: folder)
        let (statements, votes) = ImportRoutes.records(conversation, now: now)
        let water = try await repository.createImported(
            councilID: morocco.id,
            ConsultationDefinition(
                title: LocalizedText(fr: "La qualité de l’eau douce : ce que pensent les citoyens", ar: "جودة المياه العذبة: ما يراه المواطنون",
                                     en: "Freshwater quality: what citizens think"),
                description: LocalizedText(
                    fr: "Pour préparer son avis sur la préservation des ressources en eau, le Conseil ouvre une consultation. Elle reprend, pour la démonstration, une conversation publique réelle tenue sur Polis en 2017 (en anglais).",
                    ar: "تحضيرًا لرأيه حول الحفاظ على الموارد المائية، يفتح المجلس استشارة. وهي تستعيد، لأغراض العرض، محادثة عمومية حقيقية جرت على Polis سنة 2017 (باللغة الإنجليزية).",
                    en: "To prepare its opinion on preserving water resources, the Council opens a consultation. For the demonstration it takes up a real public conversation held on Polis in 2017 (in English)."),
                workID: nil, languages: ["ar", "fr"], modules: 1, participation: "anyone", moderation: "before",
                opensAt: now - 7 * 86_400, closesAt: now + 60 * 86_400),
            source: "Imported from the Polis conversation “\(conversation.topic ?? "HiveMind - Freshwater Quality in NZ")”. " + Self.attribution,
            statements: statements, votes: votes, at: now)
        try await repository.publish(id: water, councilID: morocco.id)
    }

    /// Three citizens' proposals, supported and discussed, one answered by the secretariat.
    func proposals(consultationID: Int64, councilID: Int64, now: Double) async throws {
        let participants = ConsultationStatementRepository(database: site.database)
        var people: [Int64] = []
        for index in 0..<12 {
            people.append(try await participants.participant(consultationID: consultationID, cookieDigest: "demo-participant-\(index)", accountID: nil,
                                                             at: now - 80_000 + Double(index) * 600))
        }
        let repository = ConsultationProposalRepository(database: site.database)
        let texts = [
            ("Un Erasmus francophone pour les apprentis",
             "Les échanges d’étudiants existent ; ceux des apprentis et des jeunes en formation professionnelle presque pas. Un programme de mobilité francophone ouvert aux apprentis, avec un tuteur dans l’entreprise d’accueil, ferait de la langue un atout concret pour l’emploi."),
            ("Des sous-titres en français sur les plateformes de vidéo",
             "Imposer aux grandes plateformes de proposer des sous-titres en français pour les contenus qu’elles diffusent dans l’espace francophone."),
            ("Une journée de la Francophonie dans chaque lycée",
             "Le 20 mars, inviter dans chaque lycée un auteur, une artiste ou un entrepreneur d’un autre pays francophone."),
        ]
        var ids: [Int64] = []
        for (index, text) in texts.enumerated() {
            ids.append(try await repository.add(consultationID: consultationID, participantID: people[index], title: text.0, body: text.1, pending: false,
                                                at: now - 70_000 + Double(index) * 3_600))
        }
        for (index, person) in people.enumerated() {
            try await repository.support(proposalID: ids[0], consultationID: consultationID, participantID: person, at: now - 60_000 + Double(index) * 60)
            if index % 2 == 0 {
                try await repository.support(proposalID: ids[1], consultationID: consultationID, participantID: person, at: now - 50_000 + Double(index) * 60)
            }
        }
        let first = try await repository.comment(proposalID: ids[0], consultationID: consultationID, parentID: nil, participantID: people[4],
                                                 body: "Et pour les jeunes en service civique ?", pending: false, at: now - 40_000)
        _ = try await repository.comment(proposalID: ids[0], consultationID: consultationID, parentID: first, participantID: people[0],
                                         body: "Oui, ils pourraient en faire partie dès la première année.", pending: false, at: now - 39_000)
        guard let staff = try await site.memberships.all(councilID: councilID).first(where: { $0.email == "secretariat@cese-fr.example" })?.accountId
        else { return }
        try await repository.answer(proposalID: ids[0], consultationID: consultationID, councilID: councilID, answer: "taken",
                                    text: "La préconisation sur la mobilité des jeunes francophones reprend cette proposition et l’étend aux apprentis.",
                                    by: staff, at: now - 30_000)
    }

    /// A petition to the French council signed by the demo's people, far from the 150,000 signatures it needs; the
    /// Moroccan council's threshold set to 4,000 (its rule is its own).
    func petitions(france: Int64, morocco: Int64, now: Double) async throws {
        let petitions = PetitionRepository(database: site.database)
        try await petitions.setRule(councilID: morocco, threshold: 4_000, days: 365)
        let people = try await site.memberships.all(councilID: france)
        guard let author = try await site.accounts.find(email: "citoyen@hemicycle.example") else { return }
        let id = try await petitions.create(
            councilID: france, accountID: author.id, title: "Pour un plan national contre l’illectronisme",
            body: "Un adulte sur six ne sait pas se servir d’internet pour ses démarches. Nous demandons au Conseil de se saisir de la question et de proposer un plan national : lieux d’accompagnement dans chaque commune, formation des agents d’accueil, maintien d’un accueil humain dans les services publics.",
            at: now - 20 * 86_400)
        // The author, then the council's first members (each account once).
        let signers = [(author.id, author.email)] + people.filter { $0.accountId != author.id }.prefix(4).map { ($0.accountId, $0.email) }
        for (index, signer) in signers.enumerated() {
            _ = try await petitions.sign(petitionID: id, councilID: france, accountID: signer.0, emailDigest: Tokens.digest(signer.1.lowercased()),
                                         at: now - 19 * 86_400 + Double(index) * 3_600) { _ in
                NewWork(kind: "avis", title: LocalizedText(fr: "", ar: nil, en: nil), summary: LocalizedText(fr: nil, ar: nil, en: nil),
                        referralSource: "petition", procedure: "ordinary")
            }
        }
    }
}
