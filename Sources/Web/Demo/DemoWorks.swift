import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// Demo council work: a published avis on contemporary Francophonie with its whole history (hearings, a partner
/// council's contribution, amendments — one of them fallen —, votes in commission and in plenary with results by
/// group, declarations, a recorded dissent), an avis in preparation whose amendment deadline is open, and a
/// referral just received by the Moroccan council. The texts are fictional.
struct DemoWorks {
    let site: Site

    static let francophonieDraft = """
        # Constat : une langue partagée sur tous les continents
        La langue française est parlée par 321 millions de personnes sur les cinq continents, dont plus de la moitié en Afrique.
        La Francophonie institutionnelle réunit 88 États et gouvernements autour de valeurs communes : démocratie, diversité culturelle et solidarité.
        Pourtant, la place du français recule dans les organisations internationales et dans la publication scientifique.
        # Préconisations
        ## Éducation et mobilité
        > Renforcer l'enseignement du français et en français dans les pays partenaires, en doublant les moyens consacrés à la formation des enseignants.
        > Faciliter la mobilité des étudiants, des chercheurs et des artistes francophones par un visa de circulation simplifié.
        ## Économie et numérique
        > Soutenir la création de contenus numériques francophones et leur visibilité sur les grandes plateformes.
        Ces préconisations supposent une coopération étroite avec les conseils économiques et sociaux francophones, notamment au sein de l'UCESIF.
        """

    static let youthDraft = """
        # Constat
        Dans les territoires ruraux, un jeune actif sur cinq doit parcourir plus de trente kilomètres pour rejoindre son emploi.
        L'offre de formation professionnelle y reste concentrée dans les villes moyennes.
        # Préconisations
        > Créer dans chaque bassin de vie un guichet unique pour l'emploi, la formation et la mobilité des jeunes.
        > Financer le permis de conduire des jeunes en formation en alternance.
        """

    func day(_ text: String) -> Double {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text + "T09:30:00Z")!.timeIntervalSince1970
    }

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let people = try await site.memberships.all(councilID: france.id)
        let groups = try await site.groups.all(councilID: france.id)
        let commissions = try await site.commissions.all(councilID: france.id)
        func member(_ email: String) -> Membership { people.first { $0.email == email }! }
        func group(_ acronymOrName: String) -> Int64 {
            groups.first { $0.acronym == acronymOrName || $0.name[.fr] == acronymOrName }!.id
        }
        let international = commissions.first { $0.name[.fr] == "Commission Affaires européennes et internationales" }!
        let labour = commissions.first { $0.name[.fr] == "Commission Travail et emploi" }!
        let staff = member("secretariat@cese-fr.example").accountId
        let bureau = member("bureau@cese-fr.example").accountId
        let groupIndex = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.id, $0) })
        let sitting = people.filter { $0.roleValue.sitsInAssembly }.sorted { $0.id < $1.id }
        let seats = try await site.commissions.seats(councilID: france.id)

        // 1. The published avis.
        let avis = try await site.works.create(councilID: france.id, NewWork(
            kind: "avis",
            title: LocalizedText(fr: "La Francophonie contemporaine : un atout pour la France et ses partenaires",
                                 ar: "الفرنكوفونية المعاصرة: رصيد لفرنسا وشركائها",
                                 en: "Contemporary Francophonie: an asset for France and its partners"),
            summary: LocalizedText(fr: "Saisi par le Premier ministre, le CESE propose de faire de la langue partagée un levier d'éducation, de mobilité et de création numérique.",
                                   ar: nil, en: "Referred by the Prime Minister, the council proposes to make the shared language a lever for education, mobility and digital creation."),
            referralSource: "government", referralReference: "Lettre du Premier ministre du 24 février 2026", procedure: "ordinary"),
            accountID: staff, at: day("2026-03-02"))
        try await site.works.move(id: avis, councilID: france.id, to: "assigned", note: nil, accountID: bureau,
                                  commissionID: international.id, deadline: day("2026-09-30"), at: day("2026-03-11"))
        try await site.works.addRapporteur(workID: avis, membershipID: member("membre@cese-fr.example").id)
        try await site.works.addRapporteur(workID: avis, membershipID: member("membre2@cese-fr.example").id)
        try await site.works.move(id: avis, councilID: france.id, to: "in_preparation", note: nil, accountID: staff, at: day("2026-03-20"))
        try await site.works.addHearing(workID: avis, person: "Claire Fictive", capacity: "déléguée générale à la langue française (personnage fictif)",
                                        heldAt: day("2026-04-08"), notes: "Place du français dans les organisations internationales.")
        try await site.works.addHearing(workID: avis, person: "Moussa Imaginaire", capacity: "président d'une université francophone (personnage fictif)",
                                        heldAt: day("2026-04-22"), notes: "Mobilité des étudiants et des chercheurs.")
        // The Moroccan council's contribution comes through the agreement (`DemoAgreements`).
        let first = BlockAlignment.align(previous: nil, parsed: DraftMarkup.parse(Self.francophonieDraft), newIdentifier: site.ids.next)
        let version1 = try await site.drafts.addVersion(workID: avis, body: WorkActionRoutes.json(first), note: "Projet des rapporteurs", at: day("2026-05-12"))
        try await site.works.setAmendmentDeadline(id: avis, councilID: france.id, deadline: day("2026-06-20"))
        let recommendations = first.blocks.filter { $0.kind == .recommendation }
        let facts = first.blocks.first { $0.text.hasPrefix("La langue française") }!
        let decline = first.blocks.first { $0.text.hasPrefix("Pourtant") }!
        func span(_ passage: String, _ block: Block) -> (start: Int, end: Int) {
            let found = try! Amendment.locate(passage, in: block.text)
            return (found.start, found.end)
        }
        let a1 = try await site.drafts.table(workID: avis, NewAmendment(
            versionID: version1, operation: "insert", anchor: recommendations[2].id, span: nil,
            newText: "Créer un fonds francophone pour la traduction et le doublage des œuvres numériques.", insertedKind: "recommendation",
            justification: "La visibilité des contenus suppose qu'ils existent dans toutes les langues de leurs publics.",
            authorMembershipID: member("membre3@cese-fr.example").id, groupID: nil,
            cosignatories: [member("membre5@cese-fr.example").id]), at: day("2026-06-02"))
        try await site.drafts.acceptCosignature(workID: avis, amendmentID: a1.id, membershipID: member("membre5@cese-fr.example").id,
                                                at: day("2026-06-02") + 3600)
        let a2 = try await site.drafts.table(workID: avis, NewAmendment(
            versionID: version1, operation: "replace", anchor: facts.id, span: span("321 millions de personnes sur les cinq continents", facts),
            newText: "plus de 320 millions de personnes sur tous les continents", insertedKind: "paragraph",
            justification: "Les estimations varient selon les sources ; un ordre de grandeur suffit.",
            authorMembershipID: member("membre6@cese-fr.example").id, groupID: group("CGT")), at: day("2026-06-03"))
        let a3 = try await site.drafts.table(workID: avis, NewAmendment(
            versionID: version1, operation: "replace", anchor: facts.id, span: span("cinq continents", facts),
            newText: "tous les continents", insertedKind: "paragraph", justification: "Formulation plus juste.",
            authorMembershipID: member("membre4@cese-fr.example").id, groupID: nil), at: day("2026-06-04"))
        let a4 = try await site.drafts.table(workID: avis, NewAmendment(
            versionID: version1, operation: "replace", anchor: recommendations[0].id, span: span("en doublant les moyens", recommendations[0]),
            newText: "en augmentant les moyens", insertedKind: "paragraph",
            justification: "Un doublement n'est pas finançable dans la trajectoire actuelle des finances publiques.",
            authorMembershipID: member("membre2@cese-fr.example").id, groupID: group("Groupe Entreprises")), at: day("2026-06-05"))
        let a5 = try await site.drafts.table(workID: avis, NewAmendment(
            versionID: version1, operation: "delete", anchor: decline.id, span: nil, newText: "", insertedKind: "paragraph",
            justification: "Le constat figure déjà dans l'étude annexée.", authorMembershipID: member("membre3@cese-fr.example").id, groupID: nil),
            at: day("2026-06-06"))
        try await site.drafts.setStatuses(workID: avis, [a5.id: "withdrawn"])
        for (amendment, opinion) in [(a1.id, "favourable"), (a2.id, "wisdom"), (a3.id, "favourable"), (a4.id, "unfavourable")] {
            try await site.drafts.setOpinion(workID: avis, amendmentID: amendment, opinion: opinion)
        }

        /// Opens a ballot, casts every vote from `choose(member index, group index)`, closes it with its tally.
        func ballot(amendment: Int64?, body: String, at: Double, choose: (Int, Int) -> VoteChoice?) async throws -> Bool {
            let voters = body == "commission"
                ? sitting.filter { member in seats.contains { $0.commissionID == international.id && $0.membershipID == member.id } }
                : sitting
            let id = try await site.ballots.open(workID: avis, amendmentID: amendment, body: body, majority: AdoptionRule.frenchCESE.majority.rawValue,
                                                 quorum: nil, voters: voters.map { ($0.id, $0.groupId) }, at: at)
            var votes: [String: VoteChoice] = [:]
            for (index, voter) in voters.enumerated() {
                guard let choice = choose(index, voter.groupId.flatMap { groupIndex[$0] } ?? 0) else { continue }
                try await site.ballots.vote(ballotID: id, membershipID: voter.id, choice: choice.rawValue, at: at + 60)
                votes["\(voter.id)"] = choice
            }
            let result = Tally.count(eligible: voters.map { ("\($0.id)", $0.groupId.map { "\($0)" }) }, votes: votes, rule: .frenchCESE)
            try await site.ballots.close(ballotID: id, adopted: result.adopted, at: at + 600)
            return result.adopted
        }
        // Group indexes: 0 Agriculture, 1 Alternatives, 2 Associations, 3 CFDT, 4 CGT, 5 Entreprises, 6 Environnement,
        // 7 Familles, 8 Santé et citoyenneté, 9 UNSA.
        _ = try await ballot(amendment: nil, body: "commission", at: day("2026-06-10")) { index, _ in index % 7 == 3 ? .abstention : .pour }
        try await site.works.move(id: avis, councilID: france.id, to: "adopted_in_commission", note: nil, accountID: staff, at: day("2026-06-10") + 900)
        try await site.works.move(id: avis, councilID: france.id, to: "on_plenary_agenda", note: "Séance plénière du 24 juin 2026", accountID: bureau, at: day("2026-06-17"))
        let sitting24 = day("2026-06-24")
        let a2Adopted = try await ballot(amendment: a2.id, body: "plenary", at: sitting24) { index, group in
            index % 9 == 4 ? nil : (group == 5 ? .abstention : .pour)
        }
        try await site.drafts.setStatuses(workID: avis, a2Adopted ? [a2.id: "adopted", a3.id: "fallen"] : [a2.id: "rejected"])
        let a4Adopted = try await ballot(amendment: a4.id, body: "plenary", at: sitting24 + 1200) { index, group in
            index % 9 == 4 ? nil : ([0, 5].contains(group) ? .pour : (group == 7 ? .abstention : .contre))
        }
        try await site.drafts.setStatuses(workID: avis, [a4.id: a4Adopted ? "adopted" : "rejected"])
        let a1Adopted = try await ballot(amendment: a1.id, body: "plenary", at: sitting24 + 2400) { index, group in
            index % 9 == 4 ? nil : (group == 5 ? .abstention : .pour)
        }
        try await site.drafts.setStatuses(workID: avis, [a1.id: a1Adopted ? "adopted" : "rejected"])
        var adopted: [Amendment] = []
        for record in try await site.drafts.amendments(workID: avis) where record.status == "adopted" { adopted.append(WorkDossier.amendment(record)) }
        let consolidated = try Consolidation.apply(adopted, to: first, newIdentifier: site.ids.next)
        _ = try await site.drafts.addVersion(workID: avis, body: WorkActionRoutes.json(consolidated),
                                             note: "Texte consolidé après l'adoption des amendements \(adopted.map(\.number).sorted().map(String.init).joined(separator: ", "))",
                                             at: sitting24 + 3000)
        _ = try await ballot(amendment: nil, body: "plenary", at: sitting24 + 3600) { index, group in
            if index % 11 == 5 { return nil }
            switch group {
            case 4: return index % 2 == 0 ? .abstention : .contre
            case 1: return index % 3 == 0 ? .contre : .pour
            default: return .pour
            }
        }
        try await site.works.move(id: avis, councilID: france.id, to: "adopted", note: nil, accountID: staff, at: sitting24 + 4200)
        try await site.works.declare(workID: avis, groupID: group("UNSA"),
                                     body: "Le groupe UNSA a voté l'avis. La Francophonie est aussi un espace de droits sociaux : la mobilité des travailleurs doit s'y accompagner de garanties.",
                                     at: sitting24 + 4300)
        try await site.works.declare(workID: avis, groupID: group("Groupe Entreprises"),
                                     body: "Le groupe des entreprises a voté l'avis, tout en regrettant le rejet de l'amendement sur la trajectoire des moyens de formation.",
                                     at: sitting24 + 4400)
        try await site.works.addDissent(workID: avis, blockID: recommendations[1].id, holder: "Groupe Alternatives sociales et écologiques",
                                        groupID: group("Groupe Alternatives sociales et écologiques"),
                                        body: "Le groupe vote l'avis mais considère qu'un visa de circulation doit être ouvert à toutes et tous, et pas seulement aux étudiants, chercheurs et artistes.",
                                        at: sitting24 + 4500)
        try await site.works.move(id: avis, councilID: france.id, to: "published", note: "Journal officiel, avis et rapports du CESE", accountID: staff, at: day("2026-07-01"))

        // 2. An avis in preparation, open to amendments.
        let now = site.clock.now().timeIntervalSince1970
        let youth = try await site.works.create(councilID: france.id, NewWork(
            kind: "avis", title: LocalizedText(fr: "Jeunes et emploi dans les territoires ruraux", ar: "الشباب والتشغيل في المجالات القروية",
                                               en: "Young people and jobs in rural areas"),
            summary: LocalizedText(fr: "Autosaisine décidée par le bureau.", ar: nil, en: "Self-referral decided by the bureau."),
            referralSource: "self_referral", referralReference: "Décision du bureau", procedure: "simplified"), accountID: bureau, at: now - 40 * 86_400)
        try await site.works.move(id: youth, councilID: france.id, to: "assigned", note: nil, accountID: bureau, commissionID: labour.id,
                                  deadline: now + 90 * 86_400, at: now - 35 * 86_400)
        try await site.works.addRapporteur(workID: youth, membershipID: member("membre6@cese-fr.example").id)
        try await site.works.move(id: youth, councilID: france.id, to: "in_preparation", note: nil, accountID: staff, at: now - 30 * 86_400)
        let youthText = BlockAlignment.align(previous: nil, parsed: DraftMarkup.parse(Self.youthDraft), newIdentifier: site.ids.next)
        let youthVersion = try await site.drafts.addVersion(workID: youth, body: WorkActionRoutes.json(youthText), note: "Projet du rapporteur", at: now - 7 * 86_400)
        try await site.works.setAmendmentDeadline(id: youth, councilID: france.id, deadline: now + 14 * 86_400)
        let permit = youthText.blocks.first { $0.text.hasPrefix("Financer le permis") }!
        _ = try await site.drafts.table(workID: youth, NewAmendment(
            versionID: youthVersion, operation: "replace", anchor: permit.id, span: span("des jeunes en formation en alternance", permit),
            newText: "de tous les jeunes de moins de vingt-cinq ans en recherche d'emploi", insertedKind: "paragraph",
            justification: "L'alternance ne concerne qu'une partie des jeunes ruraux.", authorMembershipID: member("membre5@cese-fr.example").id,
            groupID: nil), at: now - 2 * 86_400)

        // 3. A referral just received by the Moroccan council.
        let moroccanStaff = try await site.memberships.all(councilID: morocco.id).first { $0.email == "secretariat@cese-ma.example" }?.accountId
        _ = try await site.works.create(councilID: morocco.id, NewWork(
            kind: "avis", title: LocalizedText(fr: "L'économie sociale et solidaire, levier de l'emploi des jeunes",
                                               ar: "الاقتصاد الاجتماعي والتضامني رافعة لتشغيل الشباب", en: "The social and solidarity economy as a lever for youth employment"),
            summary: LocalizedText(), referralSource: "national_assembly", referralReference: "إحالة من مجلس النواب", procedure: "ordinary"),
            accountID: moroccanStaff, at: now - 3 * 86_400)
    }
}
