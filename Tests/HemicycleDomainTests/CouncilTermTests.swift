import HemicycleDomain
import Testing

/// A council's term as its administrators give it: both days or none, in order, ten years at most.
@Suite struct CouncilTermTests {
    func refusal(_ first: String, _ last: String) -> ValidationFailure? {
        if case .failure(let failure) = CouncilTerm.read(first: first, last: last) { return failure }
        return nil
    }

    @Test func aTermIsTwoDaysInOrder() throws {
        let term = try #require(try CouncilTerm.read(first: "2021-05-25", last: "2026-05-24").get())
        #expect(term.firstDay.text == "2021-05-25" && term.lastDay.text == "2026-05-24")
        let days = try ["2021-05-24", "2021-05-25", "2026-05-24", "2026-05-25"].map { try #require(CivilDay($0)) }
        #expect(days.map(term.contains) == [false, true, true, false])
        // None recorded.
        #expect(try CouncilTerm.read(first: " ", last: "").get() == nil)
    }

    @Test func aTermMissingADayBackwardsOrTooLongIsRefused() {
        #expect(refusal("2021-05-25", "") == ValidationFailure(field: "term_last", key: "term_error_day"))
        #expect(refusal("", "2026-05-24") == ValidationFailure(field: "term_first", key: "term_error_day"))
        #expect(refusal("2021-02-30", "2026-05-24") == ValidationFailure(field: "term_first", key: "term_error_day"))
        #expect(refusal("25/05/2021", "2026-05-24") == ValidationFailure(field: "term_first", key: "term_error_day"))
        #expect(refusal("2026-05-24", "2021-05-25") == ValidationFailure(field: "term_last", key: "term_error_order"))
        #expect(refusal("2021-05-25", "2021-05-25") == ValidationFailure(field: "term_last", key: "term_error_order"))
        // Ten years to the day, and no more; from 29 February, to 28 February.
        #expect(refusal("2021-05-25", "2031-05-25") == nil)
        #expect(refusal("2021-05-25", "2031-05-26") == ValidationFailure(field: "term_last", key: "term_error_length"))
        #expect(refusal("2024-02-29", "2034-02-28") == nil)
        #expect(refusal("2024-02-29", "2034-03-01") == ValidationFailure(field: "term_last", key: "term_error_length"))
    }
}
