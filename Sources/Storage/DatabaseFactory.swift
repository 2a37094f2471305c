import Logging
import PostgresNIO
import ServiceLifecycle

/// Opens the database named by a `DatabaseURL`.
public enum DatabaseFactory {
    /// The store and the service that must run (and shut down) alongside it.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> any Database & Service {
        switch url {
        case .sqlite(let path):
            return try await SQLiteStore.open(path: path, logger: logger)
        case let .postgres(host, port, username, password, database, requireTLS, disableTLS):
            let tls: PostgresClient.Configuration.TLS =
                disableTLS ? .disable : requireTLS ? .require(.makeClientConfiguration()) : .prefer(.makeClientConfiguration())
            return PostgresStore(host: host, port: port, username: username, password: password,
                                 database: database, tls: tls, logger: logger)
        }
    }
}
