import Storage

/// What the instance's own pages need: the councils it hosts, the database's health, a signed-in person's language.
struct HomeServices: Sendable {
    let database: any Database
    let councils: CouncilRepository
    let accounts: AccountRepository
    let secureCookies: Bool

    init(site: Site) {
        database = site.database
        councils = site.councils
        accounts = site.accounts
        secureCookies = site.configuration.secureCookies
    }
}
