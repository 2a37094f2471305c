import Consultations
import HemicycleDomain
import Testing

@Suite struct ConsultationRulesTests {
    let staff = CouncilActor(role: .staff)
    let citizen = CouncilActor(role: nil)

    @Test func phasesFollowTheDates() {
        let schedule = ConsultationSchedule(isPublished: true, opensAt: 100, closesAt: 200)
        #expect(schedule.phase(at: 99) == .announced)
        #expect(schedule.phase(at: 100) == .open)
        #expect(schedule.phase(at: 199.9) == .open)
        #expect(schedule.phase(at: 200) == .closed)
        var draft = schedule
        draft.isPublished = false
        #expect(draft.phase(at: 150) == .draft)
        var synthesis = schedule
        synthesis.synthesisPublishedAt = 250
        #expect(synthesis.phase(at: 249) == .closed)
        #expect(synthesis.phase(at: 250) == .synthesisPublished)
        #expect(!ConsultationSchedule(isPublished: true, opensAt: 200, closesAt: 200).isValid)
    }

    @Test func draftsAreTheSecretariatsAndParticipationNeedsAnOpenConsultation() {
        #expect(ConsultationRules.decide(.see, by: ConsultationActor(citizen), phase: .draft) == .forbidden("error_not_found"))
        #expect(ConsultationRules.decide(.see, by: ConsultationActor(staff), phase: .draft) == .allowed)
        #expect(ConsultationRules.decide(.see, by: ConsultationActor(citizen), phase: .closed) == .allowed)
        #expect(ConsultationRules.decide(.create, by: ConsultationActor(citizen), phase: .draft) == .forbidden("consultation_refused_secretariat"))
        #expect(ConsultationRules.decide(.publish, by: ConsultationActor(staff), phase: .open) == .conflict("consultation_conflict_published"))
        #expect(ConsultationRules.decide(.edit, by: ConsultationActor(staff), phase: .synthesisPublished) == .conflict("consultation_conflict_synthesis"))
        for phase in ConsultationPhase.allCases {
            let decision = ConsultationRules.decide(.participate(eligible: true), by: ConsultationActor(citizen), phase: phase)
            #expect(decision == (phase == .open ? .allowed : .conflict("consultation_conflict_not_open")))
            #expect(ConsultationRules.decide(.participate(eligible: false), by: ConsultationActor(staff), phase: phase)
                    == .forbidden("consultation_refused_not_eligible"))
        }
        #expect(ConsultationActor(citizen).meets(.anyone) && !ConsultationActor(citizen).meets(.verifiedEmail))
        #expect(ConsultationActor(citizen, hasVerifiedEmail: true).meets(.verifiedEmail))
    }

    @Test func moderationDecidesWhatIsShown() {
        #expect(StatementModeration.pending.isShown(under: .afterPublication))
        #expect(!StatementModeration.pending.isShown(under: .beforePublication))
        #expect(!StatementModeration.rejected.isShown(under: .afterPublication))
        #expect(StatementModeration.accepted.isShown(under: .beforePublication))
    }

    @Test func theNextStatementIsOneNotVotedOnDrawnByPriority() {
        let candidates: [(id: Int, priority: Double?)] = [(1, 1), (2, 3), (3, nil)]
        #expect(NextStatement.choose(candidates, voted: [1, 2, 3], random: 0.5) == nil)
        #expect(NextStatement.choose(candidates, voted: [2, 3], random: 0.99) == 1)
        // Weights 1, 3 and 3 (a new statement): the draw falls in proportion.
        #expect(NextStatement.choose(candidates, voted: [], random: 0.0) == 1)
        #expect(NextStatement.choose(candidates, voted: [], random: 1.5 / 7) == 2)
        #expect(NextStatement.choose(candidates, voted: [], random: 5.0 / 7) == 3)
        var counts: [Int: Int] = [:]
        for step in 0..<700 { counts[NextStatement.choose(candidates, voted: [], random: (Double(step) + 0.5) / 700)!, default: 0] += 1 }
        #expect(counts == [1: 100, 2: 300, 3: 300])
        // A priority of zero still leaves the statement reachable.
        #expect(NextStatement.choose([(1, 0.0)], voted: [], random: 0.3) == 1)
    }

    @Test func ratesAreCountedPerWindow() {
        var counter = RateCounter()
        let window = RateWindow(maximum: 2, length: 10)
        let answers = [("a", 0.0), ("a", 1), ("a", 2), ("b", 2), ("a", 10), ("c", 100)].map { counter.allow($0.0, window: window, now: $0.1) }
        #expect(answers == [true, true, false, true, true, true])
        // Ended windows are forgotten.
        #expect(counter.trackedKeys == 1)
    }

    @Test func formsSentBackTooFastOrWithTheHiddenFieldAreRobots() {
        #expect(FormRobotCheck.isHuman(honeypot: "", renderedAt: 100, now: 110))
        #expect(FormRobotCheck.isHuman(honeypot: nil, renderedAt: 100, now: 103))
        #expect(!FormRobotCheck.isHuman(honeypot: "http://spam", renderedAt: 100, now: 110))
        #expect(!FormRobotCheck.isHuman(honeypot: "", renderedAt: 100, now: 101))
        #expect(!FormRobotCheck.isHuman(honeypot: "", renderedAt: nil, now: 101))
        #expect(!FormRobotCheck.isHuman(honeypot: "", renderedAt: 100, now: 100 + 2 * 86_400))
    }

    @Test func statementsAreOneTrimmedLine() throws {
        #expect(try StatementText.clean("  Water is\n a  common good. ") == "Water is a common good.")
        #expect(throws: StatementText.Problem.empty) { try StatementText.clean(" \n ") }
        #expect(throws: StatementText.Problem.tooLong(limit: 280)) { try StatementText.clean(String(repeating: "é", count: 281)) }
    }
}
