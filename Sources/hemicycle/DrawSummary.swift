import Foundation
import Sortition

/// The probabilities summary printed after a draw.
enum DrawSummary {
    static func text(_ result: DrawResult, instance: SortitionInstance, elapsed: Duration) -> String {
        let n = instance.people.count, k = instance.panelSize
        let probabilities = result.probabilities
        let sorted = probabilities.sorted()
        func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
        func share(below value: Double) -> Int { probabilities.filter { $0 < value - 1e-9 }.count }
        var lines = [
            "Pool: \(n) volunteers, panel of \(k), \(instance.categories.count) categories; equal chances would be k/n = \(percent(Double(k) / Double(n))).",
        ]
        switch result.manifest.algorithm {
        case .leximin:
            if let optimal = result.optimal {
                lines.append("LEXIMIN: smallest probability \(percent(optimal.minimumProbability)) (optimal), over \(optimal.panels.count) panels; \(optimal.profiles.count) profiles of interchangeable volunteers.")
            }
            lines.append("Lottery: \(result.manifest.tickets ?? 0) tickets; smallest probability \(percent(sorted.first ?? 0)), largest change from rounding \(String(format: "%.5f", result.manifest.largestRoundingDeviation ?? 0)).")
            if result.manifest.roundingWithinOneTicket == false, let optimal = result.optimal {
                let m = Double(result.manifest.tickets ?? 0)
                lines.append(String(format: "The rounding found does not keep within one ticket of LEXIMIN: the largest change is %.2f tickets, and the smallest probability lost %.2f tickets (the granularity allows %.2f).",
                                    (result.manifest.largestRoundingDeviation ?? 0) * m, max(0, optimal.minimumProbability - (sorted.first ?? 0)) * m,
                                    max(0, optimal.minimumProbability * m - (optimal.minimumProbability * m + 1e-4).rounded(.down))))
            }
            lines.append("Ticket drawn: \(result.manifest.ticket ?? 0).")
        case .legacy:
            lines.append("LEGACY: probabilities estimated from \(result.manifest.legacyEstimateDraws ?? 0) simulated draws; smallest \(percent(sorted.first ?? 0)).")
        }
        let deciles = [0.1, 0.25, 0.5, 0.75, 0.9].map { q in percent(sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]) }
        lines.append("Probabilities: min \(percent(sorted.first ?? 0)), 10th/25th/50th/75th/90th percentiles \(deciles.joined(separator: " / ")), max \(percent(sorted.last ?? 0)); \(share(below: Double(k) / Double(n))) below k/n.")
        lines.append("Sum of probabilities: \(String(format: "%.6f", probabilities.reduce(0, +))) (= k).")
        lines.append("Panel: " + result.panel.map { instance.people[$0].id }.joined(separator: " "))
        lines.append("Time: \(String(format: "%.2f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)) s.")
        return lines.joined(separator: "\n")
    }
}
