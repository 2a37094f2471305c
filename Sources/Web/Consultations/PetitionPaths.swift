/// Petitions to a council, under the `/{council}` group.
enum PetitionPaths {
    static let list = Path1("/{council}/petitions")
    static let new = Path1("/{council}/petitions/new")
    static let item = Path2("/{council}/petitions/{id}")
    static let sign = Path2("/{council}/petitions/{id}/sign")
    static let hide = Path2("/{council}/petitions/{id}/hide")
    /// The council's threshold and window (its administrators).
    static let rule = Path1("/{council}/petitions/rule")

    static let all: [any DeclaredPath] = [list, new, item, sign, hide, rule]
}
