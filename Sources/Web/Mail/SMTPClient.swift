import Foundation
import NIOCore
import NIOExtras
import NIOPosix

/// Where and how to send mail, parsed from `SMTP_URL` (`smtp://user:password@host:port`).
public struct SMTPSettings: Sendable, Equatable {
    public let host: String
    public let port: Int
    public let username: String?
    public let password: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(url raw: String) throws {
        guard let components = URLComponents(string: raw), components.scheme == "smtp",
              let host = components.host, !host.isEmpty
        else {
            throw Invalid(description: "SMTP_URL \(raw): expected smtp://user:password@host:port (TLS is for a relay on localhost)")
        }
        self.host = host
        self.port = components.port ?? 25
        self.username = components.user?.removingPercentEncoding
        self.password = components.password?.removingPercentEncoding
    }
}

/// A plain SMTP client (RFC 5321) with optional AUTH PLAIN; one connection per batch of messages.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    public let from: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Message: Sendable {
        public let to: String
        public let subject: String
        public let body: String

        public init(to: String, subject: String, body: String) {
            self.to = to
            self.subject = subject
            self.body = body
        }
    }

    public init(settings: SMTPSettings, from: String) {
        self.settings = settings
        self.from = from
    }

    /// Sends the messages over one session; returns one result per message.
    public func send(_ messages: [Message]) async throws -> [Result<Void, Failure>] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply() async throws -> (code: Int, text: String) {
                var text = ""
                while let buffer = try await lines.next() {
                    let line = String(buffer: buffer).trimmingCharacters(in: .init(charactersIn: "\r"))
                    text += line + "\n"
                    // "250-..." continues a multi-line reply; "250 ..." ends it.
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                        return (Int(line.prefix(3)) ?? 0, text)
                    }
                }
                throw Failure(description: "SMTP server closed the connection")
            }
            func command(_ line: String, expect: Int) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                let answer = try await reply()
                guard answer.code == expect else {
                    throw Failure(description: "SMTP \(line.split(separator: " ").first ?? ""): \(answer.text)")
                }
            }
            guard try await reply().code == 220 else { throw Failure(description: "SMTP server did not greet") }
            try await command("EHLO hemicycle", expect: 250)
            if let username = settings.username {
                let credentials = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(credentials)", expect: 235)
            }
            var results: [Result<Void, Failure>] = []
            for message in messages {
                do {
                    try await command("MAIL FROM:<\(Self.address(from))>", expect: 250)
                    try await command("RCPT TO:<\(Self.address(message.to))>", expect: 250)
                    try await command("DATA", expect: 354)
                    try await outbound.write(ByteBuffer(string: Self.render(message, from: from)))
                    let answer = try await reply()
                    guard answer.code == 250 else { throw Failure(description: "SMTP DATA: \(answer.text)") }
                    results.append(.success(()))
                } catch let failure as Failure {
                    results.append(.failure(failure))
                    try? await command("RSET", expect: 250)
                }
            }
            try? await command("QUIT", expect: 221)
            return results
        }
    }

    /// The bare address of `Name <address>` or `address`.
    static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close])
        }
        return mailbox
    }

    /// Headers and a base64 UTF-8 body, dot-terminated (RFC 5322, RFC 2047 subject).
    static func render(_ message: Message, from: String) -> String {
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let date = Date().formatted(.dateTime.locale(Locale(identifier: "en_US_POSIX")))
        let body = Data(message.body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(from)",
            "To: <\(address(message.to))>",
            "Subject: \(subject)",
            "Date: \(date)",
            "Message-ID: <\(UUID().uuidString)@hemicycle>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            ".",
            "",
        ].joined(separator: "\r\n")
    }
}
