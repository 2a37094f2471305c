import Crypto
import Foundation
import HemicycleDomain
import Synchronization

/// Visitors' public pages, kept rendered: a page is served again without a query while nothing changed. Any
/// request that may change something (every method but GET and HEAD) makes every kept page stale at once; so does
/// time (`ttl`, on the site's clock): a post's publication time, or a change made by another process, shows within
/// it. A page is kept with a stand-in for the visitor's form token, which each answer replaces with the visitor's own.
final class PageCache: Sendable {
    struct Entry: Sendable {
        /// The page cut where the form token goes.
        let segments: [[UInt8]]
        /// Of the page with its stand-in: with the token's, the page's `ETag`.
        let digest: String
        let generation: Int
        let storedAt: Double

        var size: Int { segments.reduce(64) { $0 + $1.count } }
    }

    /// What a request that may be kept carries to the page's response.
    final class Slot: Sendable {
        let key: String
        /// The visitor's own form token, which replaces the stand-in.
        let token: String
        let generation: Int
        let cache: PageCache
        /// When the page's data began to be read: its time in the cache counts from then.
        let startedAt: Double

        init(key: String, token: String, generation: Int, cache: PageCache, startedAt: Double) {
            self.key = key
            // Only a token's own characters go into a page (`CSRFTokenMiddleware` makes sure; this makes sure twice).
            self.token = HTMLEscaping.escape(token)
            self.generation = generation
            self.cache = cache
            self.startedAt = startedAt
        }
    }

    /// Stands for the form token in a kept page: as long as a token, never one.
    let standIn = "\u{1}" + Tokens.make().dropFirst()
    private let entries = Mutex<(pages: [String: Entry], bytes: Int, generation: Int)>(([:], 0, 0))
    private let currentGeneration = Atomic<Int>(0)
    let clock: any WallClock
    let ttl: Double
    let capacity: Int

    /// `capacity` is in bytes: past it, every kept page goes.
    init(clock: any WallClock, ttl: Double = 10, capacity: Int = 64 * 1_048_576) {
        self.clock = clock
        self.ttl = ttl
        self.capacity = capacity
    }

    var generation: Int { currentGeneration.load(ordering: .acquiring) }

    /// Every kept page is stale.
    func invalidate() {
        currentGeneration.add(1, ordering: .releasing)
    }

    func entry(_ key: String) -> Entry? {
        let generation = generation, now = clock.now().timeIntervalSince1970
        return entries.withLock { state in
            guard let entry = state.pages[key] else { return nil }
            guard entry.generation == generation, now - entry.storedAt < ttl, entry.storedAt <= now else {
                state.pages[key] = nil
                state.bytes -= entry.size
                return nil
            }
            return entry
        }
    }

    /// Keeps a page rendered with the stand-in, unless something changed since its request began. Pages of an
    /// older generation go as soon as a page of a newer one is kept.
    func store(_ bytes: [UInt8], slot: Slot) -> Entry {
        let entry = Entry(segments: Self.split(bytes, at: Array(standIn.utf8)), digest: Self.digest(bytes), generation: slot.generation,
                          storedAt: slot.startedAt)
        guard slot.generation == generation else { return entry }
        entries.withLock { state in
            if state.generation != entry.generation || state.bytes + entry.size > capacity {
                state = ([:], 0, entry.generation)
            }
            if let replaced = state.pages.updateValue(entry, forKey: slot.key) { state.bytes -= replaced.size }
            state.bytes += entry.size
        }
        return entry
    }

    /// The page for a visitor: the stand-in replaced by their token.
    func bytes(_ entry: Entry, token: String) -> [UInt8] {
        Self.join(entry.segments, with: Array(token.utf8))
    }

    /// A page rendered with the stand-in and not kept, for its visitor.
    func personal(_ bytes: [UInt8], token: String) -> [UInt8] {
        Self.join(Self.split(bytes, at: Array(standIn.utf8)), with: Array(token.utf8))
    }

    static func join(_ segments: [[UInt8]], with token: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segments.reduce(0) { $0 + $1.count } + token.count * segments.count)
        for (index, segment) in segments.enumerated() {
            if index > 0 { bytes += token }
            bytes += segment
        }
        return bytes
    }

    /// The page's `ETag` for a visitor: it changes with the page and with their token.
    func tag(_ entry: Entry, token: String) -> String {
        "\"" + entry.digest + "-" + Self.digest(Array(token.utf8)).prefix(8) + "\""
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    static func split(_ bytes: [UInt8], at separator: [UInt8]) -> [[UInt8]] {
        guard let first = separator.first else { return [bytes] }
        var segments: [[UInt8]] = [], start = 0, index = 0
        while index + separator.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + separator.count)].elementsEqual(separator) {
                segments.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        segments.append(Array(bytes[start...]))
        return segments
    }
}
