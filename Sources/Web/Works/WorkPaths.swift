/// Council work's pages, forms and exports, under the `/{council}` group.
enum WorkPaths {
    static let list = Path1("/{council}/works")
    static let new = Path1("/{council}/works/new")
    static let item = Path2("/{council}/works/{id}")
    static let compare = Path2("/{council}/works/{id}/compare")
    static let akomaNtoso = Path2("/{council}/works/{id}/akoma-ntoso.xml")
    static let votesCSV = Path2("/{council}/works/{id}/votes.csv")

    static let move = Path2("/{council}/works/{id}/move")
    static let rapporteurs = Path2("/{council}/works/{id}/rapporteurs")
    static let amendmentDeadline = Path2("/{council}/works/{id}/amendment-deadline")
    static let versions = Path2("/{council}/works/{id}/versions")
    static let hearings = Path2("/{council}/works/{id}/hearings")
    static let contributions = Path2("/{council}/works/{id}/contributions")
    static let declarations = Path2("/{council}/works/{id}/declarations")
    static let dissents = Path2("/{council}/works/{id}/dissents")
    static let demandPlenary = Path2("/{council}/works/{id}/demand-plenary")

    static let amendments = Path2("/{council}/works/{id}/amendments")
    static let amendment = Path3("/{council}/works/{id}/amendments/{amendment}")
    static let cosign = Path3("/{council}/works/{id}/amendments/{amendment}/cosign")
    static let ballots = Path2("/{council}/works/{id}/ballots")
    static let vote = Path3("/{council}/works/{id}/ballots/{ballot}/vote")
    static let closeBallot = Path3("/{council}/works/{id}/ballots/{ballot}/close")
    static let consolidate = Path2("/{council}/works/{id}/consolidate")

    /// Following council work by e-mail: a work's progress, the council's new referrals; the links mailed.
    static let follow = Path2("/{council}/works/{id}/follow")
    static let followReferrals = Path1("/{council}/works/follow")
    static let followConfirm = Path1("/{council}/works/follow/confirm")
    static let followEnd = Path1("/{council}/works/follow/unsubscribe")

    static let attachments = Path2("/{council}/works/{id}/attachments")
    static let attachment = Path3("/{council}/works/{id}/attachments/{attachment}")
    static let attachmentDelete = Path3("/{council}/works/{id}/attachments/{attachment}/delete")

    static let all: [any DeclaredPath] = [
        list, new, item, compare, akomaNtoso, votesCSV, move, rapporteurs, amendmentDeadline, versions, hearings,
        contributions, declarations, dissents, demandPlenary, amendments, amendment, cosign, ballots, vote, closeBallot,
        consolidate, follow, followReferrals, followConfirm, followEnd, attachments, attachment, attachmentDelete,
    ]
}
