import Conventions
import Foundation
import HemicycleDomain
import Sortition
import Storage

extension DemoDrawnConvention {
    /// A fixed moment in Paris time, so the demo's history reads the same on every machine.
    static func paris(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? Date(timeIntervalSince1970: 0)
        return date.timeIntervalSince1970
    }

    /// Stores the convention, its pool and its published draw, then its first session's votes. The whole history goes
    /// through the repositories the routes use (request, claim, commit, pick, sessions, ballots), so the demo holds
    /// nothing a real convention could not.
    static func load(site: Site) async throws {
        guard let france = try await site.councils.find(slug: "cese-fr") else { return }
        let conventions = ConventionRepository(database: site.database)
        let draws = ConventionDrawRepository(database: site.database)
        let id = try await conventions.create(councilID: france.id, ConventionDefinition(
            title: LocalizedText(fr: "Convention citoyenne pour le climat", ar: "الاتفاقية المواطنة من أجل المناخ",
                                 en: "Citizens' convention for the climate"),
            mandate: LocalizedText(
                fr: "Comment réduire d'au moins 40 % les émissions de gaz à effet de serre d'ici 2030, par rapport à 1990, dans un esprit de justice sociale ?",
                ar: "كيف يمكن خفض انبعاثات الغازات الدفيئة بنسبة 40 في المائة على الأقل بحلول سنة 2030 مقارنة بسنة 1990، بروح من العدالة الاجتماعية؟",
                en: "How can greenhouse gas emissions be cut by at least 40% by 2030, compared with 1990, in a spirit of social justice?"),
            workID: nil, panelSize: panelSize, tolerance: 0, onePerHousehold: false), at: paris(2026, 6, 1, 10))
        try await DemoConventions.storeCriteria(conventions, conventionID: id, councilID: france.id, panelSize: panelSize)
        let stored = try await conventions.criteria(conventionID: id)
        let volunteers = pool().enumerated().map { index, values in
            NewVolunteer(reference: reference(index), valueIDs: zip(stored, values).map { $0.values[$1].id }, name: nil, email: nil,
                         phone: nil, birthDate: nil, address: nil, postcode: nil)
        }
        try await conventions.addVolunteers(conventionID: id, councilID: france.id, volunteers, source: "demo", at: paris(2026, 6, 15, 9),
                                            whileIn: ["preparing"])
        try await conventions.move(id: id, councilID: france.id, from: "preparing", to: "registration")

        // The draw: announced, its lottery committed (the one kept with the demo), then picked with the public seed.
        let requested = paris(2026, 9, 20, 10)
        let drawID = try await draws.request(conventionID: id, councilID: france.id,
                                             seed: SeedAnnouncement(source: seedSource, notBefore: seedNotBefore.timeIntervalSince1970),
                                             at: requested)
        guard let claimed = try await draws.claimNext(at: requested, staleBefore: requested - 60), claimed.id == drawID else {
            throw MissingLottery(description: "The demo's draw was not the one waiting for a worker.")
        }
        let kept = try keptLottery()
        let committed = CommittedDraw.restore(try instance(), lottery: kept.lottery, manifest: kept.manifest)
        let result: DrawResult
        do {
            result = try CommittedDraw.pick(committed, seed: publicSeed)
        } catch {
            throw MissingLottery(description: "Resources/demo/\(lotteryFile) no longer matches the demo's pool and quotas (\(error)): "
                                 + "run hemicycle draw demo-lottery --out Sources/Web/Resources/demo")
        }
        guard try await draws.commit(drawID: drawID, startedAt: requested, pool: committed.pool, quotas: committed.quotas,
                                     lottery: committed.lottery, manifest: committed.manifest.json(),
                                     commitment: committed.manifest.commitment, at: paris(2026, 9, 20, 10, 40)) else {
            throw MissingLottery(description: "The demo's lottery could not be committed.")
        }
        try await draws.pick(drawID: drawID, conventionID: id, councilID: france.id, seed: publicSeed,
                             manifest: result.files[ProofFiles.manifest] ?? "", panel: result.files[ProofFiles.panel] ?? "",
                             probabilities: result.files[ProofFiles.probabilities] ?? "", references: result.panelIDs,
                             at: paris(2026, 10, 3, 21, 30))
        try await sit(site: site, conventionID: id, councilID: france.id)
    }

    /// A proposal of the demo's first session, with how its members voted: shares of each choice (yes, no, abstain) or
    /// grade (excellent … reject).
    struct DemoProposal {
        let title: String
        let body: String
        let draftedBy: String
        let method: ProposalMethod
        let shares: [Double]
        var minority: (heldBy: String, position: String)? = nil
    }

    static let proposals = [
        DemoProposal(
            title: "Rendre obligatoire la rénovation énergétique globale des logements d'ici 2040",
            body: """
                Les propriétaires occupants et bailleurs sont tenus de réaliser une rénovation énergétique globale de leur logement d'ici 2040, \
                en commençant par les logements les plus consommateurs (étiquettes F et G) dès 2028.

                L'État finance les travaux des ménages modestes jusqu'à 100 % du coût, par des aides versées avant les travaux, et met en place \
                un guichet unique dans chaque intercommunalité pour accompagner les ménages de la conception à la réception des travaux.
                """,
            draftedBy: "Groupe de travail « Se loger »", method: .majorityJudgment(adoptionGrade: 2),
            shares: [0.26, 0.31, 0.19, 0.11, 0.08, 0.05]),
        DemoProposal(
            title: "Abaisser la vitesse maximale sur autoroute à 110 km/h",
            body: """
                La vitesse maximale autorisée sur les autoroutes est abaissée de 130 à 110 km/h, afin de réduire les émissions de gaz à effet \
                de serre et la consommation de carburant.

                La mesure s'accompagne d'une information du public sur ses effets et d'une évaluation publiée deux ans après son entrée en vigueur.
                """,
            draftedBy: "Groupe de travail « Se déplacer »",
            method: .yesNo(ThresholdVote.Rule(numerator: 1, denominator: 2, strictlyMore: true, abstentionsInBase: true)),
            shares: [0.60, 0.36, 0.04],
            minority: ("Membres ayant voté contre",
                       """
                       Dans les territoires ruraux, l'autoroute est souvent le seul trajet rapide vers le travail, les soins et les services : \
                       la mesure allonge ces trajets sans offrir d'alternative. Nous demandons que les transports collectifs de ces territoires \
                       soient développés d'abord.
                       """)),
        DemoProposal(
            title: "Réduire le temps de travail hebdomadaire à 28 heures",
            body: """
                La durée légale du travail est progressivement réduite de 35 à 28 heures par semaine sans perte de salaire, afin de réduire \
                la consommation et les déplacements liés au travail.
                """,
            draftedBy: "Groupe de travail « Produire et travailler »", method: .majorityJudgment(adoptionGrade: 3),
            shares: [0.06, 0.07, 0.09, 0.12, 0.24, 0.42]),
    ]

    /// The five working groups, as the climate convention of 2019 formed them; the proposals name them.
    static let workingGroups: [(name: String, remit: String)] = [
        ("Groupe de travail « Se loger »", "Le logement, sa rénovation et l'aménagement du territoire."),
        ("Groupe de travail « Se déplacer »", "Les transports des personnes et des marchandises."),
        ("Groupe de travail « Se nourrir »", "L'alimentation, l'agriculture et la pêche."),
        ("Groupe de travail « Consommer »", "La consommation, la publicité et les déchets."),
        ("Groupe de travail « Produire et travailler »", "L'industrie, l'énergie et l'emploi."),
    ]

    /// Who the first session heard (fictional people, as everywhere in the demo).
    static let hearings: [(person: String, capacity: String, topic: String)] = [
        ("Claire Morvan", "climatologue, membre du groupe d'experts du climat", "Le changement climatique et ses causes"),
        ("Karim Bensaïd", "économiste de l'énergie", "Les émissions de la France, secteur par secteur"),
    ]

    /// The first session: its three proposals voted by the members seated (94 in 100 of them voted), closed with
    /// their results, and a minority position beside the second.
    static func sit(site: Site, conventionID: Int64, councilID: Int64) async throws {
        let sittings = ConventionSittingRepository(database: site.database)
        let draws = ConventionDrawRepository(database: site.database)
        let sessionID = try await sittings.createSession(conventionID: conventionID, councilID: councilID, SessionDraft(
            title: "Première session : comprendre le changement climatique",
            startsAt: paris(2026, 10, 17, 9, 30), endsAt: paris(2026, 10, 18, 17),
            place: "Palais d'Iéna, 9 place d'Iéna, 75016 Paris",
            programme: """
                Samedi : accueil des membres, présentation du mandat par le Premier ministre, exposés sur le climat et les émissions de la France, \
                constitution des cinq groupes de travail (se loger, se déplacer, se nourrir, consommer, produire et travailler).

                Dimanche : premières propositions des groupes de travail, débat et votes en séance plénière.
                """), at: paris(2026, 10, 10, 12))
        let groups = ConventionGroupRepository(database: site.database)
        for (index, group) in workingGroups.enumerated() {
            _ = try await groups.createGroup(conventionID: conventionID, councilID: councilID, name: group.name, remit: group.remit,
                                             at: paris(2026, 10, 17, 16, index))
        }
        for hearing in hearings {
            _ = try await groups.addHearing(conventionID: conventionID, councilID: councilID, sessionID: sessionID, person: hearing.person,
                                            capacity: hearing.capacity, topic: hearing.topic, at: paris(2026, 10, 17, 12))
        }
        let seats = try await draws.panel(conventionID: conventionID).filter { $0.refusedAt == nil }.map(\.id)
        var random = DemoRandom(seed: 1990)
        for (index, proposal) in proposals.enumerated() {
            let opened = paris(2026, 10, 18, 14 + index)
            let proposalID = try await sittings.createProposal(
                conventionID: conventionID, councilID: councilID, sessionID: sessionID,
                ProposalDraft(title: proposal.title, body: proposal.body, draftedBy: proposal.draftedBy, method: SittingInput.stored(proposal.method)),
                at: paris(2026, 10, 18, 10))
            try await sittings.openVote(id: proposalID, conventionID: conventionID, councilID: councilID, at: opened)
            var ballots: [(panelID: Int64, ballot: StoredBallot)] = []
            for seat in seats where random.nextUnit() < 0.94 {
                var target = random.nextUnit() * proposal.shares.reduce(0, +)
                var pick = proposal.shares.count - 1
                for (option, share) in proposal.shares.enumerated() {
                    if target < share { pick = option; break }
                    target -= share
                }
                let ballot: ProposalBallot = switch proposal.method {
                case .yesNo: .choice(ThresholdVote.Choice.allCases[pick])
                case .majorityJudgment: .grade(pick)
                }
                ballots.append((seat, SittingInput.stored(ballot)))
            }
            try await sittings.cast(proposalID: proposalID, conventionID: conventionID, councilID: councilID, ballots: ballots, at: opened + 600)
            let method = proposal.method
            try await sittings.closeVote(id: proposalID, conventionID: conventionID, councilID: councilID, at: opened + 1_800) { ballots, members in
                SittingInput.outcome(ballots, members: members, method: method).adopted
            }
            if let minority = proposal.minority {
                try await sittings.recordMinority(id: proposalID, conventionID: conventionID, councilID: councilID, heldBy: minority.heldBy,
                                                  position: minority.position)
            }
        }
        try await discuss(site: site, conventionID: conventionID, councilID: councilID, seats: seats)
    }

    /// Statements put by the secretariat, with how likely each of two leanings among the members is to agree.
    static let statements: [(text: String, agree: (Double, Double))] = [
        ("La rénovation énergétique des logements doit être obligatoire, avec des aides pour les ménages modestes.", (0.9, 0.75)),
        ("Il faut abaisser la vitesse maximale sur autoroute à 110 km/h.", (0.85, 0.2)),
        ("Les vols intérieurs doivent être supprimés quand le train fait le trajet en moins de quatre heures.", (0.85, 0.35)),
        ("Dans les territoires ruraux, la voiture reste indispensable.", (0.35, 0.95)),
        ("Les grandes entreprises doivent faire les premiers efforts.", (0.85, 0.7)),
        ("La restauration collective doit proposer chaque jour un menu végétarien.", (0.8, 0.3)),
        ("La croissance économique peut aller avec la baisse des émissions.", (0.3, 0.75)),
        ("Les publicités pour les produits les plus émetteurs doivent être interdites.", (0.8, 0.3)),
        ("Les mesures de la convention doivent être soumises à référendum.", (0.45, 0.6)),
        ("Les recettes de la fiscalité écologique doivent revenir aux ménages modestes.", (0.9, 0.85)),
    ]

    /// The members' votes on the statements: two leanings (the one closer to ecology first, the other to the
    /// territories' constraints), 85 in 100 members voting on each statement, one in ten passing.
    static func discuss(site: Site, conventionID: Int64, councilID: Int64, seats: [Int64]) async throws {
        let repository = ConventionStatementRepository(database: site.database)
        var random = DemoRandom(seed: 2019)
        var ids: [Int64] = []
        for (index, statement) in statements.enumerated() {
            ids.append(try await repository.add(conventionID: conventionID, councilID: councilID, text: statement.text, panelID: nil,
                                                at: paris(2026, 10, 17, 18, index)))
        }
        let leanings = seats.map { _ in random.nextUnit() < 0.55 }
        var votes = [[(panelID: Int64, vote: Int)]](repeating: [], count: ids.count)
        for (seat, leansEcology) in zip(seats, leanings) {
            for (index, statement) in statements.enumerated() where random.nextUnit() < 0.85 {
                let draw = random.nextUnit()
                let agree = leansEcology ? statement.agree.0 : statement.agree.1
                votes[index].append((seat, draw < 0.1 ? 0 : (random.nextUnit() < agree ? 1 : -1)))
            }
        }
        for (index, id) in ids.enumerated() {
            try await repository.vote(statementID: id, conventionID: conventionID, councilID: councilID, votes: votes[index],
                                      at: paris(2026, 10, 17, 20, index))
        }
    }
}
