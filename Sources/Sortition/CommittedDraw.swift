import LinearSolvers

/// A LEXIMIN draw in two public steps, as a convention runs it: the lottery is computed and its files committed to
/// before anyone knows the seed (`commit`, the long step, run in the background); the seed is fixed in public
/// afterwards and picks the panel (`pick`, instant). The files are those `Draw.run` writes, so `hemicycle draw verify`
/// checks a committed draw as it checks one made in a single step.
public struct CommittedLottery: Sendable, Equatable {
    /// `pool.csv`, `quotas.csv` and `lottery.csv`: what the commitment is the SHA-256 of.
    public let pool: String
    public let quotas: String
    public let lottery: String
    /// `draw.json` before the pick: the commitment, the tickets and the rounding, without seed or ticket.
    public let manifest: DrawManifest

    public init(pool: String, quotas: String, lottery: String, manifest: DrawManifest) {
        self.pool = pool
        self.quotas = quotas
        self.lottery = lottery
        self.manifest = manifest
    }

    /// The files published before the seed is known.
    public var files: [String: String] {
        [ProofFiles.pool: pool, ProofFiles.quotas: quotas, ProofFiles.lottery: lottery, ProofFiles.procedure: ProofFiles.procedureText,
         ProofFiles.manifest: manifest.json()]
    }
}

public enum CommittedDraw {
    /// Computes the LEXIMIN distribution, rounds it to a lottery of `tickets` tickets and commits to the files.
    public static func commit(_ instance: SortitionInstance, tickets: Int = TransparentLottery.defaultTickets,
                              replacement: DrawManifest.Replacement? = nil, seedSource: String? = nil, seedNotBefore: String? = nil,
                              backend: any SolverBackend = COINOR(),
                              progress: ((LeximinProgress) -> Void)? = nil) throws(SortitionError) -> CommittedLottery {
        let profiles = Profiles(instance)
        let pool = ProofFiles.poolCSV(instance, profiles), quotas = ProofFiles.quotasCSV(instance)
        let distribution = try Leximin.distribution(for: instance, backend: backend, progress: progress)
        let lottery = try TransparentLottery.round(distribution, tickets: tickets)
        let ticketsCSV = ProofFiles.lotteryCSV(lottery.tickets)
        let probabilities = lottery.distribution.probabilities
        var manifest = DrawManifest(algorithm: .leximin, panelSize: instance.panelSize, poolSize: instance.people.count, seed: "",
                                    commitment: sha256Hex(pool + quotas + ticketsCSV), tickets: lottery.tickets.count,
                                    minimumProbability: probabilities.min() ?? 0,
                                    optimalMinimumProbability: distribution.minimumProbability,
                                    largestRoundingDeviation: lottery.largestDeviation, roundingWithinOneTicket: lottery.withinOneTicket)
        manifest.replacement = replacement
        manifest.seedSource = seedSource
        manifest.seedNotBefore = seedNotBefore
        return CommittedLottery(pool: pool, quotas: quotas, lottery: ticketsCSV, manifest: manifest)
    }

    /// The committed files of `instance` with a lottery computed earlier (kept with its `draw.json`): the pool and the
    /// quotas written again from the instance. Nothing is checked here; `pick` refuses files that do not match the
    /// commitment, so a lottery kept for another pool is never used.
    public static func restore(_ instance: SortitionInstance, lottery: String, manifest: DrawManifest) -> CommittedLottery {
        let profiles = Profiles(instance)
        return CommittedLottery(pool: ProofFiles.poolCSV(instance, profiles), quotas: ProofFiles.quotasCSV(instance), lottery: lottery,
                                manifest: manifest)
    }

    /// Picks the panel from committed files with the public seed; refuses files that no longer match their
    /// commitment. The result's files are the complete published set.
    public static func pick(_ committed: CommittedLottery, seed: String) throws(SortitionError) -> DrawResult {
        guard !seed.isEmpty else { throw .invalidInstance("The seed is empty.") }
        guard sha256Hex(committed.pool + committed.quotas + committed.lottery) == committed.manifest.commitment else {
            throw .invalidInstance("The files no longer match their commitment.")
        }
        let instance: SortitionInstance, tickets: [PanelTemplate]
        do {
            instance = try ProofFiles.instance(pool: committed.pool, quotas: committed.quotas, panelSize: committed.manifest.panelSize)
            tickets = try DrawVerifier.readTickets(committed.lottery)
        } catch {
            throw .invalidInstance("\(error)")
        }
        guard !tickets.isEmpty else { throw .invalidInstance("The lottery has no ticket.") }
        let profiles = Profiles(instance)
        let drawn = VerifiableDraw.draw(tickets: tickets, profiles: profiles, seed: seed)
        let weights = Array(repeating: 1 / Double(tickets.count), count: tickets.count)
        let probabilities = PanelDistribution(instance: instance, profiles: profiles, panels: tickets, weights: weights).probabilities
        var manifest = committed.manifest
        manifest.seed = seed
        manifest.ticket = drawn.ticket
        var files = committed.files
        files[ProofFiles.manifest] = manifest.json()
        files[ProofFiles.panel] = ProofFiles.panelCSV(instance, drawn.panel)
        files[ProofFiles.probabilities] = ProofFiles.probabilitiesCSV(instance, probabilities)
        return DrawResult(manifest: manifest, files: files, panel: drawn.panel, panelIDs: drawn.panel.map { instance.people[$0].id },
                          probabilities: probabilities, optimal: nil)
    }
}
