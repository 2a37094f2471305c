/// New block identifiers that are never one already in the text: a draw that repeats one is drawn again, so two
/// blocks never share an identifier (anchors, paragraph numbers and amendments would become ambiguous).
struct FreshIdentifiers {
    private var taken: Set<String>

    init(taken: some Sequence<String>) {
        self.taken = Set(taken)
    }

    /// A new identifier from `source` that no block has.
    mutating func next(_ source: () -> String) -> String {
        var id = source()
        while taken.contains(id) { id = source() }
        taken.insert(id)
        return id
    }
}
