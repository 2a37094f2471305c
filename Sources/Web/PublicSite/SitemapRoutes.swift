import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// `/sitemap.xml`: every public page of every council hosted here, for search engines (sitemaps.org 0.9). A page
/// read in each language at `?lang=` lists those addresses as alternates; a news post lists its translations.
struct SitemapRoutes {
    let site: Site
    let news: NewsRepository

    init(site: Site) {
        self.site = site
        news = NewsRepository(database: site.database)
    }

    static let path = SitePath("/sitemap.xml")

    func register(on routes: PathRegistrar) {
        routes.get(Self.path, use: sitemap)
    }

    struct Entry {
        let path: String
        /// Language → path of the same page in it; empty for a page read in every language at `?lang=`.
        let alternates: [(String, String)]
        let modified: Double?
    }

    @Sendable func sitemap(_ request: Request, context: AppContext) async throws -> Response {
        let now = site.clock.now().timeIntervalSince1970
        var entries = [Entry(path: HomePaths.home.url, alternates: [], modified: nil)]
        for council in try await site.councils.all() {
            let slug = council.slug
            for path in [CouncilPaths.home.url(slug), CouncilPaths.members.url(slug), CouncilPaths.commissions.url(slug), NewsPaths.list.url(slug),
                         WorkPaths.list.url(slug), ConsultationPaths.list.url(slug), PetitionPaths.list.url(slug), ConventionPaths.list.url(slug),
                         AgreementPaths.home.url(slug), PartnerPaths.list.url(slug), MissionPaths.list.url(slug), PracticePaths.list.url(slug)] {
                entries.append(Entry(path: path, alternates: [], modified: nil))
            }
            for seat in try await site.memberships.all(councilID: council.id) where seat.roleValue.sitsInAssembly {
                entries.append(Entry(path: CouncilPaths.member.url(slug, seat.id), alternates: [], modified: nil))
            }
            for group in try await site.groups.all(councilID: council.id) {
                entries.append(Entry(path: CouncilPaths.group.url(slug, group.id), alternates: [], modified: nil))
            }
            for commission in try await site.commissions.all(councilID: council.id) {
                entries.append(Entry(path: CouncilPaths.commission.url(slug, commission.id), alternates: [], modified: nil))
            }
            // Every work's progress is public; a published work's page says all of it.
            for work in try await site.works.all(councilID: council.id) {
                entries.append(Entry(path: WorkPaths.item.url(slug, work.id), alternates: [], modified: nil))
            }
            // Signed agreements, under each party's address; the council's missions.
            for agreement in try await AgreementRepository(database: site.database).all(councilID: council.id)
            where agreement.status(at: site.clock.now(), in: council).isPublic {
                entries.append(Entry(path: AgreementPaths.item.url(slug, agreement.id), alternates: [], modified: agreement.updatedAt))
            }
            for mission in try await MissionRepository(database: site.database).all(councilID: council.id) {
                entries.append(Entry(path: MissionPaths.item.url(slug, mission.id), alternates: [], modified: mission.updatedAt))
            }
            // The practice notes open to everyone.
            for note in try await PracticeNoteRepository(database: site.database).all(councilID: council.id) where note.audience == PracticeAudience.public.rawValue {
                entries.append(Entry(path: PracticePaths.item.url(slug, note.id), alternates: [], modified: note.updatedAt))
            }
            let posts = try await news.published(councilID: council.id, category: nil, now: now, limit: 50_000)
            let groups = Dictionary(grouping: posts, by: \.group)
            for post in posts {
                let versions = (groups[post.group] ?? [post]).map { ($0.language, NewsPaths.item.url(slug, NewsSlug.make(id: $0.id, title: $0.title))) }
                entries.append(Entry(path: NewsPaths.item.url(slug, NewsSlug.make(id: post.id, title: post.title)), alternates: versions,
                                     modified: post.updatedAt))
            }
        }
        entries.append(Entry(path: NetworkPaths.list.url, alternates: [], modified: nil))
        entries.append(Entry(path: PracticePaths.library.url, alternates: [], modified: nil))
        for network in try await NetworkRepository(database: site.database).all() {
            entries.append(Entry(path: NetworkPaths.item.url(network.slug), alternates: [], modified: nil))
        }
        let base = site.configuration.baseURL
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        for entry in entries {
            xml += "<url><loc>\(NewsFeeds.escape(base + entry.path))</loc>"
            if let modified = entry.modified { xml += "<lastmod>\(NewsFeeds.rfc3339(modified))</lastmod>" }
            let alternates = entry.alternates.isEmpty
                ? Language.allCases.map { ($0.rawValue, entry.path + "?lang=\($0.rawValue)") } + [("x-default", entry.path)]
                : entry.alternates
            for (language, path) in alternates {
                xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(NewsFeeds.escape(base + path))\"/>"
            }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
