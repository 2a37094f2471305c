/// The council's administration: its directions, services and posts, the staff's assignments and their workload.
enum SecretariatPaths {
    static let page = Path1("/{council}/secretariat")
    static let units = Path1("/{council}/secretariat/units")
    static let unitDelete = Path2("/{council}/secretariat/units/{id}/delete")
    static let posts = Path1("/{council}/secretariat/posts")
    static let postHolder = Path2("/{council}/secretariat/posts/{id}")
    static let postDelete = Path2("/{council}/secretariat/posts/{id}/delete")
    static let assignments = Path1("/{council}/secretariat/assignments")
    static let assignmentDelete = Path2("/{council}/secretariat/assignments/{id}/delete")

    static let all: [any DeclaredPath] = [page, units, unitDelete, posts, postHolder, postDelete, assignments, assignmentDelete]
}
