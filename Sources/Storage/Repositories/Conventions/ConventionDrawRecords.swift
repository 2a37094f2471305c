import Foundation

/// A convention's draw as its pages show it, without its files.
public struct ConventionDrawRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let conventionId: Int64
    public let number: Int
    /// queued, running, committed, drawn or failed.
    public let status: String
    public let requestedAt: Double
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
