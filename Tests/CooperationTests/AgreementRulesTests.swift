import Cooperation
import HemicycleDomain
import Testing

@Suite struct AgreementRulesTests {
    func day(_ text: String) throws -> CivilDay { try #require(CivilDay(text)) }

    @Test func aCivilDayReadsBackAsItsText() throws {
        for text in ["1970-01-01", "2024-01-31", "2024-02-29", "2000-02-29", "1900-03-01", "2099-12-31", "0001-01-01"] {
            #expect(try day(text).text == text)
            #expect(CivilDay(number: try day(text).number) == (try day(text)))
        }
        #expect(CivilDay(number: 0).text == "1970-01-01" && CivilDay(number: -1).text == "1969-12-31")
    }

    @Test func theStatusFollowsTheDaysBoundariesIncluded() throws {
        let calendar = AgreementCalendar(signedOn: try day("2024-01-31"), inForceFrom: try day("2024-03-01"), endsOn: try day("2028-02-29"))
        #expect(calendar.status(on: try day("2024-01-30")) == .negotiating)
        #expect(calendar.status(on: try day("2024-01-31")) == .signed)
        #expect(calendar.status(on: try day("2024-02-29")) == .signed)
        #expect(calendar.status(on: try day("2024-03-01")) == .inForce)
        #expect(calendar.status(on: try day("2028-02-29")) == .inForce)
        #expect(calendar.status(on: try day("2028-03-01")) == .expired)
        // In force from its signature when the text says nothing else; unlimited without a last day.
        let open = AgreementCalendar(signedOn: try day("2024-01-31"))
        #expect(try open.status(on: day("2024-01-31")) == .inForce && open.status(on: try day("2124-01-31")) == .inForce)
        // Terminated: from the day the termination takes effect, even before the term.
        var ended = calendar
        ended.terminatedOn = try day("2026-06-15")
        #expect(ended.status(on: try day("2026-06-14")) == .inForce)
        #expect(try ended.status(on: day("2026-06-15")) == .terminated && ended.status(on: try day("2030-01-01")) == .terminated)
        #expect(AgreementCalendar().status(on: try day("2026-01-01")) == .negotiating)
        #expect(AgreementStatus.allCases.filter(\.shares) == [.inForce])
        #expect(AgreementStatus.allCases.filter { !$0.isPublic } == [.negotiating])
    }

    @Test func daysThatDoNotHoldTogetherAreRefused() throws {
        #expect(AgreementCalendar().problem() == nil)
        #expect(AgreementCalendar(endsOn: try day("2028-01-01")).problem() == "agreement_error_unsigned_dates")
        #expect(AgreementCalendar(signedOn: try day("2024-01-31"), inForceFrom: try day("2024-01-30")).problem() == "agreement_error_dates")
        #expect(AgreementCalendar(signedOn: try day("2024-01-31"), endsOn: try day("2024-01-30")).problem() == "agreement_error_dates")
        #expect(AgreementCalendar(signedOn: try day("2024-01-31"), terminatedOn: try day("2023-12-31")).problem() == "agreement_error_dates")
        #expect(AgreementCalendar(signedOn: try day("2024-01-31"), inForceFrom: try day("2024-01-31"), endsOn: try day("2024-01-31"),
                                  terminatedOn: try day("2024-01-31")).problem() == nil)
    }

    @Test func partnersReadOnlyWhileAnAgreementIsInForceAndOnlyFromASeat() throws {
        let calendar = AgreementCalendar(signedOn: try day("2024-01-31"), endsOn: try day("2026-11-30"))
        for role in [Role.member, .staff, .bureau, .president, .administrator] {
            #expect(PartnerAccess.mayRead(under: [calendar], today: try day("2026-11-30"), readerRole: role))
            #expect(!PartnerAccess.mayRead(under: [calendar], today: try day("2026-12-01"), readerRole: role))
        }
        #expect(!PartnerAccess.mayRead(under: [calendar], today: try day("2026-11-30"), readerRole: .citizen))
        #expect(!PartnerAccess.mayRead(under: [calendar], today: try day("2026-11-30"), readerRole: nil))
        #expect(!PartnerAccess.mayRead(under: [], today: try day("2026-11-30"), readerRole: .member))
        // Under any of several agreements.
        let later = AgreementCalendar(signedOn: try day("2026-12-01"))
        #expect(PartnerAccess.mayRead(under: [calendar, later], today: try day("2026-12-01"), readerRole: .member))
    }

    @Test func theSecretariatKeepsAgreementsMembersFollowThemAndAnyoneReadsThemOnceSigned() {
        let visitor = CouncilActor.visitor, citizen = CouncilActor(role: .citizen), member = CouncilActor(role: .member)
        let staff = CouncilActor(role: .staff), admin = CouncilActor(role: nil, isInstanceAdministrator: true)
        for status in AgreementStatus.allCases where status != .negotiating {
            #expect(AgreementRules.decide(.see(status), by: visitor).isAllowed)
        }
        #expect(!AgreementRules.decide(.see(.negotiating), by: visitor).isAllowed && !AgreementRules.decide(.see(.negotiating), by: citizen).isAllowed)
        #expect(AgreementRules.decide(.see(.negotiating), by: member).isAllowed && AgreementRules.decide(.follow, by: member).isAllowed)
        #expect(!AgreementRules.decide(.follow, by: citizen).isAllowed && !AgreementRules.decide(.follow, by: visitor).isAllowed)
        for actor in [visitor, citizen, member, CouncilActor(role: .bureau), CouncilActor(role: .staff, isVerified: false)] {
            #expect(!AgreementRules.decide(.record, by: actor).isAllowed && !AgreementRules.decide(.share, by: actor).isAllowed)
            #expect(!AgreementRules.decide(.edit(isRecorder: true), by: actor).isAllowed)
        }
        for actor in [staff, admin] {
            #expect(AgreementRules.decide(.record, by: actor).isAllowed && AgreementRules.decide(.share, by: actor).isAllowed)
            #expect(AgreementRules.decide(.delete(isRecorder: true), by: actor).isAllowed)
            #expect(!AgreementRules.decide(.delete(isRecorder: false), by: actor).isAllowed)
            #expect(AgreementRules.decide(.edit(isRecorder: true), by: actor).isAllowed)
            #expect(!AgreementRules.decide(.edit(isRecorder: false), by: actor).isAllowed)
        }
    }

    @Test func whatIsLateComesFirstThenWhatIsOpenThenWhatIsFinished() throws {
        let today = try day("2026-11-30")
        let actions = [
            PlannedAction(id: 1, dueOn: try day("2026-12-15"), state: .ongoing),
            PlannedAction(id: 2, dueOn: try day("2026-10-01"), state: .done),
            PlannedAction(id: 3, dueOn: try day("2026-11-29"), state: .planned),
            PlannedAction(id: 4, dueOn: nil, state: .planned),
            PlannedAction(id: 5, dueOn: try day("2026-06-01"), state: .ongoing),
            PlannedAction(id: 6, dueOn: try day("2026-11-30"), state: .planned),
            PlannedAction(id: 7, dueOn: try day("2026-01-01"), state: .dropped),
        ]
        #expect(ActionPlan.ordered(actions, today: today).map(\.id) == [5, 3, 6, 1, 4, 7, 2])
        #expect(actions.filter { $0.isLate(today: today) }.map(\.id) == [3, 5])
    }
}

@Suite struct NetworkRulesTests {
    @Test func onlyTheInstancesAdministratorsKeepTheDirectory() {
        #expect(NetworkRules.mayManage(CouncilActor(role: nil, isInstanceAdministrator: true)).isAllowed)
        for actor in [CouncilActor.visitor, CouncilActor(role: .administrator), CouncilActor(role: .staff),
                      CouncilActor(role: nil, isInstanceAdministrator: true, isVerified: false)] {
            #expect(!NetworkRules.mayManage(actor).isAllowed)
        }
    }

    @Test func aNetworkAndItsMembersAreCheckedBeforeTheyAreStored() {
        #expect(NetworkDraft(slug: "ucesif", founded: 2004).problem() == nil)
        for slug in ["u", "UCESIF", "uce sif", "-ucesif", "ucésif", String(repeating: "a", count: 41)] {
            #expect(NetworkDraft(slug: slug, founded: nil).problem() == "network_error_slug", "\(slug)")
        }
        #expect(NetworkDraft(slug: "aicesis", founded: 1899).problem() == "network_error_founded")
        #expect(NetworkMemberDraft(isHosted: true, name: "", country: "", languages: []).problem() == nil)
        let senegal = NetworkMemberDraft(isHosted: false, name: "Conseil économique, social et environnemental du Sénégal", country: "SN",
                                         languages: ["fr", "wo"])
        #expect(senegal.problem() == nil)
        var bad = senegal
        bad.name = ""
        #expect(bad.problem() == "network_member_error_name")
        for country in ["sn", "SEN", "S1", ""] {
            bad = senegal
            bad.country = country
            #expect(bad.problem() == "network_member_error_country", "\(country)")
        }
        for languages in [[], ["FR"], ["français"], Array(repeating: "fr", count: 11)] {
            bad = senegal
            bad.languages = languages
            #expect(bad.problem() == "network_member_error_languages", "\(languages)")
        }
    }
}

@Suite struct ContributionRulesTests {
    @Test func aContributionIsOpenUntilItsLastDayWhileTheAgreementIsInForce() throws {
        func day(_ text: String) throws -> CivilDay { try #require(CivilDay(text)) }
        let agreement = AgreementCalendar(signedOn: try day("2024-03-14"), endsOn: try day("2028-03-13"))
        let window = ContributionWindow(agreement: agreement, lastDay: try day("2024-06-15"))
        #expect(try window.isOpen(on: day("2024-03-14")) && window.isOpen(on: day("2024-06-15")))
        #expect(try !window.isOpen(on: day("2024-06-16")) && !window.isOpen(on: day("2024-03-13")))
        #expect(!ContributionWindow(agreement: agreement, lastDay: nil).isOpen(on: try day("2024-05-01")))
        var ended = agreement
        ended.terminatedOn = try day("2024-05-01")
        #expect(!ContributionWindow(agreement: ended, lastDay: try day("2024-06-15")).isOpen(on: try day("2024-05-01")))
    }

    @Test func membersDraftTheBureauSendsAndTheReceiverAcknowledges() {
        let member = CouncilActor(role: .member), bureau = CouncilActor(role: .bureau), staff = CouncilActor(role: .staff)
        let citizen = CouncilActor(role: .citizen), visitor = CouncilActor.visitor
        for actor in [member, bureau, staff] {
            #expect(ContributionRules.decide(.draft, by: actor, status: .draft, isOpen: true).isAllowed)
            #expect(ContributionRules.decide(.draft, by: actor, status: .draft, isOpen: false) == .conflict("contribution_error_closed"))
            #expect(ContributionRules.decide(.draft, by: actor, status: .sent, isOpen: true) == .conflict("contribution_error_sent"))
        }
        for actor in [citizen, visitor] {
            #expect(!ContributionRules.decide(.see, by: actor, status: .draft, isOpen: true).isAllowed)
            #expect(!ContributionRules.decide(.draft, by: actor, status: .draft, isOpen: true).isAllowed)
        }
        #expect(ContributionRules.decide(.send, by: bureau, status: .draft, isOpen: true).isAllowed)
        #expect(ContributionRules.decide(.send, by: CouncilActor(role: .president), status: .draft, isOpen: true).isAllowed)
        #expect(ContributionRules.decide(.send, by: bureau, status: .draft, isOpen: false) == .conflict("contribution_error_closed"))
        for actor in [member, staff, citizen] {
            #expect(!ContributionRules.decide(.send, by: actor, status: .draft, isOpen: true).isAllowed)
        }
        #expect(ContributionRules.decide(.acknowledge, by: staff, status: .sent, isOpen: false).isAllowed)
        #expect(ContributionRules.decide(.acknowledge, by: staff, status: .acknowledged, isOpen: false) == .conflict("contribution_error_acknowledged"))
        #expect(!ContributionRules.decide(.acknowledge, by: member, status: .sent, isOpen: false).isAllowed)
    }
}

@Suite struct PracticeRulesTests {
    @Test func eachNoteIsReadByWhomItIsOpenTo() {
        let inside = PracticeReader(isInside: true), partner = PracticeReader(isPartner: true), network = PracticeReader(isInNetwork: true)
        #expect(PracticeAudience.allCases.allSatisfy { PracticeRules.mayRead($0, by: inside) })
        #expect(PracticeAudience.allCases.filter { PracticeRules.mayRead($0, by: partner) } == [.partners, .public])
        #expect(PracticeAudience.allCases.filter { PracticeRules.mayRead($0, by: network) } == [.network, .public])
        #expect(PracticeAudience.allCases.filter { PracticeRules.mayRead($0, by: .anyone) } == [.public])
        #expect(PracticeRules.mayWrite(CouncilActor(role: .staff)).isAllowed)
        for actor in [CouncilActor.visitor, CouncilActor(role: .member), CouncilActor(role: .bureau), CouncilActor(role: .citizen)] {
            #expect(!PracticeRules.mayWrite(actor).isAllowed)
        }
    }

    @Test func aNoteNeedsItsTitleAndBodyAndANetworkWhenOpenToOne() {
        let good = PracticeDraft(title: "Traiter la dissidence", summary: "", body: "Les groupes déclarent.", audience: .public, hasNetwork: false)
        #expect(good.problem() == nil)
        var bad = good
        bad.body = ""
        #expect(bad.problem() == "practice_error_empty")
        bad = good
        bad.audience = .network
        #expect(bad.problem() == "practice_error_network")
        bad.hasNetwork = true
        #expect(bad.problem() == nil)
        bad = good
        bad.summary = String(repeating: "a", count: 1_001)
        #expect(bad.problem() == "practice_error_too_long")
    }
}
