import Foundation
import Sortition
import Testing

@Suite("Verifiable draws")
struct DrawTests {
    @Test("the generator is SHA-256 in counter mode, as published (values computed independently with Python's hashlib)")
    func generatorKnownAnswers() {
        var generator = DrawGenerator(seed: "hemicycle")
        let words = (0..<5).map { _ in generator.nextWord() }
        #expect(words == [4179352113172491333, 9255944890332574767, 18320097993238094507, 8196670899455325784, 1751183322544472713])
        var uniform = DrawGenerator(seed: "hemicycle")
        #expect((0..<5).map { _ in uniform.uniform(below: 1000) } == [333, 767, 507, 784, 713])
    }

    @Test("uniform(below:) is unbiased enough to see: 60,000 draws of a die")
    func generatorIsUniform() {
        var generator = DrawGenerator(seed: "die")
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.uniform(below: 6)] += 1 }
        // Chi-squared with 5 degrees of freedom; 20.5 is the 0.999 quantile.
        let chi = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        #expect(chi < 20.5, "counts \(counts)")
    }

    @Test("a LEXIMIN draw verifies from its files alone, and the same seed gives the same panel")
    func drawVerifies() throws {
        let instance = SmallPools.pool()
        let result = try Draw.run(DrawRequest(instance: instance, seed: "public seed 1", tickets: 200))
        #expect(instance.allows(panel: result.panel))
        #expect(abs(result.probabilities.reduce(0, +) - 10) < 1e-9)
        let report = DrawVerifier.verify(files: result.files)
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.detail))")
        // draw.json says whether the lottery keeps within one ticket of LEXIMIN, as the rounding found.
        let lottery = try TransparentLottery.round(try #require(result.optimal), tickets: 200)
        let manifest = try DrawManifest.read(try #require(result.files["draw.json"]))
        #expect(manifest.roundingWithinOneTicket == lottery.withinOneTicket)
        #expect(result.files["draw.json"]!.contains("\"rounding_within_one_ticket\" : \(lottery.withinOneTicket)"))
        let again = try Draw.run(DrawRequest(instance: instance, seed: "public seed 1", tickets: 200))
        #expect(again.panel == result.panel)
        #expect(again.files == result.files)
        let panels = try Set((2...6).map { try Draw.run(DrawRequest(instance: instance, seed: "public seed \($0)", tickets: 200)).panel })
        #expect(panels.count > 1, "different seeds should give different panels")
    }

    @Test("a draw committed before the seed is known and picked afterwards gives the one-step draw's panel and files, and verifies")
    func committedThenPicked() throws {
        let instance = SmallPools.pool()
        let committed = try CommittedDraw.commit(instance, tickets: 200)
        #expect(committed.manifest.seed.isEmpty && committed.manifest.ticket == nil)
        let picked = try CommittedDraw.pick(committed, seed: "public seed 1")
        let once = try Draw.run(DrawRequest(instance: instance, seed: "public seed 1", tickets: 200))
        #expect(picked.panel == once.panel && picked.panelIDs == once.panel.map { instance.people[$0].id })
        #expect(picked.manifest.commitment == once.manifest.commitment && picked.manifest.ticket == once.manifest.ticket)
        for name in [ProofFiles.pool, ProofFiles.quotas, ProofFiles.lottery, ProofFiles.panel] { #expect(picked.files[name] == once.files[name]) }
        #expect(zip(picked.probabilities, once.probabilities).allSatisfy { abs($0 - $1) < 1e-12 })
        let report = DrawVerifier.verify(files: picked.files)
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.detail))")
        // Files changed after the commitment are refused before anything is drawn.
        let altered = CommittedLottery(pool: committed.pool + "x", quotas: committed.quotas, lottery: committed.lottery, manifest: committed.manifest)
        #expect(throws: SortitionError.self) { try CommittedDraw.pick(altered, seed: "public seed 1") }
        #expect(throws: SortitionError.self) { try CommittedDraw.pick(committed, seed: "") }
    }

    @Test("verification fails when the panel, the lottery or the seed is changed")
    func tamperingIsCaught() throws {
        let result = try Draw.run(DrawRequest(instance: SmallPools.pool(), seed: "s", tickets: 100))
        var files = result.files
        let panelLines = files["panel.csv"]!.split(separator: "\n")
        let someoneElse = SmallPools.pool().people.map(\.id).first { id in !panelLines.contains { $0.hasPrefix(id + ",") } }!
        files["panel.csv"] = ([String(panelLines[0]), someoneElse + ",female,16-29,urban"] + panelLines.dropFirst(2).map(String.init)).joined(separator: "\n") + "\n"
        let panelReport = DrawVerifier.verify(files: files)
        #expect(!panelReport.passed)
        #expect(panelReport.checks.contains { $0.name == "panel" && !$0.passed })

        var lottery = result.files
        var lines = lottery["lottery.csv"]!.split(separator: "\n").map(String.init)
        lines[1] = lines[2]
        lottery["lottery.csv"] = lines.joined(separator: "\n") + "\n"
        #expect(DrawVerifier.verify(files: lottery).checks.contains { $0.name == "commitment" && !$0.passed })

        var seed = result.files
        seed["draw.json"] = seed["draw.json"]!.replacingOccurrences(of: "\"seed\" : \"s\"", with: "\"seed\" : \"t\"")
        #expect(!DrawVerifier.verify(files: seed).passed)

        var missing = result.files
        missing["lottery.csv"] = nil
        #expect(!DrawVerifier.verify(files: missing).passed)
    }

    @Test("a LEGACY draw verifies too")
    func legacyDrawVerifies() throws {
        let result = try Draw.run(DrawRequest(instance: SmallPools.pool(), algorithm: .legacy, seed: "legacy", legacyEstimateDraws: 500))
        #expect(DrawVerifier.verify(files: result.files).passed)
        #expect(result.manifest.legacyEstimateDraws == 500)
    }

    @Test("the rounded lottery stays close to the optimal distribution")
    func lotteryRounding() throws {
        let distribution = try Leximin.distribution(for: SmallPools.pool())
        let lottery = try TransparentLottery.round(distribution, tickets: 1000)
        #expect(lottery.tickets.count == 1000)
        #expect(lottery.largestDeviation < 0.01)
        let gap = abs(lottery.distribution.minimumProbability - distribution.minimumProbability)
        #expect(gap <= lottery.largestDeviation + 1e-12)
        try DistributionChecks.assertSound(lottery.distribution)
    }
}
