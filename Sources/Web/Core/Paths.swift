import Foundation
import Hummingbird

/// One path of the site, declared once: the router registers its pattern and every link is built from it, so a
/// route and the links to it cannot drift apart. The typed wrappers below fix how many values a link needs.
struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    /// The router's form, such as `/{council}/works/{id}`.
    let pattern: String
    /// The names between braces, in order.
    let parameters: [String]
    /// The pattern's segments, `nil` where a value goes: split once, not for every link.
    private let segments: [String?]

    init(_ pattern: String) {
        precondition(pattern.hasPrefix("/"), "A path starts with /: \(pattern)")
        self.pattern = pattern
        parameters = pattern.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { $0.hasPrefix("{") ? nil : String($0) }
    }

    static func == (lhs: PathPattern, rhs: PathPattern) -> Bool { lhs.pattern == rhs.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    var description: String { pattern }

    /// The link with each `{parameter}` replaced, in order, by `values`, each percent-encoded as one path segment:
    /// a value holding `/`, `?`, `#` or `%` can never reach another route or add a query.
    func link(_ values: [String]) -> String {
        precondition(values.count == parameters.count, "\(pattern) takes \(parameters.count) values")
        var remaining = values[...]
        var link = ""
        link.reserveCapacity(pattern.utf8.count + values.reduce(0) { $0 + $1.utf8.count })
        for segment in segments {
            link += "/"
            link += segment ?? Self.segment(remaining.popFirst() ?? "")
        }
        return link.isEmpty ? "/" : link
    }

    /// Characters a path segment keeps as they are: RFC 3986 unreserved ones.
    static let segmentAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func segment(_ value: String) -> String {
        // Most values (ids, slugs) need no encoding: checked over bytes, without Foundation.
        if !value.isEmpty, value != ".", value != "..", value.utf8.allSatisfy(isUnreserved) { return value }
        let encoded = value.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
        // "." and ".." are not segments of their own: a browser would remove them from the path.
        return encoded == "." || encoded == ".." ? encoded.replacingOccurrences(of: ".", with: "%2E") : encoded
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// Whether `path` (without query) is an instance of this pattern, a parameter standing for any one segment.
    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == segments.count else { return false }
        return zip(segments, parts).allSatisfy { segment, part in segment.hasPrefix("{") || segment == part }
    }

    /// The pattern relative to a group's prefix, which it must start with.
    func relative(to prefix: PathPattern) -> RouterPath {
        precondition(pattern == prefix.pattern || pattern.hasPrefix(prefix.pattern + "/"), "\(pattern) is not under \(prefix.pattern)")
        return RouterPath(String(pattern.dropFirst(prefix.pattern.count)))
    }
}

/// Something the router registers: a path pattern, whatever its parameters.
protocol DeclaredPath: Sendable {
    var path: PathPattern { get }
}

/// A path without parameters, such as `/signin`.
struct SitePath: DeclaredPath, Hashable {
    let path: PathPattern
    init(_ pattern: String) {
        path = PathPattern(pattern)
        precondition(path.parameters.isEmpty, "\(pattern) has parameters")
    }
    var url: String { path.pattern }
}

/// A path with one parameter, such as `/lang/{code}` or `/{council}/works`.
struct Path1: DeclaredPath, Hashable {
    let path: PathPattern
    init(_ pattern: String) {
        path = PathPattern(pattern)
        precondition(path.parameters.count == 1, "\(pattern) has not exactly one parameter")
    }
    func url(_ first: some LosslessStringConvertible) -> String { path.link([String(first)]) }
}

/// A path with two parameters, such as `/{council}/works/{id}`.
struct Path2: DeclaredPath, Hashable {
    let path: PathPattern
    init(_ pattern: String) {
        path = PathPattern(pattern)
        precondition(path.parameters.count == 2, "\(pattern) has not exactly two parameters")
    }
    func url(_ first: some LosslessStringConvertible, _ second: some LosslessStringConvertible) -> String {
        path.link([String(first), String(second)])
    }
}

/// A path with three parameters, such as `/{council}/works/{id}/ballots/{ballot}/vote`.
struct Path3: DeclaredPath, Hashable {
    let path: PathPattern
    init(_ pattern: String) {
        path = PathPattern(pattern)
        precondition(path.parameters.count == 3, "\(pattern) has not exactly three parameters")
    }
    func url(_ first: some LosslessStringConvertible, _ second: some LosslessStringConvertible,
             _ third: some LosslessStringConvertible) -> String {
        path.link([String(first), String(second), String(third)])
    }
}

/// Registers handlers on declared paths, inside a group whose prefix the paths start with (`/` for the router).
struct PathRegistrar {
    let routes: any RouterMethods<AppContext>
    let prefix: PathPattern

    init(_ routes: any RouterMethods<AppContext>, prefix: String = "/") {
        self.routes = routes
        self.prefix = PathPattern(prefix)
    }

    private func relative(_ declared: some DeclaredPath) -> RouterPath {
        prefix.pattern == "/" ? RouterPath(declared.path.pattern) : declared.path.relative(to: prefix)
    }

    func get(_ declared: some DeclaredPath, use handler: @Sendable @escaping (Request, AppContext) async throws -> some ResponseGenerator) {
        routes.on(relative(declared), method: .get, use: handler)
    }

    func post(_ declared: some DeclaredPath, use handler: @Sendable @escaping (Request, AppContext) async throws -> some ResponseGenerator) {
        routes.on(relative(declared), method: .post, use: handler)
    }
}
