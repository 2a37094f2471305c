import HemicycleDomain
import Organisation
import Testing

/// Who reads and keeps sittings, and what a sitting's state allows.
@Suite struct SittingRulesTests {
    let visitor = CouncilActor(role: nil)
    let citizen = CouncilActor(role: .citizen)
    let member = CouncilActor(role: .member)
    let staff = CouncilActor(role: .staff)
    let bureau = CouncilActor(role: .bureau)

    @Test func plenarySittingsArePublicAndTheSecretariatKeepsThemAll() {
        for actor in [visitor, citizen, member, staff, bureau] { #expect(SittingRules.decide(actor, .see(.plenary)) == .allowed) }
        for body in [SittingBody.commission, .bureau] {
            #expect(SittingRules.decide(visitor, .see(body)) == .forbidden("sitting_refused"))
            #expect(SittingRules.decide(citizen, .see(body)) == .forbidden("sitting_refused"))
            for actor in [member, staff, bureau] { #expect(SittingRules.decide(actor, .see(body)) == .allowed) }
        }
        #expect(SittingRules.decide(staff, .keep) == .allowed)
        #expect(SittingRules.decide(CouncilActor(role: .administrator), .keep) == .allowed)
        for actor in [visitor, citizen, member, bureau, CouncilActor(role: .president)] {
            #expect(SittingRules.decide(actor, .keep) == .forbidden("sitting_refused"))
        }
    }

    @Test func attendanceWaitsForTheStartAndACancelledSittingStaysAsItWas() {
        let times = SittingTimes(startsAt: 1_000, endsAt: 5_000)
        #expect(SittingRules.mayRecordAttendance(.convened, times: times, now: 999) == .conflict("sitting_error_not_started"))
        #expect(SittingRules.mayRecordAttendance(.convened, times: times, now: 1_000) == .allowed)
        #expect(SittingRules.mayRecordAttendance(.planned, times: times, now: 9_000) == .allowed)
        #expect(SittingRules.mayRecordAttendance(.cancelled, times: times, now: 2_000) == .conflict("sitting_error_cancelled"))
        #expect(SittingRules.mayEdit(.planned, times: times, now: 999) == .allowed)
        #expect(SittingRules.mayEdit(.planned, times: times, now: 1_000) == .conflict("sitting_error_started"))
        #expect(SittingRules.mayEdit(.cancelled, times: times, now: 0) == .conflict("sitting_error_cancelled"))
        #expect(SittingRules.mayCancel(.planned, times: times, now: 4_999) == .allowed)
        #expect(SittingRules.mayCancel(.convened, times: times, now: 5_000) == .conflict("sitting_error_over"))
        #expect(SittingRules.mayCancel(.cancelled, times: times, now: 0) == .conflict("sitting_error_cancelled"))
        #expect(SittingRules.mayConvene(.planned, times: times, now: 0) == .allowed)
        #expect(SittingRules.mayConvene(.convened, times: times, now: 0) == .conflict("sitting_error_convened"))
        #expect(SittingRules.mayConvene(.planned, times: times, now: 1_000) == .conflict("sitting_error_started"))
        #expect(SittingRules.mayConvene(.cancelled, times: times, now: 0) == .conflict("sitting_error_cancelled"))
    }

    @Test func aSittingNeedsItsTimesAPlaceAndItsCommission() {
        let times = SittingTimes(startsAt: 36_000, endsAt: 36_000 + 3 * 3_600)
        func draft(_ body: SittingBody = .plenary, commission: Int64? = nil, times: SittingTimes = times, place: String = "Hémicycle",
                   remote: String? = nil) -> SittingDraft {
            SittingDraft(body: body, commissionID: commission, times: times, place: place, remoteURL: remote)
        }
        #expect(draft().problem() == nil)
        #expect(draft(.commission).problem() == "sitting_error_commission")
        #expect(draft(.commission, commission: 3).problem() == nil)
        #expect(draft(times: SittingTimes(startsAt: 36_000, endsAt: 36_000)).problem() == "sitting_error_times")
        #expect(draft(times: SittingTimes(startsAt: 36_000, endsAt: 30_000)).problem() == "sitting_error_times")
        #expect(draft(times: SittingTimes(startsAt: 0, endsAt: 24 * 3_600 + 1)).problem() == "sitting_error_times")
        #expect(draft(place: "").problem() == "sitting_error_place")
        #expect(draft(place: "", remote: "https://visio.example/salle-12").problem() == nil)
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://", "visio.example", "https://visio.example/a b"] {
            #expect(draft(remote: bad).problem() == "sitting_error_remote", "\(bad)")
        }
    }
}
