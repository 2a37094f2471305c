import Logging
import ServiceLifecycle

/// Keeps every council's search index up to date, in the background: a post whose time comes, a work published, a
/// member seated are found within `interval`.
public struct SearchIndexWorker: Service {
    let indexer: SiteSearchIndexer
    let logger: Logger
    let ready: ReadySignal
    let interval: Duration

    public init(site: Site, logger: Logger, ready: ReadySignal = ReadySignal(isOpen: true), interval: Duration = .seconds(30)) {
        indexer = SiteSearchIndexer(site: site)
        self.logger = logger
        self.ready = ready
        self.interval = interval
    }

    public func run() async throws {
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "The search index could not be made") {
            try await indexer.refreshAll()
        }
    }
}
