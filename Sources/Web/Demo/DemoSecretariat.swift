import Foundation
import HemicycleDomain
import Organisation
import Storage

/// The demo's small secretariats: for each council, a legislative direction with its commissions' service and its
/// sitting's service, an administration direction with its finance service; a few posts, the council's member of staff
/// holding one and assigned to a commission and to a work in preparation, the other posts vacant.
struct DemoSecretariat {
    let site: Site

    func load() async throws {
        let repository = SecretariatRepository(database: site.database)
        let now = site.clock.now().timeIntervalSince1970
        let accept: @Sendable (String?) -> String? = { _ in nil }
        for (slug, staffEmail, commissionWord) in [("cese-fr", "secretariat@cese-fr.example", "internationales"),
                                                   ("cese-ma", "secretariat@cese-ma.example", "")] {
            guard let council = try await site.councils.find(slug: slug) else { continue }
            func unit(_ parent: Int64?, _ kind: SecretariatUnitKind, _ name: LocalizedText) async throws -> Int64 {
                try await repository.addUnit(councilID: council.id, parentID: parent, kind: kind.rawValue, name: name, at: now, check: accept)
            }
            let legislative = try await unit(nil, .direction, LocalizedText(fr: "Direction des travaux de l’assemblée", ar: "مديرية أشغال الجمعية",
                                                                             en: "Directorate of the assembly’s work"))
            let commissionsService = try await unit(legislative, .service, LocalizedText(fr: "Service des commissions", ar: "مصلحة اللجان",
                                                                                        en: "Commissions service"))
            let sittingService = try await unit(legislative, .service, LocalizedText(fr: "Service de la séance", ar: "مصلحة الجلسات",
                                                                                    en: "Sittings service"))
            let administration = try await unit(nil, .direction, LocalizedText(fr: "Direction de l’administration", ar: "مديرية الشؤون الإدارية",
                                                                                en: "Directorate of administration"))
            let finance = try await unit(administration, .service, LocalizedText(fr: "Service financier", ar: "المصلحة المالية", en: "Finance service"))
            let administrator = try await repository.addPost(
                councilID: council.id, unitID: commissionsService,
                title: LocalizedText(fr: "Administrateur de commission", ar: "متصرف لجنة", en: "Commission administrator"), grade: "Administrateur", at: now)
            _ = try await repository.addPost(councilID: council.id, unitID: commissionsService,
                                             title: LocalizedText(fr: "Assistant de commission", ar: "مساعد لجنة", en: "Commission assistant"),
                                             grade: "Secrétaire administratif", at: now)
            _ = try await repository.addPost(councilID: council.id, unitID: sittingService,
                                             title: LocalizedText(fr: "Chef du service de la séance", ar: "رئيس مصلحة الجلسات", en: "Head of the sittings service"),
                                             grade: "Administrateur principal", at: now)
            _ = try await repository.addPost(councilID: council.id, unitID: finance,
                                             title: LocalizedText(fr: "Gestionnaire budgétaire", ar: "مسير الميزانية", en: "Budget officer"),
                                             grade: "Attaché", at: now)
            guard let staff = try await site.memberships.all(councilID: council.id).first(where: { $0.email == staffEmail }) else { continue }
            try await repository.setHolder(postID: administrator, councilID: council.id, holderID: staff.id, at: now) { _, _ in nil }
            let commissions = try await site.commissions.all(councilID: council.id)
            if let commission = commissions.first(where: { commissionWord.isEmpty || ($0.nameFr ?? "").contains(commissionWord) }) {
                _ = try await repository.assign(councilID: council.id, seatID: staff.id, commissionID: commission.id, workID: nil, at: now) { _, _ in nil }
            }
            if let work = try await site.works.all(councilID: council.id).first(where: { SecretariatRoutes.inPreparation($0.status) }) {
                _ = try await repository.assign(councilID: council.id, seatID: staff.id, commissionID: nil, workID: work.id, at: now) { _, _ in nil }
            }
        }
    }
}
