/// The administration of a council (under the `/{council}` group) and the instance's outbox.
enum AdminPaths {
    static let overview = Path1("/{council}/admin")
    /// The council's term of office (its administrators).
    static let term = Path1("/{council}/admin/term")
    /// The council's sitting rules: proxies and quorum (its administrators).
    static let sittingRules = Path1("/{council}/admin/sitting-rules")
    static let outbox = SitePath("/admin/outbox")
    static let members = Path1("/{council}/admin/members")
    static let member = Path2("/{council}/admin/members/{id}")
    static let memberDelete = Path2("/{council}/admin/members/{id}/delete")
    static let memberPhoto = Path2("/{council}/admin/members/{id}/photo")
    static let memberPhotoDelete = Path2("/{council}/admin/members/{id}/photo/delete")
    static let invitationRevoke = Path2("/{council}/admin/members/invitations/{invitation}/revoke")

    /// The pages shared by groups and commissions.
    struct Bodies: Sendable {
        let list: Path1
        let item: Path2
        let delete: Path2

        init(_ folder: String) {
            list = Path1("/{council}/admin/\(folder)")
            item = Path2("/{council}/admin/\(folder)/{id}")
            delete = Path2("/{council}/admin/\(folder)/{id}/delete")
        }
    }

    static let groups = Bodies("groups")
    static let commissions = Bodies("commissions")

    static let all: [any DeclaredPath] = [overview, term, sittingRules, outbox, members, member, memberDelete, memberPhoto, memberPhotoDelete, invitationRevoke]
        + [groups, commissions].flatMap { [$0.list, $0.item, $0.delete] as [any DeclaredPath] }
}
