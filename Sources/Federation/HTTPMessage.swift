/// An HTTP request as HTTP Message Signatures (RFC 9421) see it: its method, target and fields. Field names are
/// compared without case; a field sent more than once reads as its values joined by `", "` (RFC 9421 §2.1).
public struct HTTPMessage: Sendable, Equatable {
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// The host and, unless it is the scheme's default, the port, in lower case.
    public var authority: String
    /// The absolute path, percent-encoded as sent (`/` when empty).
    public var path: String
    /// The query as sent, without its `?`; `nil` when the target has none.
    public var query: String?
    public var fields: [(name: String, value: String)]

    public init(method: String, scheme: String, authority: String, path: String, query: String? = nil, fields: [(name: String, value: String)] = []) {
        self.method = method
        self.scheme = scheme
        self.authority = authority.lowercased()
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.fields = fields
    }

    /// The field's value as a signature covers it: each value trimmed, several joined by `", "`; `nil` when absent.
    public func field(_ name: String) -> String? {
        let values = fields.filter { $0.name.lowercased() == name.lowercased() }.map { Self.trimmed($0.value) }
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    static func trimmed(_ value: String) -> String {
        var scalars = Substring(value)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    public static func == (lhs: HTTPMessage, rhs: HTTPMessage) -> Bool {
        lhs.method == rhs.method && lhs.scheme == rhs.scheme && lhs.authority == rhs.authority && lhs.path == rhs.path && lhs.query == rhs.query
            && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}
