import Crypto
import Federation
import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import Storage
import Testing
import TestSupport
@testable import Web

/// Two instances on loopback: the French council's instance shares with the Moroccan council's, which serves for
/// real on a port of this machine. Delivery, redelivery (kept once), a tampered body and a replayed request
/// (refused), a partner down (delivered once it is back, nothing lost), a revoked key (refused).
@Suite(.serialized) struct FederationLoopbackTests {
    static let logger: Logger = {
        var logger = Logger(label: "federation-test")
        logger.logLevel = .critical
        return logger
    }()

    /// A port nothing listens on now.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    static func site(_ database: any Database, baseURL: String, resources: HemicycleServer.Resources, clock: TestClock) -> Site {
        var configuration = Harness.configuration()
        configuration.baseURL = baseURL
        return Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer, clock: clock,
                    ids: SequentialIdentifiers())
    }

    /// Serves `site` on `port` while `body` runs.
    static func serving(_ site: Site, resources: HemicycleServer.Resources, port: Int, _ body: () async throws -> Void) async throws {
        let started = ReadySignal()
        let app = Application(router: HemicycleServer.buildRouter(site: site, resources: resources),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in started.open() }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        do {
            try await started.wait()
            try await body()
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }

    static func document(_ title: String, id: String = UUID().uuidString.lowercased(), sender: String = "http://a.test",
                         recipient: String = "cese-ma") throws -> [UInt8] {
        try SharedDocument(
            id: id, kind: .practiceNote, sender: .init(instance: sender, council: "cese-fr", councilName: "CESE"), recipient: recipient,
            sharedAt: "2026-11-30T09:00:00Z",
            item: .init(title: title, summary: "", body: "Texte.", language: "fr", url: "http://a.test/cese-fr/practices/1")).encoded()
    }

    @Test func twoInstancesExchangeSignedDocuments() async throws {
        let resources = try await HemicycleServer.Resources.bundled()
        let port = try await Self.freePort()
        let inboxAddress = "http://127.0.0.1:\(port)/federation/inbox"
        try await TestDatabase.with(.sqlite) { databaseA in
            try await TestDatabase.with(.sqlite) { databaseB in
                let clockA = TestClock(), clockB = TestClock()
                let siteA = Self.site(databaseA, baseURL: "http://a.test", resources: resources, clock: clockA)
                let siteB = Self.site(databaseB, baseURL: "http://127.0.0.1:\(port)", resources: resources, clock: clockB)
                try await DemoData(site: siteA).load()
                try await DemoData(site: siteB).load()
                let servicesA = FederationServices(site: siteA), servicesB = FederationServices(site: siteB)
                let keyA = try await servicesA.signingKey(), keyB = try await servicesB.signingKey()
                #expect(keyA.publicKey.rawRepresentation != keyB.publicKey.rawRepresentation)
                // The keys exchanged out of band: each administrator pastes the other's.
                let peerB = try await servicesA.peers.link(name: "CESE du Maroc", baseURL: "http://127.0.0.1:\(port)",
                                                          keyID: FederationKey.keyID(keyB.publicKey), publicKey: FederationKey.text(keyB.publicKey), at: 1)
                let peerA = try await servicesB.peers.link(name: "CESE", baseURL: "http://a.test", keyID: FederationKey.keyID(keyA.publicKey),
                                                          publicKey: FederationKey.text(keyA.publicKey), at: 1)
                let morocco = try #require(try await siteB.councils.find(slug: "cese-ma"))
                let france = try #require(try await siteA.councils.find(slug: "cese-fr"))
                let received: @Sendable () async throws -> [ReceivedDocumentRecord] = { try await servicesB.inbox.all(councilID: morocco.id) }
                let transport = HTTPFederationTransport(timeout: .seconds(10))
                let dispatcher = FederationDispatcher(services: servicesA, transport: transport, logger: Self.logger)
                do {
                    // The French secretariat shares a note with the Moroccan council while its instance is down.
                    let note = try #require(try await servicesA.notes.all(councilID: france.id).first { $0.audience != "council" })
                    try await Application(router: HemicycleServer.buildRouter(site: siteA, resources: resources)).test(.router) { client in
                        let staff = Visitor(client, acceptLanguage: "fr")
                        try await staff.signIn("secretariat@cese-fr.example")
                        let shared = try await staff.post("/cese-fr/cooperation/instances",
                                                          [("item", "practice_note:\(note.id)"), ("peer", "\(peerB)"), ("recipient", "cese-ma")])
                        #expect(shared.status == .seeOther)
                    }
                    #expect(try await dispatcher.deliverDue() == 0)
                    let waiting = try #require(try await servicesA.outbox.all(councilID: france.id).first)
                    #expect(waiting.attempts == 1 && waiting.deliveredAt == nil && waiting.lastError == "unreachable")
                    #expect(waiting.nextAttemptAt > clockA.now().timeIntervalSince1970 + 20)

                    try await Self.serving(siteB, resources: resources, port: port) {
                        // Back up: not retried before its time, then delivered, once.
                        #expect(try await dispatcher.deliverDue() == 0)
                        clockA.advance(by: DeliverySchedule.delay(afterAttempt: 1) + 1)
                        #expect(try await dispatcher.deliverDue() == 1)
                        let first = try await received()
                        #expect(first.count == 1 && first.first?.title == note.title && first.first?.senderInstance == "http://a.test")
                        let delivered = try #require(try await servicesA.outbox.find(id: waiting.id))
                        #expect(delivered.deliveredAt != nil && delivered.attempts == 2)
                        #expect(try await dispatcher.deliverDue() == 0)

                        // Delivered again (an answer lost on the way): a new signature, the same document, kept once.
                        #expect(try await dispatcher.deliver(delivered, to: try #require(try await servicesA.peers.find(id: peerB)), key: keyA) == .delivered)
                        #expect(try await received().count == 1)

                        // A request replayed as it was: refused the second time.
                        let body = try Self.document("Note rejouée")
                        let fields = try SignedDelivery.fields(body: body, target: inboxAddress, key: keyA, now: clockA.now(), nonce: "r1")
                        let once = try await transport.post(url: inboxAddress, fields: fields, body: body)
                        #expect(once.status == 201)
                        let twice = try await transport.post(url: inboxAddress, fields: fields, body: body)
                        #expect(twice.status == 401 && twice.answer.contains("rejouée"))
                        #expect(try await received().count == 2)

                        // A body changed on the way, with or without a new digest: refused, nothing kept.
                        let honest = try Self.document("Note honnête")
                        let signed = try SignedDelivery.fields(body: honest, target: inboxAddress, key: keyA, now: clockA.now(), nonce: "t1")
                        let tampered = try Self.document("Note falsifiée")
                        #expect(try await transport.post(url: inboxAddress, fields: signed, body: tampered).status == 400)
                        let redigested = signed.map { $0.name == "content-digest" ? (name: $0.name, value: HTTPMessageSignatures.contentDigest(tampered)) : $0 }
                        #expect(try await transport.post(url: inboxAddress, fields: redigested, body: tampered).status == 401)
                        // Unsigned, signed by a key nobody linked, too old, or speaking for another instance: refused.
                        #expect(try await transport.post(url: inboxAddress, fields: [("content-type", "application/json")], body: honest).status == 401)
                        let stranger = try SignedDelivery.fields(body: honest, target: inboxAddress, key: Curve25519.Signing.PrivateKey(),
                                                                 now: clockA.now(), nonce: "s1")
                        #expect(try await transport.post(url: inboxAddress, fields: stranger, body: honest).status == 403)
                        let old = try SignedDelivery.fields(body: honest, target: inboxAddress, key: keyA,
                                                            now: clockA.now().addingTimeInterval(-Double(SignedDelivery.window) - 60), nonce: "o1")
                        #expect(try await transport.post(url: inboxAddress, fields: old, body: honest).status == 401)
                        let impostor = try Self.document("Note d'une autre", sender: "http://c.test")
                        let impostorFields = try SignedDelivery.fields(body: impostor, target: inboxAddress, key: keyA, now: clockA.now(), nonce: "i1")
                        #expect(try await transport.post(url: inboxAddress, fields: impostorFields, body: impostor).status == 422)
                        // For a council the instance does not have: refused in the sender's language.
                        let lost = try Self.document("Note perdue", recipient: "cese-xx")
                        var lostFields = try SignedDelivery.fields(body: lost, target: inboxAddress, key: keyA, now: clockA.now(), nonce: "l1")
                        lostFields.append(("accept-language", "ar"))
                        let unknown = try await transport.post(url: inboxAddress, fields: lostFields, body: lost)
                        #expect(unknown.status == 404 && unknown.answer.contains("لا يوجد في هذه المنصة مجلس"))
                        #expect(try await received().count == 2)
                        // Shared to a council the partner does not have: refused for good, with the partner's reason,
                        // and not tried again.
                        let misdirected = try await servicesA.outbox.enqueue(.init(
                            peerID: peerB, councilID: france.id, documentID: UUID().uuidString.lowercased(), kind: "practice_note", title: "Égarée",
                            recipient: "cese-xx", payload: String(decoding: try Self.document("Égarée", recipient: "cese-xx"), as: UTF8.self)),
                            at: clockA.now().timeIntervalSince1970)
                        #expect(try await dispatcher.deliverDue() == 0)
                        let refused = try #require(try await servicesA.outbox.find(id: misdirected))
                        #expect(refused.refusedAt != nil && refused.lastError?.hasPrefix("HTTP 404: Aucun conseil de cette instance") == true)
                        clockA.advance(by: DeliverySchedule.longest + 1)
                        clockB.advance(by: DeliverySchedule.longest + 1)
                        #expect(try await servicesA.outbox.due(at: clockA.now().timeIntervalSince1970).isEmpty)

                        // The Moroccan members read what came; a citizen does not.
                        try await Application(router: HemicycleServer.buildRouter(site: siteB, resources: resources)).test(.router) { client in
                            let member = Visitor(client, acceptLanguage: "fr")
                            try await member.signIn("membre@cese-ma.example")
                            let list = try await member.get("/cese-ma/cooperation/instances")
                            #expect(list.status == .ok && list.text.contains(note.title) && list.text.contains("Note rejouée"))
                            let item = try #require(try await received().first { $0.title == note.title })
                            let page = try await member.get("/cese-ma/cooperation/instances/received/\(item.id)")
                            #expect(page.status == .ok && page.text.contains("http://a.test/cese-fr/practices/\(note.id)"))
                            let citizen = Visitor(client, acceptLanguage: "fr")
                            try await citizen.signIn("citoyenne@cese-ma.example")
                            #expect(try await citizen.get("/cese-ma/cooperation/instances/received/\(item.id)").status == .forbidden)
                        }

                        // The Moroccan administrators revoke the French key: what it signs is refused from then on.
                        try await servicesB.peers.revoke(id: peerA, at: clockB.now().timeIntervalSince1970)
                        let after = try Self.document("Après la révocation")
                        let afterFields = try SignedDelivery.fields(body: after, target: inboxAddress, key: keyA, now: clockA.now(), nonce: "v1")
                        #expect(try await transport.post(url: inboxAddress, fields: afterFields, body: after).status == 403)
                        _ = try await servicesA.outbox.enqueue(.init(peerID: peerB, councilID: france.id, documentID: UUID().uuidString.lowercased(),
                                                                     kind: "practice_note", title: "Après", recipient: "cese-ma",
                                                                     payload: String(decoding: try Self.document("Après"), as: UTF8.self)),
                                                               at: clockA.now().timeIntervalSince1970)
                        #expect(try await dispatcher.deliverDue() == 0)
                        #expect(try await servicesA.outbox.all(councilID: france.id).first?.lastError?.contains("HTTP 403") == true)
                        #expect(try await received().count == 2)
                        // Revoked on this side too: nothing more is tried, and the secretariat is told why.
                        try await servicesA.peers.revoke(id: peerB, at: clockA.now().timeIntervalSince1970)
                        clockA.advance(by: DeliverySchedule.longest + 1)
                        #expect(try await servicesA.outbox.due(at: clockA.now().timeIntervalSince1970).isEmpty)
                        try await Application(router: HemicycleServer.buildRouter(site: siteA, resources: resources)).test(.router) { client in
                            let staff = Visitor(client, acceptLanguage: "fr")
                            try await staff.signIn("secretariat@cese-fr.example")
                            #expect(try await staff.get("/cese-fr/cooperation/instances").text.contains("le lien avec cette instance a été révoqué"))
                        }
                    }
                } catch {
                    try? await transport.shutdown()
                    throw error
                }
                try await transport.shutdown()
            }
        }
    }
}
