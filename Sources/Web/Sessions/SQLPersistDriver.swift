import Foundation
import HemicycleDomain
import Hummingbird
import ServiceLifecycle
import Storage

/// Hummingbird's key-value persistence over our own database, so sessions survive a restart.
struct SQLPersistDriver: PersistDriver {
    let repository: PersistRepository
    let clock: any WallClock
    /// Swept with the sessions: attempt counters older than a day.
    var throttles: ThrottleRepository?

    private func now() -> Double { clock.now().timeIntervalSince1970 }

    private func expiry(_ expires: Duration?) -> Double? {
        expires.map { now() + Double($0.components.seconds) }
    }

    private func encode(_ value: some Codable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await repository.create(key: key, value: encode(value), expiresAt: expiry(expires), now: now(),
                                          accountID: (value as? WebSession)?.accountID) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await repository.set(key: key, value: encode(value), expiresAt: expiry(expires), keepExpiry: expires == nil,
                                 accountID: (value as? WebSession)?.accountID)
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        if type == WebSession.self {
            // A session comes with its account, read in the same statement, for `IdentityMiddleware`.
            guard let stored = try await repository.getSession(key: key, now: now()) else { return nil }
            guard var session = try? JSONDecoder().decode(WebSession.self, from: Data(stored.value.utf8)) else {
                throw PersistError.invalidConversion
            }
            session.account = stored.account.flatMap { $0.id == session.accountID ? $0 : nil }
            return (session as! Object, stored.expiresAt.map { .seconds(max(0, $0 - now())) })
        }
        guard let stored = try await repository.get(key: key, now: now()) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: Data(stored.value.utf8)) else {
            throw PersistError.invalidConversion
        }
        return (object, stored.expiresAt.map { .seconds(max(0, $0 - now())) })
    }

    func remove(key: String) async throws {
        try await repository.remove(key: key)
    }

    /// Removes expired entries (and stale attempt counters) every hour until shutdown.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await repository.removeExpired(now: now())
                try? await throttles?.removeStale(before: clock.now().addingTimeInterval(-24 * 3600))
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }
}
