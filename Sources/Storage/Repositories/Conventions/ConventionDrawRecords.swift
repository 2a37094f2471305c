import Foundation

/// A convention's draw as its pages show it, without its files.
public struct ConventionDrawRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let conventionId: Int64
    public let number: Int
    /// queued, running, committed, drawn or failed.
    public let status: String
    public let requestedAt: Double
    public let seedSource: String
    public let seedNotBefore: Double
    public let attempts: Int
    public let startedAt: Double?
    public let heartbeatAt: Double?
    public let progressSettled: Int
    public let progressPool: Int
    public let progressPanels: Int
    public let errorKey: String?
    public let errorDetail: String?
    public let commitment: String?
    public let committedAt: Double?
    public let seed: String?
    public let drawnAt: Double?
    /// A replacement draw: the references of the people who declined (JSON array).
    public let withdrawn: String?

    public var withdrawnReferences: [String] {
        withdrawn.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    enum CodingKeys: String, CodingKey {
        case id
        case conventionId = "convention_id"
        case number
        case status
        case requestedAt = "requested_at"
        case seedSource = "seed_source"
        case seedNotBefore = "seed_not_before"
        case attempts
        case startedAt = "started_at"
        case heartbeatAt = "heartbeat_at"
        case progressSettled = "progress_settled"
        case progressPool = "progress_pool"
        case progressPanels = "progress_panels"
        case errorKey = "error_key"
        case errorDetail = "error_detail"
        case commitment
        case committedAt = "committed_at"
        case seed
        case drawnAt = "drawn_at"
        case withdrawn
    }
}

/// The published files of a draw, as far as it has gone (`ProofFiles` names them).
public struct ConventionDrawFiles: Sendable, Equatable, Decodable {
    public let poolCsv: String?
    public let quotasCsv: String?
    public let lotteryCsv: String?
    /// draw.json: as committed (no seed), then as drawn.
    public let manifest: String?
    public let panelCsv: String?
    public let probabilitiesCsv: String?

    enum CodingKeys: String, CodingKey {
        case poolCsv = "pool_csv"
        case quotasCsv = "quotas_csv"
        case lotteryCsv = "lottery_csv"
        case manifest
        case panelCsv = "panel_csv"
        case probabilitiesCsv = "probabilities_csv"
    }
}

/// A draw the worker has taken: which convention, and the lease it holds.
public struct ClaimedDraw: Sendable, Equatable {
    public let id: Int64
    public let conventionID: Int64
    public let councilID: Int64
    public let number: Int
    /// How many workers took it, this one included.
    public let attempts: Int
}

/// How the public seed will be fixed, announced with the request, before the commitment.
public struct SeedAnnouncement: Sendable, Equatable {
    /// The public event the seed is read from ("the numbers of the national lottery of 12 December").
    public let source: String
    /// The seed cannot be entered before this time (seconds since 1970).
    public let notBefore: Double

    public init(source: String, notBefore: Double) {
        self.source = source
        self.notBefore = notBefore
    }
}

/// A message to queue with the pick, in the same transaction.
public struct QueuedMail: Sendable, Equatable {
    public let recipient: String
    public let subject: String
    public let body: String
    public let kind: String

    public init(recipient: String, subject: String, body: String, kind: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.kind = kind
    }
}

/// Where the worker is in the computation.
public struct DrawProgress: Sendable, Equatable {
    public var settled: Int
    public var pool: Int
    public var panels: Int

    public init(settled: Int, pool: Int, panels: Int) {
        self.settled = settled
        self.pool = pool
        self.panels = panels
    }
}

/// A volunteer as the draw reads them: their pseudonymous reference, their values and, for the household rule, where
/// they live.
public struct DrawVolunteer: Sendable, Equatable {
    public let id: Int64
    public let reference: String
    public let valueIDs: [Int64]
    public let address: String?
    public let postcode: String?
}

/// A person on the panel.
public struct PanelMemberRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let drawId: Int64
    public let volunteerId: Int64?
    public let reference: String
    public let refusedAt: Double?
    public let replacedInDraw: Int64?

    enum CodingKeys: String, CodingKey {
        case id
        case drawId = "draw_id"
        case volunteerId = "volunteer_id"
        case reference
        case refusedAt = "refused_at"
        case replacedInDraw = "replaced_in_draw"
    }
}
