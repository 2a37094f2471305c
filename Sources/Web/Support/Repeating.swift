import Logging
import ServiceLifecycle

/// The loop of a background worker: once `ready` opens, `body` every `interval` until the service is asked to stop;
/// a failure is logged with `failure` and the loop goes on, a cancellation ends it.
enum Repeating {
    static func run(every interval: Duration, after ready: ReadySignal, logger: Logger, failure: Logger.Message,
                    _ body: @escaping @Sendable () async throws -> Void) async {
        try? await cancelWhenGracefulShutdown {
            try await ready.wait()
            while !Task.isCancelled {
                do {
                    try await body()
                } catch is CancellationError {
                    break
                } catch where Task.isCancelled {
                    break
                } catch {
                    logger.error(failure, metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
