import Foundation
import Histogram
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 load generator over loopback: `clients` keep-alive connections, each sending the next GET as
/// soon as the last answer ended, for a fixed time; every request's latency goes into an HdrHistogram.
enum HTTPLoad {
    struct Result {
        var requests = 0
        /// Answers other than 200.
        var unexpected = 0
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)  // microseconds
        var seconds = 0.0

        var perSecond: Double { Double(requests) / max(seconds, 1e-9) }
        func milliseconds(atPercentile percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
    }

    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let bytes: [UInt8]

        var body: String { String(decoding: bytes, as: UTF8.self) }
    }

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    static func connect(host: String, port: Int) async throws -> Connection {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// One request on a new connection (signing in, finding an id).
    static func once(host: String, port: Int, method: HTTPMethod = .GET, path: String, headers: [(String, String)] = [],
                     body: String? = nil) async throws -> Answer {
        try await once(host: host, port: port, method: method, path: path, headers: headers, bytes: body.map { Array($0.utf8) })
    }

    /// One request with a body of bytes (a multipart upload).
    static func once(host: String, port: Int, method: HTTPMethod = .GET, path: String, headers: [(String, String)] = [],
                     bytes body: [UInt8]?) async throws -> Answer {
        let connection = try await connect(host: host, port: port)
        return try await connection.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
            head.headers.add(name: "Host", value: "\(host):\(port)")
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            if let body { head.headers.add(name: "Content-Length", value: "\(body.count)") }
            try await outbound.write(.head(head))
            if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var status = 0, responseHeaders = HTTPHeaders(), bytes: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let response):
                    status = Int(response.status.code)
                    responseHeaders = response.headers
                case .body(let buffer): bytes += buffer.readableBytesView
                case .end: return Answer(status: status, headers: responseHeaders, bytes: bytes)
                }
            }
            return Answer(status: status, headers: responseHeaders, bytes: bytes)
        }
    }

    static func run(host: String, port: Int, path: String, headers: [(String, String)], clients: Int, duration: Duration) async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var total = try await withThrowingTaskGroup(of: Result.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    let connection = try await connect(host: host, port: port)
                    return try await connection.executeThenClose { inbound, outbound in
                        var result = Result()
                        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
                        head.headers.add(name: "Host", value: "\(host):\(port)")
                        for (name, value) in headers { head.headers.add(name: name, value: value) }
                        var parts = inbound.makeAsyncIterator()
                        let end = clock.now + duration
                        while clock.now < end {
                            let sent = clock.now
                            try await outbound.write(.head(head))
                            try await outbound.write(.end(nil))
                            var status = 0
                            reading: while let part = try await parts.next() {
                                switch part {
                                case .head(let response): status = Int(response.status.code)
                                case .body: continue
                                case .end: break reading
                                }
                            }
                            let elapsed = (clock.now - sent) / .microseconds(1)
                            _ = result.histogram.record(UInt64(max(1, elapsed.rounded())))
                            result.requests += 1
                            if status != 200 { result.unexpected += 1 }
                        }
                        return result
                    }
                }
            }
            var merged = Result()
            for try await part in group {
                merged.requests += part.requests
                merged.unexpected += part.unexpected
                merged.histogram.add(part.histogram)
            }
            return merged
        }
        total.seconds = (clock.now - start) / .seconds(1)
        return total
    }
}
