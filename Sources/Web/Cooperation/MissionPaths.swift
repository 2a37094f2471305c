/// Missions between councils, under the `/{council}` group.
enum MissionPaths {
    static let list = Path1("/{council}/cooperation/missions")
    static let new = Path1("/{council}/cooperation/missions/new")
    static let item = Path2("/{council}/cooperation/missions/{id}")
    static let edit = Path2("/{council}/cooperation/missions/{id}/edit")
    static let delete = Path2("/{council}/cooperation/missions/{id}/delete")

    static let all: [any DeclaredPath] = [list, new, item, edit, delete]
}
