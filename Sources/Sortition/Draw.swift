import LinearSolvers

/// A draw to make: the instance, the algorithm and the public seed.
public struct DrawRequest: Sendable {
    public var instance: SortitionInstance
    public var algorithm: DrawManifest.Algorithm
    public var seed: String
    public var tickets: Int
    public var legacyEstimateDraws: Int
    public var replacement: DrawManifest.Replacement?

    public init(instance: SortitionInstance, algorithm: DrawManifest.Algorithm = .leximin, seed: String,
                tickets: Int = TransparentLottery.defaultTickets, legacyEstimateDraws: Int = 10_000,
                replacement: DrawManifest.Replacement? = nil) {
        self.instance = instance
        self.algorithm = algorithm
        self.seed = seed
        self.tickets = tickets
        self.legacyEstimateDraws = legacyEstimateDraws
        self.replacement = replacement
    }
}

public struct DrawResult: Sendable {
    public let manifest: DrawManifest
    /// File name → contents (see `ProofFiles`).
    public let files: [String: String]
    /// Pool indices of the people drawn.
    public let panel: [Int]
    /// Ids of the people drawn, in pool order.
    public let panelIDs: [String]
    /// Every volunteer's probability under the lottery drawn from (estimated for LEGACY).
    public let probabilities: [Double]
    /// LEXIMIN's optimal distribution, before rounding to tickets.
    public let optimal: PanelDistribution?
}

public enum Draw {
    public static func run(_ request: DrawRequest, backend: any SolverBackend = COINOR(),
                           progress: ((LeximinProgress) -> Void)? = nil) throws(SortitionError) -> DrawResult {
        let instance = request.instance
        let profiles = Profiles(instance)
        let pool = ProofFiles.poolCSV(instance, profiles), quotas = ProofFiles.quotasCSV(instance)
        var files = [ProofFiles.pool: pool, ProofFiles.quotas: quotas, ProofFiles.procedure: ProofFiles.procedureText]
        var manifest: DrawManifest
        let panel: [Int], probabilities: [Double]
        var optimal: PanelDistribution?
        switch request.algorithm {
        case .leximin:
            let distribution = try Leximin.distribution(for: instance, backend: backend, progress: progress)
            let lottery = try TransparentLottery.round(distribution, tickets: request.tickets)
            let tickets = ProofFiles.lotteryCSV(lottery.tickets)
            files[ProofFiles.lottery] = tickets
            let drawn = VerifiableDraw.draw(tickets: lottery.tickets, profiles: profiles, seed: request.seed)
            panel = drawn.panel
            probabilities = lottery.distribution.probabilities
            optimal = distribution
            manifest = DrawManifest(algorithm: .leximin, panelSize: instance.panelSize, poolSize: instance.people.count,
                                    seed: request.seed, commitment: sha256Hex(pool + quotas + tickets),
                                    tickets: lottery.tickets.count, ticket: drawn.ticket,
                                    minimumProbability: probabilities.min() ?? 0,
                                    optimalMinimumProbability: distribution.minimumProbability,
                                    largestRoundingDeviation: lottery.largestDeviation,
                                    roundingWithinOneTicket: lottery.withinOneTicket)
        case .legacy:
            var generator = DrawGenerator(seed: request.seed)
            panel = try Legacy.draw(instance, generator: &generator).sorted()
            var estimator = DrawGenerator(seed: request.seed + "/estimate")
            probabilities = try Legacy.estimatedProbabilities(instance, draws: request.legacyEstimateDraws, generator: &estimator)
            manifest = DrawManifest(algorithm: .legacy, panelSize: instance.panelSize, poolSize: instance.people.count,
                                    seed: request.seed, commitment: sha256Hex(pool + quotas),
                                    minimumProbability: probabilities.min() ?? 0,
                                    legacyEstimateDraws: request.legacyEstimateDraws)
        }
        manifest.replacement = request.replacement
        files[ProofFiles.manifest] = manifest.json()
        files[ProofFiles.panel] = ProofFiles.panelCSV(instance, panel)
        files[ProofFiles.probabilities] = ProofFiles.probabilitiesCSV(instance, probabilities)
        return DrawResult(manifest: manifest, files: files, panel: panel, panelIDs: panel.map { instance.people[$0].id },
                          probabilities: probabilities, optimal: optimal)
    }
}
