import Consultations
import HemicycleDomain
import Testing

@Suite struct ParticipationRequirementsTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    @Test func agesCountWholeYearsFromTheBirthday() {
        let today = Self.day("2026-12-02")
        #expect(Self.day("2010-12-02").age(on: today) == 16)
        #expect(Self.day("2010-12-03").age(on: today) == 15)
        #expect(Self.day("2010-11-30").age(on: today) == 16)
        // Born on 29 February: a year later on 1 March in a year without one.
        #expect(Self.day("2008-02-29").age(on: Self.day("2024-02-28")) == 15)
        #expect(Self.day("2008-02-29").age(on: Self.day("2024-02-29")) == 16)
        #expect(Self.day("2009-02-28").age(on: Self.day("2025-02-28")) == 16)
        #expect(Self.day("2008-02-29").age(on: Self.day("2025-02-28")) == 16)
        #expect(Self.day("2008-02-29").age(on: Self.day("2023-03-01")) == 15)
    }

    @Test func onlyRealDaysAreRead() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026-01-01T00", "1899-12-31", "", "2026/01/01"] {
            #expect(CalendarDay(text) == nil, "\(text)")
        }
        #expect(CalendarDay("2024-02-29")?.text == "2024-02-29")
        #expect(CalendarDay("2000-02-29") != nil && CalendarDay("1900-02-29") == nil)
    }

    @Test func eachRequirementIsCheckedAndTheMissingOneNamed() {
        let today = Self.day("2026-12-02")
        let all = ParticipationRequirements(minimumAge: 16, residences: ["Rabat-Salé-Kénitra", "Casablanca-Settat"], councilList: true)
        func check(_ standing: ParticipantStanding, _ requirements: ParticipationRequirements = all) -> RequirementCheck {
            RequirementCheck.check(requirements, standing, today: today)
        }
        #expect(check(ParticipantStanding(hasVerifiedEmail: false, birthDate: Self.day("1980-01-01"), residence: "Casablanca-Settat", onCouncilList: true))
                == .needsVerifiedEmail)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true)) == .notOnCouncilList)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, onCouncilList: true)) == .needsDeclaration)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, birthDate: Self.day("2010-12-03"), residence: "Casablanca-Settat", onCouncilList: true))
                == .tooYoung(minimum: 16))
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, birthDate: Self.day("2010-12-02"), onCouncilList: true)) == .needsDeclaration)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, birthDate: Self.day("2010-12-02"), residence: "Fès-Meknès", onCouncilList: true))
                == .residenceNotAccepted)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, birthDate: Self.day("2010-12-02"), residence: "Casablanca-Settat", onCouncilList: true))
                == .met)
        // Only what the consultation asks is checked.
        #expect(check(ParticipantStanding(hasVerifiedEmail: true), ParticipationRequirements()) == .met)
        #expect(check(ParticipantStanding(hasVerifiedEmail: true, residence: "Fès-Meknès"), ParticipationRequirements(minimumAge: 18)) == .needsDeclaration)
        #expect(!ParticipationRequirements(councilList: true).asksDeclaration && ParticipationRequirements(residences: ["X"]).asksDeclaration)
    }

    @Test func theVerifiedModeAdmitsOnlyThoseWhoMeetTheRequirements() {
        let member = CouncilActor.visitor
        #expect(ConsultationActor(member, hasVerifiedEmail: true, requirements: .met).meets(.verified))
        #expect(!ConsultationActor(member, hasVerifiedEmail: true, requirements: .needsDeclaration).meets(.verified))
        #expect(!ConsultationActor(member, hasVerifiedEmail: true, requirements: .notOnCouncilList).meets(.verified))
        #expect(ConsultationActor(member, hasVerifiedEmail: true, requirements: .notOnCouncilList).meets(.verifiedEmail))
        #expect(!ConsultationActor(member).meets(.verified))
    }
}
