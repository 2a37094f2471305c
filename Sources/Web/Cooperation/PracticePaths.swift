/// The council's library of good practice (`/{council}/practices`): its secretariat writes notes on how the council
/// works, each open to the council alone, its partners under an agreement in force, a network's councils, or
/// everyone; each reader finds the notes open to them, by theme and language.
enum PracticePaths {
    static let list = Path1("/{council}/practices")
    static let new = Path1("/{council}/practices/new")
    static let item = Path2("/{council}/practices/{id}")
    static let edit = Path2("/{council}/practices/{id}/edit")
    static let delete = Path2("/{council}/practices/{id}/delete")
    static let documents = Path2("/{council}/practices/{id}/documents")
    static let document = Path3("/{council}/practices/{id}/documents/{attachment}")
    static let documentDelete = Path3("/{council}/practices/{id}/documents/{attachment}/delete")

    /// Every council's notes open to the reader, searched together.
    static let library = SitePath("/practices")

    static let all: [any DeclaredPath] = [list, new, item, edit, delete, documents, document, documentDelete, library]
}
