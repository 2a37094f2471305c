import Foundation
import HemicycleDomain
import Storage

/// The demo's networks: the francophone network of economic and social councils (UCESIF, founded in 2004) and the
/// worldwide association (AICESIS, founded in 1999), with the two councils hosted here and some of their other members
/// (institutions only, no people).
struct DemoNetworks {
    let site: Site

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let networks = NetworkRepository(database: site.database)
        let ucesif = try await networks.create(NetworkFields(
            slug: "ucesif",
            name: LocalizedText(fr: "Union des conseils économiques et sociaux et institutions similaires de la Francophonie (UCESIF)",
                                ar: "اتحاد المجالس الاقتصادية والاجتماعية والمؤسسات المماثلة في الفرنكوفونية",
                                en: "Union of Economic and Social Councils and Similar Institutions of the Francophonie (UCESIF)"),
            description: LocalizedText(fr: "Le réseau des conseils économiques et sociaux des États et gouvernements membres de la Francophonie, fondé en 2004 par seize conseils.",
                                       ar: "شبكة المجالس الاقتصادية والاجتماعية للدول والحكومات الأعضاء في الفرنكوفونية، أسسها ستة عشر مجلسا سنة 2004.",
                                       en: "The network of the economic and social councils of the member states and governments of the Francophonie, founded in 2004 by sixteen councils."),
            website: nil, founded: 2004))
        let aicesis = try await networks.create(NetworkFields(
            slug: "aicesis",
            name: LocalizedText(fr: "Association internationale des conseils économiques et sociaux et institutions similaires (AICESIS)",
                                ar: "الجمعية الدولية للمجالس الاقتصادية والاجتماعية والمؤسسات المماثلة",
                                en: "International Association of Economic and Social Councils and Similar Institutions (AICESIS)"),
            description: LocalizedText(fr: "L’association mondiale des conseils économiques et sociaux, fondée en 1999.", ar: "الجمعية العالمية للمجالس الاقتصادية والاجتماعية، تأسست سنة 1999.",
                                       en: "The worldwide association of economic and social councils, founded in 1999."),
            website: nil, founded: 1999))
        for network in [ucesif, aicesis] {
            for council in [france, morocco] {
                _ = try await networks.addMember(networkID: network, NetworkMemberFields(councilID: council.id, name: "", country: "", languages: [],
                                                                                          website: nil, hemicycleURL: nil))
            }
        }
        let others: [(Int64, String, String, [String])] = [
            (ucesif, "Conseil économique, social et environnemental du Sénégal", "SN", ["fr"]),
            (ucesif, "Conseil économique, social, environnemental et culturel de Côte d’Ivoire", "CI", ["fr"]),
            (ucesif, "Conseil économique et social du Burkina Faso", "BF", ["fr"]),
            (ucesif, "Conseil économique et social du Liban", "LB", ["ar", "fr"]),
            (aicesis, "Sociaal-Economische Raad", "NL", ["nl"]),
            (aicesis, "Consejo Económico y Social de España", "ES", ["es"]),
            (aicesis, "Conseil économique et social du Liban", "LB", ["ar", "fr"]),
        ]
        for (network, name, country, languages) in others {
            _ = try await networks.addMember(networkID: network, NetworkMemberFields(councilID: nil, name: name, country: country, languages: languages,
                                                                                      website: nil, hemicycleURL: nil))
        }
    }
}
