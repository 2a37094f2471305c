import Foundation
import HemicycleDomain
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Where and how to send mail, parsed from `SMTP_URL`: `smtp://user:password@host:port` upgrades with STARTTLS and
/// sends nothing in clear (a relay on this machine excepted; `?starttls=optional` accepts a relay without TLS),
/// `smtps://` speaks TLS from the start (port 465 by default). Certificates are checked against the system's roots,
/// or those of `SMTP_CA_FILE`. Mail carries reset and invitation links: a relay that offers no TLS must not see them
/// unless the operator says so.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// STARTTLS when the server offers it (asked for with `?starttls=optional`, or a relay on this machine).
        case opportunistic
        /// STARTTLS, or no mail at all.
        case required
        /// TLS from the first byte (`smtps://`).
        case implicit
    }

    public let host: String
    public let port: Int
    public let username: String?
    public let password: String?
    public let security: Security
    /// A PEM file of the certificate authorities to trust instead of the system's.
    public var trustRootsFile: String?

    /// A relay on this machine, where nothing crosses a network.
    public var isLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        if ["localhost", "::1"].contains(host) { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(url raw: String, trustRootsFile: String? = nil) throws {
        guard let components = URLComponents(string: raw), let scheme = components.scheme, ["smtp", "smtps"].contains(scheme),
              let host = components.host, !host.isEmpty
        else {
            throw Invalid(description: "SMTP_URL \(raw): expected smtp://user:password@host:port[?starttls=required] or smtps://…")
        }
        self.host = host
        self.username = components.user?.removingPercentEncoding
        self.password = components.password?.removingPercentEncoding
        if scheme == "smtps" {
            security = .implicit
        } else {
            let asked = components.queryItems?.first { $0.name == "starttls" }?.value
            security = asked == "required" ? .required : (asked == "optional" || Self.isLoopback(host) ? .opportunistic : .required)
        }
        self.port = components.port ?? (scheme == "smtps" ? 465 : 25)
        self.trustRootsFile = trustRootsFile
    }
}

/// An SMTP client (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS, and optional AUTH PLAIN; one connection per
/// batch of messages.
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
        /// The one-click unsubscribe address of a subscription's message (RFC 8058).
        public let listUnsubscribe: String?
        /// An invitation for calendar programs (an iCalendar document with its `METHOD`), sent beside the text.
        public let calendar: String?

        public init(to: String, subject: String, body: String, listUnsubscribe: String? = nil, calendar: String? = nil) {
            self.to = to
            self.subject = subject
            self.body = body
            self.listUnsubscribe = listUnsubscribe
            self.calendar = calendar
        }
    }

    public init(settings: SMTPSettings, from: String) {
        self.settings = settings
        self.from = from
    }

    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile { configuration.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The certificate is checked: an IP address against its IP entries, a name (also sent for SNI) against its names.
    func tlsHandler(_ context: NIOSSLContext) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: settings.host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : settings.host)
    }

    /// Sends the messages over one session; returns one result per message.
    public func send(_ messages: [Message]) async throws -> [Result<Void, Failure>] {
        let implicit = settings.security == .implicit
        let tls = try tlsContext()
        let decoder = SMTPReplyDecoder()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit { try channel.pipeline.syncOperations.addHandler(try tlsHandler(tls)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
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
            @discardableResult
            func command(_ line: String, expect: Int) async throws -> String {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                let answer = try await reply()
                guard answer.code == expect else {
                    throw Failure(description: "SMTP \(line.split(separator: " ").first ?? ""): \(answer.text)")
                }
                return answer.text
            }
            guard try await reply().code == 220 else { throw Failure(description: "SMTP server did not greet") }
            var capabilities = try await command("EHLO hemicycle", expect: 250)
            if !implicit {
                let offered = capabilities.uppercased().split(separator: "\n").contains { $0.dropFirst(4).hasPrefix("STARTTLS") }
                if offered {
                    try await channel.channel.eventLoop.submit { decoder.expectUpgrade() }.get()
                    try await command("STARTTLS", expect: 220)
                    // From here every byte goes through TLS (a byte before it fails the connection); the server
                    // forgets what it knew, so greet again.
                    try await channel.channel.eventLoop.submit {
                        try channel.channel.pipeline.syncOperations.addHandler(try tlsHandler(tls), position: .first)
                        decoder.upgraded()
                    }.get()
                    capabilities = try await command("EHLO hemicycle", expect: 250)
                } else if settings.security == .required {
                    throw Failure(description: "SMTP server does not offer STARTTLS, which SMTP_URL requires")
                } else if settings.username != nil && !settings.isLoopback {
                    // A password never crosses a network in clear: a relay that offers no TLS gets none.
                    throw Failure(description: "SMTP server \(settings.host) offers no STARTTLS: the credentials are not sent in clear")
                }
            }
            _ = capabilities
            if let username = settings.username {
                let credentials = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(credentials)", expect: 235)
            }
            var results: [Result<Void, Failure>] = []
            for message in messages {
                do {
                    // An address that could carry a command or header (CR, LF, brackets) is never written.
                    guard Validate.isMailboxSafe(Self.address(message.to)), Validate.isMailboxSafe(Self.address(from)) else {
                        throw Failure(description: "refused address \(message.to.debugDescription)")
                    }
                    try await command("MAIL FROM:<\(Self.address(from))>", expect: 250)
                    try await command("RCPT TO:<\(Self.address(message.to))>", expect: 250)
                    try await command("DATA", expect: 354)
                    try await outbound.write(ByteBuffer(string: Self.render(message, from: from)))
                    let answer = try await reply()
                    guard answer.code == 250 else { throw Failure(description: "SMTP DATA: \(answer.text)") }
                    results.append(.success(()))
                } catch let failure as Failure {
                    results.append(.failure(failure))
                    _ = try? await command("RSET", expect: 250)
                }
            }
            _ = try? await command("QUIT", expect: 221)
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

    /// Headers and a base64 UTF-8 body, dot-terminated (RFC 5322, RFC 2047 subject). The display name of `from`
    /// comes from the configuration; line breaks in it are dropped.
    static func render(_ message: Message, from: String) -> String {
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let date = Date().formatted(.dateTime.locale(Locale(identifier: "en_US_POSIX")))
        let body = Data(message.body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        // A subscription's message is ended in one click by the mail program (RFC 2369, RFC 8058); the address holds
        // only URL characters, and no line break gets into a header.
        // By scalars: "\r\n" is one `Character`, which a filter on characters would keep whole.
        let oneLine = { (text: String) in String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })) }
        let unsubscribe = message.listUnsubscribe.map { oneLine($0).filter { $0 != ">" } }
            .map { ["List-Unsubscribe: <\($0)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"] } ?? []
        let lines = [
            "From: \(oneLine(from))",
            "To: <\(address(message.to))>",
            "Subject: \(subject)",
            "Date: \(date)",
            "Message-ID: <\(UUID().uuidString)@hemicycle>",
        ] + unsubscribe + ["MIME-Version: 1.0"] + content(body: body, calendar: message.calendar) + [".", ""]
        return lines.joined(separator: "\r\n")
    }

    /// The text alone, or the text and its calendar invitation side by side (RFC 2046 `multipart/alternative`, the
    /// invitation as `text/calendar` with its method, RFC 6047), each part in base64.
    static func content(body: String, calendar: String?) -> [String] {
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", body]
        guard let calendar else { return text }
        let encoded = Data(calendar.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        // The method of the invitation, from its own `METHOD` line (REQUEST, CANCEL).
        let method = calendar.components(separatedBy: "\r\n").first { $0.hasPrefix("METHOD:") }.map { String($0.dropFirst(7)) } ?? "PUBLISH"
        let boundary = "hemicycle-" + UUID().uuidString
        return ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
            + ["--\(boundary)", "Content-Type: text/calendar; charset=utf-8; method=\(method)", "Content-Transfer-Encoding: base64", "", encoded,
               "--\(boundary)--", ""]
    }
}
