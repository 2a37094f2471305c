/// Cooperation between councils, under the `/{council}` group: its page (`home`: the council's agreements, with its
/// partners and missions), and each agreement with its action plan, what it shares and its documents.
enum AgreementPaths {
    static let home = Path1("/{council}/cooperation")
    /// Where the form records a new agreement (a visitor asking for it is sent to `home`).
    static let list = Path1("/{council}/cooperation/agreements")
    static let new = Path1("/{council}/cooperation/agreements/new")
    static let item = Path2("/{council}/cooperation/agreements/{id}")
    static let edit = Path2("/{council}/cooperation/agreements/{id}/edit")
    static let delete = Path2("/{council}/cooperation/agreements/{id}/delete")
    static let actions = Path2("/{council}/cooperation/agreements/{id}/actions")
    static let action = Path3("/{council}/cooperation/agreements/{id}/actions/{action}")
    static let actionDelete = Path3("/{council}/cooperation/agreements/{id}/actions/{action}/delete")
    static let shares = Path2("/{council}/cooperation/agreements/{id}/shares")
    static let shareDelete = Path3("/{council}/cooperation/agreements/{id}/shares/{share}/delete")
    static let documents = Path2("/{council}/cooperation/agreements/{id}/documents")
    static let document = Path3("/{council}/cooperation/agreements/{id}/documents/{attachment}")
    static let documentDelete = Path3("/{council}/cooperation/agreements/{id}/documents/{attachment}/delete")

    static let all: [any DeclaredPath] = [home, list, new, item, edit, delete, actions, action, actionDelete, shares, shareDelete, documents, document,
                                          documentDelete]
}
