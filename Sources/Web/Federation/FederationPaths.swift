/// Federation between instances: the inbox partners deliver to (no session, no form token: the signature is the
/// credential), the instance's links (administrators), and a council's exchanges with councils on partner instances.
enum FederationPaths {
    static let inbox = SitePath("/federation/inbox")
    static let links = SitePath("/admin/federation")
    static let revoke = Path1("/admin/federation/peers/{peer}/revoke")
    static let council = Path1("/{council}/cooperation/instances")
    static let received = Path2("/{council}/cooperation/instances/received/{id}")

    static let all: [any DeclaredPath] = [inbox, links, revoke, council, received]
}
