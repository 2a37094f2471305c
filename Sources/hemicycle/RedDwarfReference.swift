import Foundation

/// One line per conversation of scripts/bench/opinion_map_reference.py, tab-separated: name, participants, votes,
/// seconds, then (when the export carries Polis's groups) red-dwarf's group count, Polis's, and the adjusted Rand index.
struct RedDwarfReference {
    struct Line {
        let seconds: Double?
        let groups: Int?
        let adjustedRandIndex: Double?
    }

    let lines: [String: Line]

    init(path: String?) throws {
        guard let path else {
            lines = [:]
            return
        }
        var lines: [String: Line] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 4 else { continue }
            lines[fields[0]] = Line(seconds: Double(fields[3]), groups: fields.count >= 7 ? Int(fields[4]) : nil,
                                    adjustedRandIndex: fields.count >= 7 ? Double(fields[6]) : nil)
        }
        self.lines = lines
    }
}
