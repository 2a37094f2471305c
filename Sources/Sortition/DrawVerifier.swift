import CSVFormat

/// One check of a verification, with what was found.
public struct VerificationCheck: Sendable {
    public let name: String
    public let passed: Bool
    public let detail: String
}

public struct VerificationReport: Sendable {
    public var checks: [VerificationCheck] = []
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    mutating func check(_ name: String, _ passed: Bool, _ detail: String) {
        checks.append(VerificationCheck(name: name, passed: passed, detail: detail))
    }
}

/// Re-derives a draw from its published files alone (`hemicycle draw verify DIR`).
public enum DrawVerifier {
    public static func verify(files: [String: String]) -> VerificationReport {
        var report = VerificationReport()
        func file(_ name: String) -> String? {
            let text = files[name]
            if text == nil { report.check("\(name) present", false, "the file is missing") }
            return text
        }
        guard let manifestText = file(ProofFiles.manifest), let pool = file(ProofFiles.pool), let quotas = file(ProofFiles.quotas),
              let panelText = file(ProofFiles.panel) else { return report }
        let manifest: DrawManifest
        do { manifest = try DrawManifest.read(manifestText) } catch {
            report.check("draw.json readable", false, "\(error)")
            return report
        }
        guard manifest.procedure == DrawManifest.currentProcedure else {
            report.check("procedure", false, "unknown procedure \(manifest.procedure)")
            return report
        }
        let instance: SortitionInstance
        do {
            instance = try ProofFiles.instance(pool: pool, quotas: quotas, panelSize: manifest.panelSize)
        } catch {
            report.check("pool.csv and quotas.csv readable", false, "\(error)")
            return report
        }
        report.check("pool size", instance.people.count == manifest.poolSize, "\(instance.people.count) volunteers, draw.json says \(manifest.poolSize)")
        let profiles = Profiles(instance)
        if let table = try? CSVTable(text: pool, file: ProofFiles.pool), let column = try? table.column("profile") {
            let published = table.rows.map { column < $0.fields.count ? Int($0.fields[column]) : nil }
            report.check("profiles", published == profiles.profileOfPerson.map { Optional($0) },
                         "\(profiles.count) profiles: volunteers with the same value in every category (and no housemate in the pool)")
        }
        let expected: [Int]
        switch manifest.algorithm {
        case .leximin:
            guard let lottery = file(ProofFiles.lottery) else { return report }
            let commitment = sha256Hex(pool + quotas + lottery)
            report.check("commitment", commitment == manifest.commitment, "SHA-256 of pool.csv + quotas.csv + lottery.csv is \(commitment)")
            let tickets: [PanelTemplate]
            do { tickets = try readTickets(lottery) } catch {
                report.check("lottery.csv readable", false, "\(error)")
                return report
            }
            report.check("number of tickets", tickets.count == manifest.tickets, "\(tickets.count) tickets, draw.json says \(manifest.tickets ?? 0)")
            guard !tickets.isEmpty else { return report }
            let model = PanelShape(instance: instance, profiles: profiles)
            let bad = tickets.indices.filter { !model.allows(tickets[$0]) }
            report.check("every ticket meets the quotas", bad.isEmpty,
                         bad.isEmpty ? "\(tickets.count) tickets of \(instance.panelSize) people each" : "tickets \(bad.prefix(10).map(String.init).joined(separator: ", ")) do not")
            let drawn = VerifiableDraw.draw(tickets: tickets, profiles: profiles, seed: manifest.seed)
            report.check("ticket", drawn.ticket == manifest.ticket, "the seed gives ticket \(drawn.ticket), draw.json says \(manifest.ticket ?? -1)")
            expected = drawn.panel
            if let probabilitiesText = files[ProofFiles.probabilities] {
                let weights = Array(repeating: 1 / Double(tickets.count), count: tickets.count)
                let computed = PanelDistribution(instance: instance, profiles: profiles, panels: tickets, weights: weights).probabilities
                report.check("probabilities.csv", matches(probabilitiesText, computed, instance),
                             "each probability equals the share of tickets that seat the person")
            }
        case .legacy:
            let commitment = sha256Hex(pool + quotas)
            report.check("commitment", commitment == manifest.commitment, "SHA-256 of pool.csv + quotas.csv is \(commitment)")
            var generator = DrawGenerator(seed: manifest.seed)
            do { expected = try Legacy.draw(instance, generator: &generator).sorted() } catch {
                report.check("LEGACY draw", false, error.description)
                return report
            }
        }
        let published: [String]
        do { published = try CSVTable(text: panelText, file: ProofFiles.panel).rows.map { $0.fields[0] } } catch {
            report.check("panel.csv readable", false, "\(error)")
            return report
        }
        let ids = expected.map { instance.people[$0].id }
        report.check("panel", Set(ids) == Set(published) && ids.count == published.count,
                     Set(ids) == Set(published) ? "the seed gives the \(ids.count) people of panel.csv"
                        : "the seed gives \(ids.joined(separator: " ")), panel.csv lists \(published.joined(separator: " "))")
        report.check("panel meets the quotas", instance.allows(panel: expected), "size \(instance.panelSize) and every quota")
        return report
    }

    static func readTickets(_ text: String) throws -> [PanelTemplate] {
        let table = try CSVTable(text: text, file: ProofFiles.lottery)
        let column = try table.column("panel")
        return try table.rows.map { row throws(InterchangeError) -> PanelTemplate in
            var profiles: [Int] = [], counts: [Int] = []
            for pair in (column < row.fields.count ? row.fields[column] : "").split(separator: " ") {
                let parts = pair.split(separator: ":")
                guard parts.count == 2, let profile = Int(parts[0]), let count = Int(parts[1]) else {
                    throw InterchangeError(file: ProofFiles.lottery, line: row.line, column: table.position(of: column, in: row),
                                           message: "\"\(pair)\" is not a profile:count pair")
                }
                profiles.append(profile)
                counts.append(count)
            }
            return PanelTemplate(profiles: profiles, counts: counts)
        }
    }

    static func matches(_ text: String, _ computed: [Double], _ instance: SortitionInstance) -> Bool {
        guard let table = try? CSVTable(text: text, file: ProofFiles.probabilities), table.rows.count == computed.count else { return false }
        for (row, (person, value)) in zip(table.rows, zip(instance.people, computed)) {
            guard row.fields.count >= 2, row.fields[0] == person.id, let published = Double(row.fields[1]),
                  abs(published - value) < 1e-9 else { return false }
        }
        return true
    }
}
