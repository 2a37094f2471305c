/// The read-only OParl 1.1 endpoint of the instance: the system, its bodies (the councils hosted here), and each
/// body's lists (`organizations`, `persons`, `memberships`, `meetings`, `agendaItems`, `papers`, `files`,
/// `legislativeTerms`) and their objects.
enum OParlPaths {
    static let system = SitePath("/oparl/v1/system")
    static let bodies = SitePath("/oparl/v1/bodies")
    static let body = Path1("/oparl/v1/bodies/{body}")
    static let list = Path2("/oparl/v1/bodies/{body}/{kind}")
    static let object = Path3("/oparl/v1/bodies/{body}/{kind}/{key}")

    static let all: [any DeclaredPath] = [system, bodies, body, list, object]
}
