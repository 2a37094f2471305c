import Foundation
import HemicycleDomain
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Storage
import Testing
import TestRequirements
import TestSupport
@testable import Web

/// A minimal SMTP server on loopback that accepts every message and keeps what it received; with a TLS context it
/// offers STARTTLS, or (implicit) speaks TLS from the start.
actor FakeSMTPServer {
    private(set) var transcripts: [String] = []
    private var channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
    let rejectRecipient: String?
    let tls: NIOSSLContext?
    let implicitTLS: Bool
    /// A man in the middle: plaintext replies sent with the STARTTLS "220", to be read as if they came over TLS.
    let injectAfterStartTLS: Bool

    init(rejectRecipient: String? = nil, tls: NIOSSLContext? = nil, implicitTLS: Bool = false, injectAfterStartTLS: Bool = false) {
        self.rejectRecipient = rejectRecipient
        self.tls = tls
        self.implicitTLS = implicitTLS
        self.injectAfterStartTLS = injectAfterStartTLS
    }

    func start() async throws -> Int {
        let implicit = implicitTLS ? tls : nil
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    if let implicit { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicit)) }
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        channel = server
        Task { try await self.accept(server) }
        return server.channel.localAddress!.port!
    }

    private func accept(_ server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) async throws {
        try await server.executeThenClose { inbound in
            for try await connection in inbound {
                // A connection that fails (a refused TLS handshake) ends; the server goes on.
                try? await serve(connection)
            }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 fake ESMTP")
            var inData = false
            var transcript = ""
            defer { transcripts.append(transcript) }
            for try await buffer in inbound {
                let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                transcript += line + "\n"
                if inData {
                    if line == "." { inData = false; try await say("250 queued") }
                    continue
                }
                switch line.prefix(4).uppercased() {
                case "EHLO": try await say(tls != nil && !implicitTLS ? "250-fake\r\n250-STARTTLS\r\n250 AUTH PLAIN" : "250-fake\r\n250 AUTH PLAIN")
                case "STAR":
                    guard let tls else { try await say("502 no"); continue }
                    try await say(injectAfterStartTLS ? "220 go ahead\r\n250-fake\r\n250 AUTH PLAIN\r\n235 ok" : "220 go ahead")
                    try await connection.channel.eventLoop.submit {
                        try connection.channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                    }.get()
                case "AUTH": try await say("235 ok")
                case "MAIL": try await say("250 ok")
                case "RCPT":
                    if let reject = rejectRecipient, line.contains(reject) { try await say("550 no such user") } else { try await say("250 ok") }
                case "DATA": inData = true; try await say("354 go ahead")
                case "RSET": try await say("250 ok")
                case "QUIT": try await say("221 bye"); return
                default: try await say("500 what")
                }
            }
        }
    }

    func stop() async throws {
        try await channel?.channel.close()
    }
}

/// A self-signed certificate for 127.0.0.1, made with the openssl command, and the contexts that use it.
enum TestCertificate {
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    static func make() throws -> (server: NIOSSLContext, caFile: String) {
        try Requirement.require(isAvailable, "/usr/bin/openssl")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Requirement.Missing(description: "openssl could not make a certificate") }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        return (try NIOSSLContext(configuration: configuration), certificate)
    }
}

@Suite struct MailTests {
    /// A convocation: its text and its calendar invitation side by side, each in base64, the method from the
    /// invitation; a message without one is the text alone.
    @Test func anInvitationTravelsBesideTheText() throws {
        let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
        let rendered = SMTPClient.render(SMTPClient.Message(to: "a@example.org", subject: "s", body: "Bonjour", calendar: calendar), from: "h")
        let boundary = try #require(rendered.components(separatedBy: "boundary=\"").dropFirst().first?.prefix { $0 != "\"" })
        #expect(rendered.contains("\r\nContent-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n"))
        #expect(rendered.contains("\r\n--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Data("Bonjour".utf8).base64EncodedString() + "\r\n"))
        #expect(rendered.contains("\r\n--\(boundary)\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Data(calendar.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            + "\r\n--\(boundary)--\r\n"))
        #expect(rendered.hasSuffix("\r\n.\r\n"))
        let plain = SMTPClient.render(SMTPClient.Message(to: "a@example.org", subject: "s", body: "Bonjour"), from: "h")
        #expect(!plain.contains("multipart") && plain.contains("Content-Type: text/plain; charset=utf-8"))
    }

    @Test func smtpURLsAreParsed() throws {
        let settings = try SMTPSettings(url: "smtp://relay%40cese:s3cret@127.0.0.1:2525")
        #expect(settings.host == "127.0.0.1" && settings.port == 2525)
        #expect(settings.username == "relay@cese" && settings.password == "s3cret")
        #expect(throws: SMTPSettings.Invalid.self) { try SMTPSettings(url: "http://example.org") }
        #expect(try SMTPSettings(url: "smtps://relay.example.org").port == 465)
        #expect(try SMTPSettings(url: "smtps://relay.example.org").security == .implicit)
        #expect(try SMTPSettings(url: "smtp://relay.example.org?starttls=required").security == .required)
        // A relay elsewhere gets nothing in clear unless the operator says so; one on this machine may be plain.
        #expect(try SMTPSettings(url: "smtp://relay.example.org").security == .required)
        #expect(try SMTPSettings(url: "smtp://relay.example.org?starttls=optional").security == .opportunistic)
        #expect(try SMTPSettings(url: "smtp://127.0.0.1:2525").security == .opportunistic)
        #expect(!(try SMTPSettings(url: "smtp://127.evil.example").isLoopback))
    }

    static func send(_ server: FakeSMTPServer, url: String, caFile: String?) async throws -> (sent: Bool, transcript: String) {
        let port = try await server.start()
        let client = SMTPClient(settings: try SMTPSettings(url: url.replacingOccurrences(of: "PORT", with: "\(port)"), trustRootsFile: caFile),
                                from: "Hemicycle <no-reply@hemicycle.test>")
        let results = try? await client.send([.init(to: "salma@example.org", subject: "Objet", body: "Corps")])
        try await server.stop()
        let sent = results.map { $0.allSatisfy { if case .success = $0 { true } else { false } } } ?? false
        return (sent, await server.transcripts.joined(separator: "---\n"))
    }

    @Test(.enabled(if: Requirement.runs(when: TestCertificate.isAvailable, "/usr/bin/openssl")))
    func credentialsTravelOnlyOverTLSWhenTheServerOffersIt() async throws {
        let certificate = try TestCertificate.make()
        // STARTTLS: the password is sent only after the upgrade.
        let upgraded = try await Self.send(FakeSMTPServer(tls: certificate.server), url: "smtp://user:pw@127.0.0.1:PORT", caFile: certificate.caFile)
        #expect(upgraded.sent)
        let lines = upgraded.transcript.split(separator: "\n").map(String.init)
        let starttls = try #require(lines.firstIndex(of: "STARTTLS")), auth = try #require(lines.firstIndex { $0.hasPrefix("AUTH PLAIN") })
        #expect(starttls < auth && lines[starttls + 1].hasPrefix("EHLO"))
        // An untrusted certificate: nothing is sent, the password least of all.
        let untrusted = try await Self.send(FakeSMTPServer(tls: certificate.server), url: "smtp://user:pw@127.0.0.1:PORT", caFile: nil)
        #expect(!untrusted.sent && !untrusted.transcript.contains("AUTH"))
        // STARTTLS required but not offered: refused before AUTH.
        let clear = try await Self.send(FakeSMTPServer(), url: "smtp://user:pw@127.0.0.1:PORT?starttls=required", caFile: nil)
        #expect(!clear.sent && !clear.transcript.contains("AUTH"))
        // Replies slipped in with the STARTTLS "220" (CVE-2011-0411): the connection fails, nothing is marked sent.
        let injected = try await Self.send(FakeSMTPServer(tls: certificate.server, injectAfterStartTLS: true),
                                           url: "smtp://user:pw@127.0.0.1:PORT", caFile: certificate.caFile)
        #expect(!injected.sent && !injected.transcript.contains("AUTH"))
        // smtps://: TLS from the first byte.
        let implicit = try await Self.send(FakeSMTPServer(tls: certificate.server, implicitTLS: true), url: "smtps://user:pw@127.0.0.1:PORT",
                                           caFile: certificate.caFile)
        #expect(implicit.sent && implicit.transcript.contains("AUTH PLAIN"))
    }

    @Test func anAddressWithALineBreakIsNeverWrittenToTheServer() async throws {
        let server = FakeSMTPServer()
        let port = try await server.start()
        let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:\(port)"), from: "Hemicycle <no-reply@hemicycle.test>")
        let results = try await client.send([.init(to: "a@b.example>\r\nRCPT TO:<victim@c.example", subject: "S", body: "B"),
                                             .init(to: "ok@b.example", subject: "S", body: "B")])
        try await server.stop()
        #expect(results.count == 2)
        if case .success = results[0] { Issue.record("the injected address was sent") }
        if case .failure = results[1] { Issue.record("the clean address failed") }
        #expect(!(await server.transcripts.joined()).contains("victim"))
    }

    @Test(arguments: TestDatabase.kinds)
    func theDispatcherSendsTheOutboxOverSMTP(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let server = FakeSMTPServer(rejectRecipient: "bounce@example.org")
            let port = try await server.start()
            let outbox = OutboxRepository(database: database)
            try await outbox.enqueue(recipient: "salma@example.org", subject: "تأكيد عنوانك", body: "مرحبا\nhttp://x/verify?token=abc",
                                     kind: "verify_email", at: Date())
            try await outbox.enqueue(recipient: "bounce@example.org", subject: "Hello", body: "Body", kind: "k", at: Date())
            let client = SMTPClient(settings: try SMTPSettings(url: "smtp://user:pw@127.0.0.1:\(port)"),
                                    from: "Hemicycle <no-reply@hemicycle.test>")
            let dispatcher = OutboxDispatcher(outbox: outbox, client: client, logger: Logger(label: "test"))
            #expect(try await dispatcher.dispatchPending() == 1)
            try await server.stop()

            let transcript = try #require(await server.transcripts.first)
            #expect(transcript.contains("AUTH PLAIN \(Data("\0user\0pw".utf8).base64EncodedString())"))
            #expect(transcript.contains("MAIL FROM:<no-reply@hemicycle.test>"))
            #expect(transcript.contains("RCPT TO:<salma@example.org>"))
            #expect(transcript.contains("Subject: =?UTF-8?B?\(Data("تأكيد عنوانك".utf8).base64EncodedString())?="))
            #expect(transcript.contains(Data("مرحبا\nhttp://x/verify?token=abc".utf8).base64EncodedString()))

            let messages = try await outbox.latest()
            let sent = try #require(messages.first { $0.recipient == "salma@example.org" })
            #expect(sent.sentAt != nil && sent.attempts == 1)
            let bounced = try #require(messages.first { $0.recipient == "bounce@example.org" })
            #expect(bounced.sentAt == nil && bounced.attempts == 1)
            #expect(bounced.lastError?.contains("550") == true)
        }
    }
}
