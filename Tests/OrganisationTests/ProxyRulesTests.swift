import HemicycleDomain
import Organisation
import Testing

/// Proxies within the council's rule, and the quorum they may or may not count towards.
@Suite struct ProxyRulesTests {
    let voters: Set<Int64> = [1, 2, 3, 4, 5, 6, 7]

    func problem(_ proxy: Proxy, _ existing: [Proxy] = [], attendance: [Int64: Attendance] = [:], rule: ProxyRule = .standard) -> String? {
        ProxyRules.problem(proxy, existing: existing, voters: voters, attendance: attendance, rule: rule)
    }

    @Test func aProxyIsGivenOnceToAMemberWhoTakesPart() {
        #expect(problem(Proxy(giver: 1, holder: 2)) == nil)
        #expect(problem(Proxy(giver: 1, holder: 99)) == "proxy_error_not_voter")
        #expect(problem(Proxy(giver: 99, holder: 1)) == "proxy_error_not_voter")
        #expect(problem(Proxy(giver: 1, holder: 1)) == "proxy_error_self")
        #expect(problem(Proxy(giver: 1, holder: 2), attendance: [1: .present]) == "proxy_error_giver_present")
        #expect(problem(Proxy(giver: 1, holder: 2), attendance: [1: .remote]) == "proxy_error_giver_present")
        #expect(problem(Proxy(giver: 1, holder: 2), attendance: [1: .excused, 2: .absent]) == "proxy_error_holder_absent")
        #expect(problem(Proxy(giver: 1, holder: 2), attendance: [1: .excused, 2: .remote]) == nil)
        // Once for the whole sitting, or once per ballot; the whole sitting covers every ballot.
        #expect(problem(Proxy(giver: 1, holder: 3), [Proxy(giver: 1, holder: 2)]) == "proxy_error_given_twice")
        #expect(problem(Proxy(giver: 1, holder: 3, ballotID: 10), [Proxy(giver: 1, holder: 2)]) == "proxy_error_given_twice")
        #expect(problem(Proxy(giver: 1, holder: 3), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == "proxy_error_given_twice")
        #expect(problem(Proxy(giver: 1, holder: 3, ballotID: 11), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == nil)
    }

    @Test func noChainsAndNoMoreThanTheRuleAllows() {
        // 1 gave to 2: 2 cannot give, and 1 cannot hold.
        #expect(problem(Proxy(giver: 2, holder: 3), [Proxy(giver: 1, holder: 2)]) == "proxy_error_chain")
        #expect(problem(Proxy(giver: 3, holder: 1), [Proxy(giver: 1, holder: 2)]) == "proxy_error_chain")
        // Not for different ballots.
        #expect(problem(Proxy(giver: 2, holder: 3, ballotID: 11), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == nil)
        // One proxy held at most, by default; counted per ballot.
        #expect(problem(Proxy(giver: 3, holder: 2), [Proxy(giver: 1, holder: 2)]) == "proxy_error_too_many")
        #expect(problem(Proxy(giver: 3, holder: 2, ballotID: 10), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == "proxy_error_too_many")
        #expect(problem(Proxy(giver: 3, holder: 2, ballotID: 11), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == nil)
        #expect(problem(Proxy(giver: 3, holder: 2), [Proxy(giver: 1, holder: 2, ballotID: 10)]) == "proxy_error_too_many")
        // A council allowing two.
        let two = ProxyRule(mostHeld: 2)
        #expect(problem(Proxy(giver: 3, holder: 2), [Proxy(giver: 1, holder: 2)], rule: two) == nil)
        #expect(problem(Proxy(giver: 4, holder: 2), [Proxy(giver: 1, holder: 2), Proxy(giver: 3, holder: 2)], rule: two) == "proxy_error_too_many")
    }

    @Test func eachGivenVoteIsCastOnceByItsHolder() {
        let proxies = [Proxy(giver: 1, holder: 2), Proxy(giver: 3, holder: 4, ballotID: 10), Proxy(giver: 5, holder: 6, ballotID: 11)]
        #expect(ProxyRules.casting(for: 10, proxies: proxies, rule: .standard) == [1: 2, 3: 4])
        #expect(ProxyRules.casting(for: 11, proxies: proxies, rule: .standard) == [1: 2, 5: 6])
        #expect(ProxyRules.casting(for: 12, proxies: proxies, rule: .standard) == [1: 2])
        // The rule lowered after the proxies were given: the holder casts those recorded first, up to the rule; none
        // when the council no longer allows any.
        let two = [Proxy(giver: 1, holder: 2), Proxy(giver: 3, holder: 2), Proxy(giver: 5, holder: 6)]
        #expect(ProxyRules.casting(for: 10, proxies: two, rule: ProxyRule(mostHeld: 2)) == [1: 2, 3: 2, 5: 6])
        #expect(ProxyRules.casting(for: 10, proxies: two, rule: .standard) == [1: 2, 5: 6])
        #expect(ProxyRules.casting(for: 10, proxies: two, rule: ProxyRule(mostHeld: 0)).isEmpty)
    }

    @Test func theQuorumIsAMajorityTakingPartAndProxiesCountOnlyWhereTheRuleSays() {
        // Seven voters: four must take part.
        let three: [Int64: Attendance] = [1: .present, 2: .remote, 3: .present, 4: .excused, 5: .absent]
        let proxies = [Proxy(giver: 4, holder: 1), Proxy(giver: 5, holder: 2, ballotID: 10), Proxy(giver: 6, holder: 99)]
        let standard = QuorumCount(voters: voters, attendance: three, proxies: proxies, rule: .standard)
        #expect(standard.voters == 7 && standard.takingPart == 3 && standard.represented == 1 && standard.required == 4 && !standard.isMet)
        #expect(QuorumCount(voters: voters, attendance: three, proxies: proxies, rule: QuorumRule(countsProxies: true)).isMet)
        var four = three
        four[7] = .present
        #expect(QuorumCount(voters: voters, attendance: four, proxies: [], rule: .standard).isMet)
        // Six voters: four as well (more than half).
        #expect(QuorumRule.standard.required(voters: 6) == 4)
        #expect(!QuorumCount(voters: [], attendance: [:], proxies: [], rule: .standard).isMet)
    }

    @Test(arguments: [(QuorumThreshold.majority, 6, 4), (.majority, 7, 4), (.majority, 0, 1), (.third, 6, 2), (.third, 7, 3), (.third, 1, 1),
                      (.twoThirds, 6, 4), (.twoThirds, 7, 5), (.twoThirds, 233, 156), (.third, 0, 1)])
    func eachThresholdAsksForItsShare(threshold: QuorumThreshold, voters: Int, required: Int) {
        #expect(threshold.required(voters: voters) == required)
    }

    @Test func theCouncilsRulesAreReadFromItsForm() throws {
        let two = try CouncilSittingRules.read(mostHeld: " 2 ", quorum: "third", countsProxies: "on").get()
        #expect(two.proxy.mostHeld == 2 && two.quorum == QuorumRule(threshold: .third, countsProxies: true))
        // No proxies allowed: none can count towards the quorum, and none can be given.
        let none = try CouncilSittingRules.read(mostHeld: "0", quorum: "majority", countsProxies: "on").get()
        #expect(none.proxy.mostHeld == 0 && !none.quorum.countsProxies)
        #expect(ProxyRules.problem(Proxy(giver: 4, holder: 1), existing: [], voters: voters, attendance: [:], rule: none.proxy) == "proxy_error_not_allowed")
        for held in ["", "6", "-1", "1.5", "٢", "one", "100"] {
            #expect(throws: ValidationFailure(field: "proxies_held", key: "sitting_rules_error_proxies")) {
                try CouncilSittingRules.read(mostHeld: held, quorum: "majority", countsProxies: nil).get()
            }
        }
        #expect(throws: ValidationFailure(field: "quorum", key: "sitting_rules_error_quorum")) {
            try CouncilSittingRules.read(mostHeld: "1", quorum: "half", countsProxies: nil).get()
        }
        // What is stored and no longer understood falls back to the standard rules.
        #expect(CouncilSittingRules(stored: 9, quorum: "quarter", countsProxies: false) == .standard)
        #expect(CouncilSittingRules.mayRecord(by: CouncilActor(role: .staff)) == .forbidden("sitting_rules_refused"))
    }
}
