import Cooperation
import Foundation
import HemicycleDomain
import Storage

/// What the libraries of good practice need: the notes, the agreements (partners today), the networks, the seats, the
/// documents attached to notes, the clock.
struct PracticeServices: Sendable {
    let notes: PracticeNoteRepository
    let agreements: AgreementRepository
    /// The notes shared by name under agreements.
    let plans: AgreementPlanRepository
    let networks: NetworkRepository
    let memberships: MembershipRepository
    let attachments: AttachmentRepository
    let files: any FileStore
    let uploadLimit: Int
    let uploadQuota: Int
    let clock: any WallClock

    init(site: Site) {
        notes = PracticeNoteRepository(database: site.database)
        agreements = AgreementRepository(database: site.database)
        plans = AgreementPlanRepository(database: site.database)
        networks = NetworkRepository(database: site.database)
        memberships = site.memberships
        attachments = AttachmentRepository(database: site.database)
        files = site.files
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
        clock = site.clock
    }

    /// The documents attached to a note (a model, a calendar, a guide), kept under the council that wrote it.
    static let ownerKind = "practice"

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: files, attachments: attachments, clock: clock, uploadLimit: uploadLimit, uploadQuota: uploadQuota)
    }

    /// What decides which of `council`'s notes the signed-in person reads: whether they sit inside it, the other
    /// councils where they hold a seat that reads (not a citizen's), and which of those are its partners today.
    struct Readers {
        let isInside: Bool
        let councils: Set<Int64>
        let partners: Set<Int64>
        /// The councils each note is shared with by name, under an agreement in force today.
        var granted: [Int64: Set<Int64>] = [:]
        var networkMembers: [Int64: Set<Int64>] = [:]

        /// The reader of what the council keeps for itself and its partners (its questions), networks aside.
        var councilReader: PracticeReader { PracticeReader(isInside: isInside, isPartner: !councils.isDisjoint(with: partners)) }

        func reader(for note: PracticeNoteRecord) -> PracticeReader {
            PracticeReader(isInside: isInside, isPartner: !councils.isDisjoint(with: partners),
                           isInNetwork: note.networkId.map { !(networkMembers[$0] ?? []).isDisjoint(with: councils) } ?? false,
                           isGranted: !(granted[note.id] ?? []).isDisjoint(with: councils))
        }
    }

    func readers(_ scope: CouncilScope, account: Account?) async throws -> Readers {
        let actor = scope.actor
        let isInside = actor.isSecretariat || actor.isBureau || actor.sitsInAssembly
        var councils: Set<Int64> = []
        if let account {
            for seat in try await memberships.all(accountID: account.id) where seat.councilId != scope.council.id {
                if let role = Site.actor(account, seat).role, role != .citizen { councils.insert(seat.councilId) }
            }
        }
        var partners: Set<Int64> = [], granted: [Int64: Set<Int64>] = [:]
        if !councils.isEmpty {
            let parties = try await agreements.parties(councilID: scope.council.id)
            let today = CivilDay(clock.now(), in: scope.council.zone)
            for agreement in try await agreements.all(councilID: scope.council.id) where agreement.calendar.status(on: today).shares {
                partners.formUnion(parties[agreement.id] ?? [])
            }
            partners.remove(scope.council.id)
            // Notes shared by name with one of the reader's councils, under an agreement in force in the writer's calendar.
            for grant in try await plans.noteGrants(grantingID: scope.council.id)
            where councils.contains(grant.grantee) && grant.agreement.calendar.status(on: today).shares {
                granted[grant.note, default: []].insert(grant.grantee)
            }
        }
        return Readers(isInside: isInside, councils: councils, partners: partners, granted: granted)
    }

    /// Adds the members of the networks `notes` are open to, for readers with a seat elsewhere.
    func withNetworks(_ readers: Readers, for notes: [PracticeNoteRecord]) async throws -> Readers {
        guard !readers.councils.isEmpty else { return readers }
        var result = readers
        for id in Set(notes.compactMap(\.networkId)) {
            result.networkMembers[id] = Set(try await networks.members(networkID: id).compactMap(\.councilId))
        }
        return result
    }
}
