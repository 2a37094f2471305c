import Foundation
import HemicycleDomain
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import Storage
import Testing
import TestSupport
@testable import Web

/// A minimal SMTP server on loopback that accepts every message and keeps what it received.
actor FakeSMTPServer {
    private(set) var transcripts: [String] = []
    private var channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>?
    let rejectRecipient: String?

    init(rejectRecipient: String? = nil) { self.rejectRecipient = rejectRecipient }

    func start() async throws -> Int {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
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
                try await serve(connection)
            }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            try await say("220 fake ESMTP")
            var inData = false
            var transcript = ""
            for try await buffer in inbound {
                let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                transcript += line + "\n"
                if inData {
                    if line == "." { inData = false; try await say("250 queued") }
                    continue
                }
                switch line.prefix(4).uppercased() {
                case "EHLO": try await say("250-fake\r\n250 AUTH PLAIN")
                case "AUTH": try await say("235 ok")
                case "MAIL": try await say("250 ok")
                case "RCPT":
                    if let reject = rejectRecipient, line.contains(reject) { try await say("550 no such user") } else { try await say("250 ok") }
                case "DATA": inData = true; try await say("354 go ahead")
                case "RSET": try await say("250 ok")
                case "QUIT": try await say("221 bye"); transcripts.append(transcript); return
                default: try await say("500 what")
                }
            }
            transcripts.append(transcript)
        }
    }

    func stop() async throws {
        try await channel?.channel.close()
    }
}

@Suite struct MailTests {
    @Test func smtpURLsAreParsed() throws {
        let settings = try SMTPSettings(url: "smtp://relay%40cese:s3cret@127.0.0.1:2525")
        #expect(settings.host == "127.0.0.1" && settings.port == 2525)
        #expect(settings.username == "relay@cese" && settings.password == "s3cret")
        #expect(throws: SMTPSettings.Invalid.self) { try SMTPSettings(url: "http://example.org") }
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
