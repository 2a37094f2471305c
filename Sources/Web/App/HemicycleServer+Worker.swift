import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Storage
import UnixSignals

extension HemicycleServer {
    /// The background work without a web server (`hemicycle worker`): consultations' opinion maps and conventions'
    /// lotteries, so that the math does not share the web servers' cores. Several workers may run beside several web
    /// servers on one PostgreSQL database: each consultation and each draw is held by one at a time (a lease). The
    /// worker never migrates: it waits until the database has every migration this version knows (a web server
    /// applies them), then runs until it is stopped (SIGTERM or SIGINT).
    public static func runWorker(configuration: AppConfiguration, logger: Logger) async throws {
        let database = try await DatabaseFactory.open(configuration.database, logger: logger)
        let ready = ReadySignal()
        let clock = SystemClock()
        let group = ServiceGroup(
            services: [
                database,
                MigrationWatch(database: database, ready: ready, logger: logger),
                ConsultationMapWorker(database: database, clock: clock, logger: logger, ready: ready),
                DrawWorker(database: database, clock: clock, logger: logger, ready: ready),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}

/// Opens `ready` once the database has every migration this version knows; until then, says so every few seconds.
struct MigrationWatch: Service {
    let database: any Database
    let ready: ReadySignal
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled {
            if try await Migrator(database: database, logger: logger).pending().isEmpty {
                ready.open()
                logger.info("The worker computes consultations' maps and conventions' lotteries")
                break
            }
            logger.notice("Waiting for the database's migrations (run hemicycle migrate, or start a web server)")
            try await Task.sleep(for: .seconds(5))
        }
        // A service that returns ends the group: this one waits for the shutdown like the others.
        try? await gracefulShutdown()
    }
}
