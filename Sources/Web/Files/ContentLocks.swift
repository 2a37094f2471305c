/// One holder at a time per content digest. Keeping a file and recording its reference happen under it, and so do
/// removing the last reference and deleting the bytes: a file is never deleted under an attachment being made of the
/// same content. The local store is owned by one server process, so a lock in memory is enough.
actor ContentLocks {
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func run<T: Sendable>(_ digest: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(digest)
        do {
            let result = try await body()
            release(digest)
            return result
        } catch {
            release(digest)
            throw error
        }
    }

    private func acquire(_ digest: String) async {
        if waiting[digest] == nil {
            waiting[digest] = []
            return
        }
        await withCheckedContinuation { continuation in waiting[digest, default: []].append(continuation) }
    }

    private func release(_ digest: String) {
        guard var queue = waiting[digest], !queue.isEmpty else {
            waiting[digest] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[digest] = queue
        next.resume()
    }
}
