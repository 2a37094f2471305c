/// The typed model of a convention's public draw page.
struct DrawPage: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Failure: Encodable {
        let message: String
        let changes: [String]
        let hasChanges: Bool
    }

    struct Commitment: Encodable {
        let hash: String
        let committedAt: String
        let facts: [Fact]
    }

    struct PickForm: Encodable {
        let action: String
        let seed: String
        let error: String?
        let isReplacement: Bool
    }

    struct PanelRow: Encodable {
        let reference: String
        let values: [LocalizedView]
        /// Seated, declined, replaced, or drawn as a replacement.
        let state: String
        /// The secretariat records that the person declined.
        let refuseAction: String?
        let refuseLabel: String
    }

    struct Panel: Encodable {
        let headers: [LocalizedView]
        let rows: [PanelRow]
        let mayRecord: Bool
    }

    struct ReplacementDraw: Encodable {
        let heading: String
        let status: String
        let facts: [Fact]
        let proofURL: String?
    }

    struct Result: Encodable {
        let seed: String
        let drawnAt: String
        let facts: [Fact]
        let chart: String
        let panel: Panel
        let panelCount: String
    }

    let title: LocalizedView
    let backURL: String
    let selfURL: String
    let statusText: String
    let statusCode: String
    /// How the seed of the latest draw will be fixed, announced before its commitment.
    let announcement: [Fact]
    let isRunning: Bool
    let progress: [Fact]
    let hasProgress: Bool
    let failure: Failure?
    let commitment: Commitment?
    let proofURL: String?
    let pick: PickForm?
    let result: Result?
    let replacements: [ReplacementDraw]
    let hasReplacements: Bool
    /// The secretariat abandons the draw under way.
    let abandonAction: String?
    /// The secretariat asks for a replacement draw for the people who declined.
    let replaceAction: String?
    let replaceHelp: String?
}
