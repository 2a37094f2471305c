/// New identifiers for the blocks of a text, behind a protocol so that tests get the same ones on every run.
/// (Secrets — session, CSRF and link tokens — never come from here: they are always drawn from the system's
/// cryptographic generator.)
public protocol IdentifierGenerator: Sendable {
    /// A short identifier that starts with a letter and is unique within the texts it is used in.
    func next() -> String
}

/// Identifiers from the system's random generator: `b` and ten hexadecimal digits (40 bits).
public struct RandomIdentifiers: IdentifierGenerator {
    public init() {}

    public func next() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFF_FFFF_FFFF
        let digits = String(value, radix: 16)
        return "b" + String(repeating: "0", count: 10 - digits.count) + digits
    }
}
