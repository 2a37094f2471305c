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

    @Test func aMissionNeedsItsPlaceDaysPeopleAndPurpose() {
        let day = 86_400.0
        let good = MissionDraft(destination: "Rabat", startsAt: 10 * day, endsAt: 11 * day, members: [1, 2], purpose: "Préparer l’accord.")
        #expect(good.problem() == nil)
        var draft = good
        draft.destination = ""
        #expect(draft.problem() == "mission_error_destination")
        draft = good
        draft.endsAt = 9 * day
        #expect(draft.problem() == "mission_error_dates")
        draft.endsAt = 10 * day + MissionDraft.longest + 1
        #expect(draft.problem() == "mission_error_dates")
        draft = good
        draft.members = []
        #expect(draft.problem() == "mission_error_members")
        draft = good
        draft.purpose = ""
        #expect(draft.problem() == "mission_error_purpose")
        // One day is a mission.
        draft = good
        draft.endsAt = draft.startsAt
        #expect(draft.problem() == nil)
    }
}
