import CouncilWork
import Foundation
import HemicycleDomain
import Organisation
import Storage

/// The activity report's tables, made from the year's facts and named in the reader's language.
struct ActivityReportTables {
    let pages: Pages
    let context: AppContext
    let council: Council
    let format: Formatting
    let groups: [Int64: String]
    let commissions: [Int64: String]

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }

    func tables(_ facts: ActivityFacts) -> [ReportTable] {
        let byKind = ActivityCounts.count(facts.adopted.map(\.kind), order: WorkKind.allCases.map(\.rawValue))
        let bySource = ActivityCounts.count(facts.adopted.map(\.referralSource), order: ReferralSource.allCases.map(\.rawValue))
        let byCommission = ActivityCounts.count(facts.adopted.map(\.commissionID))
        let votes = ActivityCounts.votes(facts.votes.map { (group: $0.groupID, choice: $0.choice) })
        let attendance = ActivityCounts.attendance(facts.attendance.map { (group: $0.groupID, status: $0.status) })
        let groupName = { (id: Int64?) in id.flatMap { groups[$0] } ?? text("report_no_group") }
        return [
            ReportTable(id: "works_by_kind", columns: [text("report_col_works")],
                        rows: byKind.map { .init(label: text("work_kind_\($0.key)"), values: [$0.count]) }),
            ReportTable(id: "works_by_commission", columns: [text("report_col_works")],
                        rows: format.sorted(byCommission.map { ReportTable.Row(label: $0.key.flatMap { commissions[$0] } ?? text("report_no_commission"),
                                                                               values: [$0.count]) }, by: \.label)),
            ReportTable(id: "works_by_referral", columns: [text("report_col_works")],
                        rows: bySource.map { .init(label: text("referral_\($0.key)"), values: [$0.count]) }),
            ReportTable(id: "votes_by_group", columns: [text("vote_for"), text("vote_against"), text("vote_abstain")],
                        rows: format.sorted(votes.map { ReportTable.Row(label: groupName($0.key), values: $0.value) }, by: \.label)),
            ReportTable(id: "attendance_by_group",
                        columns: [text("attendance_present"), text("attendance_remote"), text("attendance_excused"), text("attendance_absent")],
                        rows: format.sorted(attendance.map { ReportTable.Row(label: groupName($0.key), values: $0.value.counts) }, by: \.label)),
            ReportTable(id: "consultations", columns: [text("report_col_participants")],
                        rows: facts.consultations.map { .init(label: title($0.title), values: [$0.people]) }),
            ReportTable(id: "conventions", columns: [text("report_col_members_drawn")],
                        rows: facts.conventions.map { .init(label: title($0.title), values: [$0.people]) }),
        ]
    }

    func title(_ text: LocalizedText) -> String { pages.localized(text, context.language, councilDefault: council.language).text }

    /// The share of those recorded at plenary sittings who took part, for each group's row, as the page adds it.
    func attendanceRates(_ facts: ActivityFacts) -> [String: String] {
        let attendance = ActivityCounts.attendance(facts.attendance.map { (group: $0.groupID, status: $0.status) })
        return Dictionary(attendance.map { (key, value) in
            ((key.flatMap { groups[$0] } ?? text("report_no_group")), format.percent(Double(value.tookPartPermille) / 1000))
        }, uniquingKeysWith: { first, _ in first })
    }
}
