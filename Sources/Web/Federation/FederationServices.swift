import Crypto
import Federation
import Foundation
import HemicycleDomain
import Storage

/// What federation needs: the links, the inbox and outbox, the items a council may share, the clock, the instance's
/// public address (its inbox's address is what partners sign for) and its signing key.
struct FederationServices: Sendable {
    let peers: FederationPeerRepository
    let inbox: FederationInboxRepository
    let outbox: FederationOutboxRepository
    let councils: CouncilRepository
    let memberships: MembershipRepository
    let notes: PracticeNoteRepository
    let agreements: AgreementRepository
    let contributions: PartnerContributionRepository
    let works: WorkRepository
    let localizer: Localizer
    let clock: any WallClock
    let baseURL: String
    /// Partners may be reached over plain HTTP in development only.
    let isDevelopment: Bool

    init(site: Site) {
        peers = FederationPeerRepository(database: site.database)
        inbox = FederationInboxRepository(database: site.database)
        outbox = FederationOutboxRepository(database: site.database)
        councils = site.councils
        memberships = site.memberships
        notes = PracticeNoteRepository(database: site.database)
        agreements = AgreementRepository(database: site.database)
        contributions = PartnerContributionRepository(database: site.database)
        works = site.works
        localizer = site.localizer
        clock = site.clock
        baseURL = site.configuration.baseURL
        isDevelopment = site.configuration.isDevelopment
    }

    /// This instance's inbox, as partners address it and sign for it.
    var inboxAddress: String { baseURL + FederationPaths.inbox.url }

    /// The instance's signing key: made on first use and kept in the database, the same for every server process.
    func signingKey() async throws -> Curve25519.Signing.PrivateKey {
        let text = try await peers.instanceKey(newKey: { Curve25519.Signing.PrivateKey().rawRepresentation.base64EncodedString() },
                                               at: clock.now().timeIntervalSince1970)
        guard let data = Data(base64Encoded: text) else { throw StoreError.notFound }
        return try Curve25519.Signing.PrivateKey(rawRepresentation: data)
    }
}
