import Cooperation
import Crypto
import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// Makes a council's search index from what it publishes: its public news (each language), its published works
/// (each language they are written in), its sitting members, its consultations once public, its missions, its practice notes
/// open to everyone. The index is made again
/// whole when any of that changes, which a fingerprint of the documents tells.
struct SiteSearchIndexer: Sendable {
    let search: SiteSearchRepository
    let news: NewsRepository
    let works: WorkRepository
    let consultations: ConsultationRepository
    let memberships: MembershipRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let councils: CouncilRepository
    let missions: MissionRepository
    let practices: PracticeNoteRepository
    let clock: any WallClock
    /// Kept search pages go when the index changes.
    let pageCache: PageCache

    init(site: Site) {
        search = SiteSearchRepository(database: site.database)
        news = NewsRepository(database: site.database)
        works = site.works
        consultations = ConsultationRepository(database: site.database)
        memberships = site.memberships
        groups = site.groups
        commissions = site.commissions
        missions = MissionRepository(database: site.database)
        practices = PracticeNoteRepository(database: site.database)
        councils = site.councils
        clock = site.clock
        pageCache = site.pageCache
    }

    func documents(_ council: Council, now: Double) async throws -> [SearchDocument] {
        let slug = council.slug
        var documents: [SearchDocument] = []
        // The bodies each thing belongs to, for the facet by body.
        let mentioned = try await news.bodiesMentioned(councilID: council.id)
        let commissionOf = Dictionary(try await works.all(councilID: council.id).compactMap { work in work.commissionId.map { (work.id, $0) } },
                                      uniquingKeysWith: { first, _ in first })
        let seats = Dictionary(grouping: try await commissions.seats(councilID: council.id), by: \.membershipID)
        for post in try await news.published(councilID: council.id, category: nil, now: now, limit: 100_000) {
            documents.append(SearchDocument(kind: "news", subjectID: post.id, language: post.language, title: post.title,
                                            body: post.summary + "\n" + BodySanitizer.plainText(post.body),
                                            url: NewsPaths.item.url(slug, NewsSlug.make(id: post.id, title: post.title)), publishedAt: post.publishAt,
                                            bodies: mentioned[post.id] ?? []))
        }
        for work in try await works.all(councilID: council.id, statuses: ["published"], kind: nil) {
            for language in Language.allCases {
                guard let title = work.title[language], !title.isEmpty else { continue }
                documents.append(SearchDocument(kind: "work", subjectID: work.id, language: language.rawValue, title: title,
                                                body: work.summary[language] ?? "", url: WorkPaths.item.url(slug, work.id), publishedAt: work.createdAt,
                                                bodies: work.commissionId.map { ["commission:\($0)"] } ?? []))
            }
        }
        for consultation in try await consultations.all(councilID: council.id, includeDrafts: false) {
            for language in Language.allCases {
                guard let title = consultation.title[language], !title.isEmpty else { continue }
                documents.append(SearchDocument(kind: "consultation", subjectID: consultation.id, language: language.rawValue, title: title,
                                                body: consultation.description[language] ?? "", url: ConsultationPaths.item.url(slug, consultation.id),
                                                publishedAt: consultation.opensAt,
                                                bodies: consultation.workId.flatMap { commissionOf[$0] }.map { ["commission:\($0)"] } ?? []))
            }
        }
        for mission in try await missions.all(councilID: council.id) {
            let travelled = try await missions.members(missionID: mission.id)
            let bodies = Set(seats.filter { travelled.contains($0.key) }.flatMap { $0.value.map { "commission:\($0.commissionID)" } })
            for language in Language.allCases {
                guard let title = mission.title[language], !title.isEmpty else { continue }
                documents.append(SearchDocument(kind: "mission", subjectID: mission.id, language: language.rawValue, title: title,
                                                body: [mission.destination, mission.purpose, mission.met, mission.outcomes].joined(separator: "\n"),
                                                url: MissionPaths.item.url(slug, mission.id), publishedAt: mission.startsAt, bodies: bodies.sorted()))
            }
        }
        // A note kept to the council, its partners or a network is found in its library by those who read it, never here.
        for note in try await practices.all(councilID: council.id) where note.audience == PracticeAudience.public.rawValue {
            documents.append(SearchDocument(kind: "practice", subjectID: note.id, language: note.language, title: note.title,
                                            body: note.summary + "\n" + note.body, url: PracticePaths.item.url(slug, note.id),
                                            publishedAt: note.createdAt, bodies: []))
        }
        let groupNames = Dictionary(try await groups.all(councilID: council.id).map { group in
            (group.id, Language.allCases.compactMap { group.name[$0] }.joined(separator: "\n"))
        }, uniquingKeysWith: { first, _ in first })
        for seat in try await memberships.all(councilID: council.id) where seat.roleValue.sitsInAssembly {
            documents.append(SearchDocument(kind: "member", subjectID: seat.id, language: "", title: seat.displayName,
                                            body: seat.groupId.flatMap { groupNames[$0] } ?? "", url: CouncilPaths.member.url(slug, seat.id),
                                            publishedAt: nil,
                                            bodies: (seat.groupId.map { ["group:\($0)"] } ?? []) + (seats[seat.id] ?? []).map { "commission:\($0.commissionID)" }))
        }
        return documents
    }

    static func fingerprint(_ documents: [SearchDocument]) -> String {
        var hasher = SHA256()
        // Words folded another way make another index.
        hasher.update(data: Data("words \(SearchWords.version)\u{2}".utf8))
        for document in documents {
            hasher.update(data: Data("\(document.kind)\u{1}\(document.subjectID)\u{1}\(document.language)\u{1}\(document.title)\u{1}\(document.body)\u{1}\(document.url)\u{1}\(document.publishedAt ?? -1)\u{1}\(document.bodies.joined(separator: ","))\u{2}".utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Makes the council's index again if what it publishes changed; whether it did.
    @discardableResult
    func refresh(_ council: Council) async throws -> Bool {
        let now = clock.now().timeIntervalSince1970
        let documents = try await documents(council, now: now)
        let fingerprint = Self.fingerprint(documents)
        guard try await search.fingerprint(councilID: council.id) != fingerprint else { return false }
        try await search.replace(councilID: council.id, documents: documents, fingerprint: fingerprint, at: now)
        pageCache.invalidate()
        return true
    }

    func refreshAll() async throws {
        for council in try await councils.all() { try await refresh(council) }
    }
}
