import Foundation
import NIOCore
import NIOPosix

/// The client side of a load over loopback with as little of its own work as a C load generator (wrk) has: each
/// request's bytes are written as they are, and an answer is read by its status line and `Content-Length` only. On a
/// 2-core machine the client shares the cores with the server it measures; NIO's HTTP codec on the client took a
/// third of the cores the server needed.
struct RawHTTPClient {
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    struct MalformedAnswer: Error, CustomStringConvertible {
        let description: String
    }

    static func connect(host: String, port: Int) async throws -> Connection {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: channel) }
            }
    }

    /// Bytes read and not yet taken by an answer.
    private var pending = ByteBuffer()

    /// The status of the next whole answer, reading from `inbound` as needed; its body is read and dropped.
    mutating func status(from inbound: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) async throws -> Int {
        while true {
            if let status = try takeAnswer() { return status }
            guard var more = try await inbound.next() else { throw MalformedAnswer(description: "The server closed the connection.") }
            pending.writeBuffer(&more)
        }
    }

    /// One whole answer from `pending`, or nil until all of it has come.
    private mutating func takeAnswer() throws -> Int? {
        let view = pending.readableBytesView
        guard let headEnd = Self.find([13, 10, 13, 10], in: view) else { return nil }
        let head = String(decoding: view[view.startIndex..<headEnd], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3)) else {
            throw MalformedAnswer(description: "Not an HTTP/1.1 status line: \(lines.first ?? "")")
        }
        var length = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].lowercased(), value = parts[1].trimmingCharacters(in: .whitespaces)
            if name == "transfer-encoding" { throw MalformedAnswer(description: "An answer in chunks (\(value)), which this client does not read.") }
            if name == "content-length" {
                guard let number = Int(value), number >= 0 else { throw MalformedAnswer(description: "Content-Length: \(value)") }
                length = number
            }
        }
        let total = headEnd + 4 - view.startIndex + length
        guard pending.readableBytes >= total else { return nil }
        pending.moveReaderIndex(forwardBy: total)
        if pending.readableBytes == 0 { pending.clear() } else { pending.discardReadBytes() }
        return status
    }

    private static func find(_ needle: [UInt8], in view: ByteBufferView) -> Int? {
        guard view.count >= needle.count else { return nil }
        var index = view.startIndex
        let last = view.endIndex - needle.count
        while index <= last {
            if view[index] == needle[0], view[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
