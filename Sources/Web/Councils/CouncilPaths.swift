import Storage

/// A council's public pages, under the `/{council}` group.
enum CouncilPaths {
    static let home = Path1("/{council}")
    static let members = Path1("/{council}/members")
    static let commissions = Path1("/{council}/commissions")
    static let commission = Path2("/{council}/commissions/{id}")
    /// A sitting member's public page (`{id}` is the seat's number).
    static let member = Path2("/{council}/members/{id}")
    static let group = Path2("/{council}/groups/{id}")
    /// A sitting member's photo, by its content's digest.
    static let memberPhoto = Path3("/{council}/members/{id}/photo/{name}")

    /// The public page of the seat's holder, while they sit (a staff seat or an ended one has none).
    static func memberPage(_ council: Council, _ seat: Membership) -> String? {
        seat.sits ? member.url(council.slug, seat.id) : nil
    }

    static let all: [any DeclaredPath] = [home, members, commissions, commission, member, group, memberPhoto]
}
