/// One choice of a `<select>`: its value, its label in the reader's language, whether it is the current one.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}
