/// The site's own paths: the home page, the health check, the language switch and static files.
enum HomePaths {
    static let home = SitePath("/")
    static let health = SitePath("/healthz")
    static let language = Path1("/lang/{code}")
    static let asset = Path1("/static/{file}")

    static let all: [any DeclaredPath] = [home, health, language, asset]
}
