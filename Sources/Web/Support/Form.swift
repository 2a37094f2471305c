import Foundation
import HemicycleDomain

/// A submitted `application/x-www-form-urlencoded` form.
public struct Form: Sendable {
    public private(set) var values: [String: [String]] = [:]

    public struct Malformed: Error {}

    public init(values: [String: [String]] = [:]) { self.values = values }

    /// Parses a form body; invalid UTF-8 or percent-encoding is `Malformed`.
    public init(encoded body: String) throws {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { throw Malformed() }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let value else { throw Malformed() }
            values[name, default: []].append(value)
        }
    }

    /// A name or value decoded, as it can be stored (`%00` becomes U+FFFD, see `Validate.storable`).
    private static func decode(_ component: Substring) -> String? {
        // Most names and many values (a vote, a token) have nothing to decode: taken as they are.
        if !component.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") || $0 == 0 }) { return String(component) }
        return component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding.map(Validate.storable)
    }

    public subscript(_ name: String) -> String? { values[name]?.last }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The trimmed value, or nil when absent or blank.
    public func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmed(of: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
