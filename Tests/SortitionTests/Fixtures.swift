import CSVFormat
import Foundation
import Sortition

/// The shared sortition instances beside the repository (`../shared/data/sortition`).
enum SharedSortition {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/sortition")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }
    static let skipMessage = "../shared/data/sortition is absent: the published instances cannot be checked"

    static func text(_ folder: String, _ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
    }

    static func replication(_ folder: String, k: Int) throws -> SortitionInstance {
        try InstanceReader().read(people: text(folder, "respondents.csv"), peopleFile: "respondents.csv",
                                  quotas: text(folder, "categories.csv"), quotasFile: "categories.csv", panelSize: k)
    }

    static func sortitionFoundation(_ folder: String, k: Int) throws -> SortitionInstance {
        try InstanceReader(idColumn: "nationbuilder_id").read(
            people: text(folder, "candidates.csv"), peopleFile: "candidates.csv",
            quotas: text(folder, "features.csv"), quotasFile: "features.csv", panelSize: k)
    }

    /// A sorted probability list kept in `Tests/SortitionTests/Reference` (see its README).
    static func committedReference(_ name: String) throws -> [Double] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/\(name)")
        let table = try CSVTable(text: String(contentsOf: url, encoding: .utf8), file: name)
        return table.rows.compactMap { Double($0.fields[0]) }.sorted()
    }

    /// The paper's per-person LEXIMIN probabilities, sorted (`reference_output/*_prob_allocs_data.csv`).
    static func referenceLeximin(_ folder: String) throws -> [Double] {
        let table = try CSVTable(text: text(folder, "reference_output/\(folder)_prob_allocs_data.csv"), file: "prob_allocs")
        return table.rows.filter { $0.fields[0] == "LexiMin" }.compactMap { Double($0.fields[2]) }.sorted()
    }
}
