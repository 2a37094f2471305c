/// The typed model of the instance's home: the councils it hosts.
struct HomePage: Encodable {
    struct Council: Encodable {
        let url: String
        let name: LocalizedView
        let description: LocalizedView
        let country: String
        /// The networks the council belongs to (UCESIF...), when it names some.
        let networks: String?
        let languages: String
    }

    let councils: [Council]
    let hasCouncils: Bool
}
