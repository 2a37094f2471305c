import HemicycleDomain
import Organisation
import Testing

/// The activity report's counts and who reads and writes it.
@Suite struct ActivityReportTests {
    @Test func countsKeepTheGivenOrderThenWhatElseIsFound() {
        let counts = ActivityCounts.count(["avis", "etude", "avis", "autre", "avis"], order: ["avis", "rapport", "etude"])
        #expect(counts.map(\.key) == ["avis", "etude", "autre"] && counts.map(\.count) == [3, 1, 1])
        #expect(ActivityCounts.count([Int64?]()).count == 0)
    }

    @Test func votesAndAttendanceAreCountedByGroup() {
        let votes = ActivityCounts.votes([(group: 1, choice: "for"), (group: 1, choice: "against"), (group: 2, choice: "abstain"), (group: 1, choice: "for"),
                                          (group: 2, choice: "nonsense")])
        #expect(votes[1] == [2, 1, 0] && votes[2] == [0, 0, 1])
        let attendance = ActivityCounts.attendance([(group: "a", status: "present"), (group: "a", status: "remote"), (group: "a", status: "excused"),
                                                    (group: "b", status: "absent")])
        // Two of three took part: 66.7 %, rounded to the nearest tenth.
        #expect(attendance["a"]?.counts == [1, 1, 1, 0] && attendance["a"]?.tookPartPermille == 667)
        #expect(attendance["b"]?.tookPartPermille == 0)
    }

    @Test func aPublishedReportIsPublicAndOnlyTheSecretariatWritesIt() {
        #expect(ActivityReportRules.decide(.visitor, .read(.published)).isAllowed)
        #expect(!ActivityReportRules.decide(.visitor, .read(.draft)).isAllowed)
        #expect(!ActivityReportRules.decide(CouncilActor(role: .member), .read(.draft)).isAllowed)
        #expect(ActivityReportRules.decide(CouncilActor(role: .bureau), .read(.draft)).isAllowed)
        #expect(ActivityReportRules.decide(CouncilActor(role: .staff), .write).isAllowed)
        #expect(!ActivityReportRules.decide(CouncilActor(role: .president), .write).isAllowed)
        #expect(ActivityReportRules.mayPublish(.draft, year: 2025, currentYear: 2026) == .allowed)
        // Published once the year is over, its figures then kept as they stand.
        #expect(ActivityReportRules.mayPublish(.draft, year: 2026, currentYear: 2026) == .conflict("report_error_future"))
        #expect(ActivityReportRules.mayPublish(.published, year: 2025, currentYear: 2026) == .conflict("report_error_published"))
    }

    @Test func aTableAddsUpItsColumns() {
        let table = ReportTable(id: "t", columns: ["a", "b"], rows: [.init(label: "x", values: [1, 2]), .init(label: "y", values: [3, 4])])
        #expect(table.totals == [4, 6])
    }
}
