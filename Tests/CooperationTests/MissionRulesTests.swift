import Cooperation
import HemicycleDomain
import Testing

@Suite struct MissionRulesTests {
    @Test func theSecretariatRecordsAndEveryoneReads() {
        #expect(MissionRules.decide(.record, by: CouncilActor(role: .staff)).isAllowed)
        #expect(MissionRules.decide(.record, by: CouncilActor(role: .administrator)).isAllowed)
        for actor in [CouncilActor.visitor, CouncilActor(role: .citizen), CouncilActor(role: .member), CouncilActor(role: .bureau),
                      CouncilActor(role: .staff, isVerified: false)] {
            #expect(!MissionRules.decide(.record, by: actor).isAllowed)
            #expect(MissionRules.decide(.see, by: actor).isAllowed)
        }
    }

    @Test func aMissionNeedsItsPlaceDaysPeopleAndPurpose() throws {
        let first = try #require(CivilDay("2024-01-31")), last = try #require(CivilDay("2024-02-01"))
        let good = MissionDraft(destination: "Rabat", firstDay: first, lastDay: last, members: [1, 2], purpose: "Préparer l’accord.")
        #expect(good.problem() == nil)
        var draft = good
        draft.destination = ""
        #expect(draft.problem() == "mission_error_destination")
        draft = good
        draft.lastDay = try #require(CivilDay("2024-01-30"))
        #expect(draft.problem() == "mission_error_dates")
        // Ninety days, the first and the last counted, whatever clocks change in between; not ninety-one.
        draft.firstDay = try #require(CivilDay("2026-09-01"))
        draft.lastDay = try #require(CivilDay("2026-11-29"))
        #expect(draft.problem() == nil)
        draft.lastDay = try #require(CivilDay("2026-11-30"))
        #expect(draft.problem() == "mission_error_dates")
        draft = good
        draft.members = []
        #expect(draft.problem() == "mission_error_members")
        draft = good
        draft.purpose = ""
        #expect(draft.problem() == "mission_error_purpose")
        // One day is a mission.
        draft = good
        draft.lastDay = draft.firstDay
        #expect(draft.problem() == nil)
    }

    @Test func daysAreReadStrictly() {
        #expect(CivilDay("1970-01-01")?.number == 0)
        #expect(CivilDay("2024-03-01")!.number - CivilDay("2024-02-28")!.number == 2)
        #expect(CivilDay("2023-03-01")!.number - CivilDay("2023-02-28")!.number == 1)
        for text in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T10:00", "", "٢٠٢٤-٠١-٠١", "2024/01/01"] {
            #expect(CivilDay(text) == nil, "\(text)")
        }
    }
}
