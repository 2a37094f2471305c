import HemicycleDomain
import Storage

/// What the news routes need: the posts, the clock, and the site's address for feeds.
struct NewsServices: Sendable {
    let news: NewsRepository
    let clock: any WallClock
    /// The site's address: feeds and their entries link with absolute addresses.
    let baseURL: String

    init(site: Site) {
        news = NewsRepository(database: site.database)
        clock = site.clock
        baseURL = site.configuration.baseURL
    }
}
