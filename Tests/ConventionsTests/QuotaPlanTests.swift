import Conventions
import HemicycleDomain
import Testing

@Suite("Criteria and the quotas derived from population shares")
struct QuotaPlanTests {
    static func value(_ key: String, _ share: Double) -> CriterionValue {
        CriterionValue(key: key, name: LocalizedText(fr: key, ar: nil, en: nil), populationShare: share)
    }

    static func criterion(_ key: String, _ values: [(String, Double)]) -> Criterion {
        Criterion(key: key, name: LocalizedText(fr: key, ar: nil, en: nil), values: values.map { value($0.0, $0.1) })
    }

    static let sex = criterion("sex", [("female", 0.516), ("male", 0.484)])
    static let area = criterion("area", [("urban", 0.8), ("rural", 0.2)])

    @Test("without tolerance each quota is its ideal seats rounded outwards, and the panel always fits")
    func derivation() throws {
        let plan = try QuotaPlan.derive(criteria: [Self.sex, Self.area], panelSize: 150)
        // 150 × 51.6% = 77.4 seats: 77 to 78. 150 × 20% is 30.000000000000004 in floating point: still exactly 30.
        #expect(plan.quotas[0] == [Quota(min: 77, max: 78), Quota(min: 72, max: 73)])
        #expect(plan.quotas[1] == [Quota(min: 120, max: 120), Quota(min: 30, max: 30)])
        #expect(abs(plan.idealSeats(criterion: 0, value: 0) - 77.4) < 1e-9)
        try plan.validate()
    }

    @Test("a tolerance widens every quota by that fraction of its ideal, rounded outwards")
    func tolerance() throws {
        let plan = try QuotaPlan.derive(criteria: [Self.area], panelSize: 150, tolerance: 0.1)
        #expect(plan.quotas[0] == [Quota(min: 108, max: 132), Quota(min: 27, max: 33)])
    }

    @Test("published shares that miss 100% by rounding are scaled, beyond half a percent they are refused")
    func shares() throws {
        let rounded = Self.criterion("age", [("16-34", 0.334), ("35-59", 0.333), ("60+", 0.336)])
        let plan = try QuotaPlan.derive(criteria: [rounded], panelSize: 100)
        #expect(abs(QuotaPlan.idealSeats(rounded, panelSize: 100).reduce(0, +) - 100) < 1e-9)
        try plan.validate()
        let wrong = Self.criterion("age", [("16-34", 0.30), ("35-59", 0.30), ("60+", 0.30)])
        #expect(throws: CriteriaError.sharesDoNotAddUp(criterion: "age", total: 0.8999999999999999)) {
            try QuotaPlan.derive(criteria: [wrong], panelSize: 100)
        }
    }

    @Test("malformed criteria are refused with the criterion named")
    func malformed() {
        #expect(throws: CriteriaError.noCriteria) { try QuotaPlan.derive(criteria: [], panelSize: 10) }
        #expect(throws: CriteriaError.duplicateCriterion("sex")) { try QuotaPlan.derive(criteria: [Self.sex, Self.sex], panelSize: 10) }
        #expect(throws: CriteriaError.duplicateValue(criterion: "sex", value: "male")) {
            try QuotaPlan.derive(criteria: [Self.criterion("sex", [("male", 0.5), ("male", 0.5)])], panelSize: 10)
        }
        #expect(throws: CriteriaError.shareOutOfRange(criterion: "sex", value: "male")) {
            try QuotaPlan.derive(criteria: [Self.criterion("sex", [("male", 1.5), ("female", -0.5)])], panelSize: 10)
        }
        #expect(throws: CriteriaError.invalidKey(" sex")) { try QuotaPlan.derive(criteria: [Self.criterion(" sex", [("x", 1)])], panelSize: 10) }
        #expect(throws: CriteriaError.invalidKey("a\nb")) { try QuotaPlan.derive(criteria: [Self.criterion("sex", [("a\nb", 1)])], panelSize: 10) }
        #expect(throws: CriteriaError.criterionWithoutValues("sex")) { try QuotaPlan.derive(criteria: [Self.criterion("sex", [])], panelSize: 10) }
        #expect(throws: CriteriaError.panelSizeOutOfRange(0)) { try QuotaPlan.derive(criteria: [Self.sex], panelSize: 0) }
        // Keys may be written in Arabic: the pool's files may be.
        #expect(Criteria.isValidKey("حضري") && Criteria.isValidKey("65+") && Criteria.isValidKey("prefer not to say"))
    }

    @Test("an edit that leaves no room for a panel is refused and the plan is unchanged")
    func edits() throws {
        var plan = try QuotaPlan.derive(criteria: [Self.sex, Self.area], panelSize: 150)
        try plan.edit(criterion: "sex", value: "female", to: Quota(min: 75, max: 80))
        #expect(plan.quota(criterion: "sex", value: "female") == Quota(min: 75, max: 80))
        #expect(plan.derivedQuotas[0][0] == Quota(min: 77, max: 78))
        let before = plan
        #expect(throws: CriteriaError.minimumsExceedPanel(criterion: "sex", total: 152)) {
            try plan.edit(criterion: "sex", value: "female", to: Quota(min: 80, max: 80))
        }
        #expect(throws: CriteriaError.maximumsBelowPanel(criterion: "area", total: 140)) {
            try plan.edit(criterion: "area", value: "rural", to: Quota(min: 20, max: 20))
        }
        #expect(throws: CriteriaError.minimumAboveMaximum(criterion: "area", value: "rural")) {
            try plan.edit(criterion: "area", value: "rural", to: Quota(min: 31, max: 29))
        }
        #expect(throws: CriteriaError.quotaOutOfRange(criterion: "area", value: "rural")) {
            try plan.edit(criterion: "area", value: "rural", to: Quota(min: 0, max: 151))
        }
        #expect(throws: CriteriaError.unknownValue(criterion: "area", value: "suburban")) {
            try plan.edit(criterion: "area", value: "suburban", to: Quota(min: 0, max: 1))
        }
        #expect(plan == before)
    }

    @Test("derived quotas always admit a panel, whatever the shares and the size")
    func derivedAlwaysFit() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for round in 0..<500 {
            let count = 2 + round % 7
            let raw = (0..<count).map { _ in next() + 0.001 }
            let total = raw.reduce(0, +)
            let criterion = Self.criterion("c", raw.enumerated().map { ("v\($0.offset)", $0.element / total) })
            let plan = try QuotaPlan.derive(criteria: [criterion], panelSize: 1 + round % 200, tolerance: Double(round % 3) * 0.1)
            try plan.validate()
            for (v, quota) in plan.quotas[0].enumerated() {
                let ideal = plan.idealSeats(criterion: 0, value: v)
                #expect(Double(quota.min) <= ideal + 1e-9 && ideal - 1e-9 <= Double(quota.max))
                #expect(Double(quota.max) - Double(quota.min) <= 2 * plan.tolerance * ideal + 2)
            }
        }
    }

    @Test("quotas set together may move seats from one value to another; keys differing by case are one key")
    func movingSeats() throws {
        let halves = Self.criterion("group", [("a", 0.5), ("b", 0.5)])
        var plan = try QuotaPlan.derive(criteria: [halves], panelSize: 100)
        #expect(plan.quotas[0] == [Quota(min: 50, max: 50), Quota(min: 50, max: 50)])
        // Either value changed alone breaks the plan; both together keep it whole.
        #expect(throws: CriteriaError.maximumsBelowPanel(criterion: "group", total: 90)) {
            try plan.edit(criterion: "group", value: "a", to: Quota(min: 40, max: 40))
        }
        try plan.setQuotas([[Quota(min: 40, max: 40), Quota(min: 60, max: 60)]])
        #expect(plan.quotas[0] == [Quota(min: 40, max: 40), Quota(min: 60, max: 60)])
        #expect(throws: CriteriaError.duplicateValue(criterion: "sex", value: "Female")) {
            try QuotaPlan.derive(criteria: [Self.criterion("sex", [("female", 0.5), ("Female", 0.5)])], panelSize: 10)
        }
        #expect(throws: CriteriaError.duplicateCriterion("Sex")) {
            try QuotaPlan.derive(criteria: [Self.sex, Self.criterion("Sex", [("x", 1)])], panelSize: 10)
        }
        let many = Self.criterion("c", (0..<201).map { ("v\($0)", 1.0 / 201) })
        #expect(throws: CriteriaError.tooManyValues(criterion: "c")) { try QuotaPlan.derive(criteria: [many], panelSize: 10) }
        let manyCriteria = (0..<21).map { Self.criterion("c\($0)", [("x", 1)]) }
        #expect(throws: CriteriaError.tooManyCriteria(21)) { try QuotaPlan.derive(criteria: manyCriteria, panelSize: 10) }
    }
}
