import HemicycleDomain

/// Where a council's activity report for a year stands: its figures are computed from the council's data; its
/// narrative, written by the secretariat, is a draft until the report is published.
public enum ActivityReportStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case published
}

/// What is done with the activity report.
public enum ActivityReportAction: Sendable {
    case read(ActivityReportStatus)
    /// Write the narrative sections and publish the report.
    case write
}

/// A published report is public; a draft is read by the secretariat and the bureau; the secretariat writes it.
public enum ActivityReportRules {
    public static func decide(_ actor: CouncilActor, _ action: ActivityReportAction) -> Decision {
        switch action {
        case .read(.published): .allowed
        case .read(.draft): actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("report_refused")
        case .write: actor.isSecretariat ? .allowed : .forbidden("report_refused_write")
        }
    }

    /// A report is published once, for a year that is over: its figures are then kept as they stand.
    public static func mayPublish(_ status: ActivityReportStatus, year: Int, currentYear: Int) -> Decision {
        if status == .published { return .conflict("report_error_published") }
        return year < currentYear ? .allowed : .conflict("report_error_future")
    }
}

/// A table of the report: rows of named counts, in columns. Counts, never typed by anyone.
public struct ReportTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let label: String
        public let values: [Int64]

        public init(label: String, values: [Int64]) {
            self.label = label
            self.values = values
        }
    }

    /// A stable name (`works_by_kind`), used for the CSV and as the anchor of the table on the page.
    public let id: String
    public let columns: [String]
    public let rows: [Row]

    public init(id: String, columns: [String], rows: [Row]) {
        self.id = id
        self.columns = columns
        self.rows = rows
    }

    /// Each column's sum.
    public var totals: [Int64] {
        columns.indices.map { column in rows.reduce(0) { $0 + ($1.values.indices.contains(column) ? $1.values[column] : 0) } }
    }
}

/// The counts the activity report is made of, from plain facts about the year.
public enum ActivityCounts {
    /// How many facts fall under each key, the keys in the order given, then any other found, in order of first sight.
    public static func count<Key: Hashable>(_ keys: [Key], order: [Key] = []) -> [(key: Key, count: Int64)] {
        var counts: [Key: Int64] = [:], seen: [Key] = order
        for key in keys {
            if counts[key] == nil, !seen.contains(key) { seen.append(key) }
            counts[key, default: 0] += 1
        }
        return seen.compactMap { key in counts[key].map { (key, $0) } }
    }

    /// Votes by group: for each group, how many voted for, against, or abstained.
    public static func votes<Group: Hashable>(_ votes: [(group: Group, choice: String)]) -> [Group: [Int64]] {
        var result: [Group: [Int64]] = [:]
        let columns = ["for", "against", "abstain"]
        for vote in votes {
            guard let column = columns.firstIndex(of: vote.choice) else { continue }
            result[vote.group, default: [0, 0, 0]][column] += 1
        }
        return result
    }

    /// Attendance by group: present, remote, excused, absent; and the share of those recorded who took part (present
    /// or remote), in tenths of a percent, rounded to the nearest.
    public static func attendance<Group: Hashable>(_ records: [(group: Group, status: String)]) -> [Group: (counts: [Int64], tookPartPermille: Int64)] {
        var counts: [Group: [Int64]] = [:]
        let columns = ["present", "remote", "excused", "absent"]
        for record in records {
            guard let column = columns.firstIndex(of: record.status) else { continue }
            counts[record.group, default: [0, 0, 0, 0]][column] += 1
        }
        return counts.mapValues { values in
            let recorded = values.reduce(0, +)
            return (values, recorded == 0 ? 0 : ((values[0] + values[1]) * 1000 + recorded / 2) / recorded)
        }
    }
}
