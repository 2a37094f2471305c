import Foundation
import HemicycleDomain
import Storage

/// The demo's mission: two members of the French council's European and International Affairs Commission in Rabat on
/// 31 January and 1 February 2024, to finalise the framework agreement with Morocco's council, to which it is linked
/// (people fictional).
struct DemoMissions {
    let site: Site

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let seats = try await site.memberships.all(councilID: france.id)
        let travelled = seats.filter { ["membre@cese-fr.example", "membre2@cese-fr.example"].contains($0.email) }.map(\.id)
        guard travelled.count == 2 else { return }
        let paris = TimeZone(identifier: france.timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        let first = calendar.date(from: DateComponents(year: 2024, month: 1, day: 31))!.timeIntervalSince1970
        let last = calendar.date(from: DateComponents(year: 2024, month: 2, day: 1))!.timeIntervalSince1970
        // The framework agreement between the two councils, the one the mission went to finalise.
        let parties = try await AgreementRepository(database: site.database).parties(councilID: france.id)
        let framework = parties.filter { Set($0.value) == [france.id, morocco.id] }.keys.min()
        _ = try await MissionRepository(database: site.database).create(councilID: france.id, MissionFields(
            title: LocalizedText(fr: "Mission à Rabat auprès du Conseil du Maroc", ar: "بعثة إلى الرباط لدى المجلس المغربي",
                                 en: "Mission to Rabat, to Morocco's Council"),
            destination: "Rabat, Maroc", partnerCouncilID: morocco.id, startsAt: first, endsAt: last,
            met: "Le président du Conseil économique, social et environnemental du Maroc, les membres de son bureau et la commission chargée des affaires internationales.",
            purpose: "Finaliser le projet d’accord-cadre de coopération entre les deux conseils, membres de l’UCESIF, et préparer la contribution du Conseil du Maroc au projet d’avis sur la Francophonie contemporaine.",
            outcomes: "Le texte de l’accord-cadre est arrêté : échanges de bonnes pratiques sur la préparation des travaux, le traitement des opinions divergentes et la rédaction des rapports annuels, sur la participation citoyenne et sur l’organisation des deux institutions. Le Conseil du Maroc adressera sa contribution avant la date fixée par la commission.",
            members: travelled, agreementID: framework), at: site.clock.now().timeIntervalSince1970)
    }
}
