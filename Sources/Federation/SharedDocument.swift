import Foundation

/// What one instance sends another: an item a council shares with a council of the partner instance (an agreement, a
/// practice note, a contribution to a work, a work's summary), as a JSON document. Its `id` is chosen once by the
/// sender and kept on every delivery, so a redelivered document is recognised and kept once.
public struct SharedDocument: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case agreement
        case practiceNote = "practice_note"
        case contribution
        case workSummary = "work_summary"
    }

    /// The council that shares it, on the sending instance.
    public struct Sender: Codable, Sendable, Equatable {
        /// The sending instance's public address (`https://…`, no trailing slash).
        public var instance: String
        public var council: String
        public var councilName: String

        public init(instance: String, council: String, councilName: String) {
            self.instance = instance
            self.council = council
            self.councilName = councilName
        }

        enum CodingKeys: String, CodingKey {
            case instance, council
            case councilName = "council_name"
        }
    }

    /// The item itself, the same shape for every kind: what a reader needs to know it and find the original.
    public struct Item: Codable, Sendable, Equatable {
        public var title: String
        public var summary: String
        public var body: String
        /// `fr`, `ar` or `en`: the language the item is written in.
        public var language: String
        /// Its address on the sending instance.
        public var url: String
        /// For an agreement its status, for a work its stage, for a contribution the work it is for; empty when none.
        public var detail: String

        public init(title: String, summary: String, body: String, language: String, url: String, detail: String = "") {
            self.title = title
            self.summary = summary
            self.body = body
            self.language = language
            self.url = url
            self.detail = detail
        }
    }

    /// A UUID, in lower case.
    public var id: String
    public var kind: Kind
    public var sender: Sender
    /// The receiving council's address on the receiving instance (`cese-fr`).
    public var recipient: String
    /// When the council shared it (RFC 3339, UTC).
    public var sharedAt: String
    public var item: Item

    public init(id: String, kind: Kind, sender: Sender, recipient: String, sharedAt: String, item: Item) {
        self.id = id
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.sharedAt = sharedAt
        self.item = item
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, sender, recipient, item
        case sharedAt = "shared_at"
    }

    /// The largest document taken, in bytes.
    public static let largestBody = 512 * 1024
    static let longestLine = 300
    static let longestText = 100_000

    /// Why a document cannot be kept: the key of a sentence the receiving instance answers with.
    public enum Problem: String, Error, Sendable, Equatable {
        case notJSON = "federation_error_not_json"
        case badIdentifier = "federation_error_identifier"
        case badSender = "federation_error_sender"
        case badRecipient = "federation_error_recipient"
        case badDate = "federation_error_date"
        case badItem = "federation_error_content"
    }

    /// Reads a document and checks it; throws the first `Problem`.
    public static func decode(_ body: [UInt8]) throws -> SharedDocument {
        guard body.count <= largestBody, let document = try? JSONDecoder().decode(SharedDocument.self, from: Data(body)) else {
            throw Problem.notJSON
        }
        if let problem = document.problem() { throw problem }
        return document
    }

    /// The document as sent: keys sorted, so the same document is the same bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// The first thing wrong with the document; `nil` when it may be kept.
    public func problem() -> Problem? {
        guard UUID(uuidString: id) != nil, id == id.lowercased() else { return .badIdentifier }
        guard Self.isWebAddress(sender.instance), Self.isSlug(sender.council), Self.isLine(sender.councilName) else { return .badSender }
        guard Self.isSlug(recipient) else { return .badRecipient }
        guard Self.date(sharedAt) != nil else { return .badDate }
        guard Self.isLine(item.title), item.summary.count <= Self.longestText, item.body.count <= Self.longestText,
              ["fr", "ar", "en"].contains(item.language), Self.isWebAddress(item.url), item.detail.count <= Self.longestLine,
              !([item.summary, item.body, item.detail].contains { $0.unicodeScalars.contains(where: Self.isForbidden) })
        else { return .badItem }
        return nil
    }

    /// An `http` or `https` address with a host.
    public static func isWebAddress(_ text: String) -> Bool {
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// One line of text, not empty, without control characters.
    static func isLine(_ text: String) -> Bool {
        !text.trimmingCharacters(in: .whitespaces).isEmpty && text.count <= longestLine
            && !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || isForbidden($0) }
    }

    /// Control characters other than tab and line breaks, and the bidirectional overrides that would reorder what
    /// follows them on the receiving page.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t") || scalar.value == 0x7F
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// An RFC 3339 instant.
    public static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    public static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
