import Foundation

/// Where the data lives, parsed from `DATABASE_URL`.
public enum DatabaseURL: Sendable, Equatable {
    /// `sqlite:PATH` (relative or absolute) or `sqlite::memory:`.
    case sqlite(path: String?)
    /// `postgres://user:password@host:port/database?sslmode=disable`.
    case postgres(host: String, port: Int, username: String, password: String?, database: String?, requireTLS: Bool, disableTLS: Bool)

    public static let `default` = DatabaseURL.sqlite(path: "hemicycle.sqlite")

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ raw: String) throws {
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw ParseError(description: "DATABASE_URL \(raw): missing file path after sqlite:") }
            self = .sqlite(path: path == ":memory:" ? nil : path)
            return
        }
        guard raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://"),
              let components = URLComponents(string: raw), let host = components.host, !host.isEmpty
        else {
            throw ParseError(description: "DATABASE_URL \(raw): expected sqlite:PATH or postgres://user@host:port/database")
        }
        let database = components.path.isEmpty ? nil : String(components.path.dropFirst())
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        self = .postgres(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database?.isEmpty == true ? nil : database,
            requireTLS: sslmode == "require" || sslmode == "verify-full",
            disableTLS: sslmode == "disable"
        )
    }
}
