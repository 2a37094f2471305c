import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// How a signed document reaches a partner's inbox: behind a protocol, as mail and the clock are.
protocol FederationTransport: Sendable {
    /// Posts `body` with `fields` to `url`; returns the status and the start of the answer's body.
    func post(url: String, fields: [(name: String, value: String)], body: [UInt8]) async throws -> (status: Int, answer: String)
}

/// Over HTTP(S) with AsyncHTTPClient: no redirect followed (a signature is for one address), 30 s at most per
/// delivery. The client is shut down with `shutdown()`.
final class HTTPFederationTransport: FederationTransport {
    let client: HTTPClient
    let timeout: TimeAmount

    init(timeout: TimeAmount = .seconds(30)) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: timeout)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = timeout
    }

    func post(url: String, fields: [(name: String, value: String)], body: [UInt8]) async throws -> (status: Int, answer: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for field in fields { request.headers.add(name: field.name, value: field.value) }
        request.headers.replaceOrAdd(name: "User-Agent", value: "Hemicycle")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout)
        var answer = try await response.body.collect(upTo: 64 * 1024)
        return (Int(response.status.code), answer.readString(length: min(answer.readableBytes, 2_000)) ?? "")
    }

    func shutdown() async throws {
        try await client.shutdown()
    }
}
