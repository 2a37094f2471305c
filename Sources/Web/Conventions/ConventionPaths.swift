/// Citizens' conventions' pages and forms, under the `/{council}` group.
enum ConventionPaths {
    static let list = Path1("/{council}/conventions")
    static let new = Path1("/{council}/conventions/new")
    static let item = Path2("/{council}/conventions/{id}")
    static let definition = Path2("/{council}/conventions/{id}/definition")
    static let criteria = Path2("/{council}/conventions/{id}/criteria")
    static let criteriaCSV = Path2("/{council}/conventions/{id}/criteria.csv")
    static let quotas = Path2("/{council}/conventions/{id}/quotas")
    static let openRegistration = Path2("/{council}/conventions/{id}/open-registration")
    static let pool = Path2("/{council}/conventions/{id}/pool")
    /// The engine's check that some panel of the pool meets every quota together (GET).
    static let quotaCheck = Path2("/{council}/conventions/{id}/quota-check")
    static let register = Path2("/{council}/conventions/{id}/register")
    static let withdraw = Path2("/{council}/conventions/{id}/withdraw")
    static let volunteers = Path2("/{council}/conventions/{id}/volunteers")
    static let removeVolunteer = Path3("/{council}/conventions/{id}/volunteers/{volunteer}/delete")
    static let draw = Path2("/{council}/conventions/{id}/draw")
    static let drawRequest = Path2("/{council}/conventions/{id}/draw/request")
    static let drawPick = Path2("/{council}/conventions/{id}/draw/pick")
    static let drawProof = Path2("/{council}/conventions/{id}/draw/proof.zip")
    static let drawAbandon = Path2("/{council}/conventions/{id}/draw/abandon")
    static let refusal = Path2("/{council}/conventions/{id}/draw/refusals")
    static let replacement = Path2("/{council}/conventions/{id}/draw/replacements")

    static let all: [any DeclaredPath] = [
        list, new, item, definition, criteria, criteriaCSV, quotas, openRegistration, pool, quotaCheck, register, withdraw, volunteers, removeVolunteer,
        draw, drawRequest, drawPick, drawProof, drawAbandon, refusal, replacement,
    ]
}
