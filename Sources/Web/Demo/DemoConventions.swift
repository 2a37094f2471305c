import Conventions
import Foundation
import HemicycleDomain
import Storage

/// A demo citizens' convention of the French council, registration open: a panel of 150 on six criteria with
/// population shares of the kind France's statistics give, and a synthetic pool of 2,000 volunteers who, as real
/// volunteers do, over-represent graduates, managers and people in their fifties. The pool is drawn from a fixed
/// seed, so every demo database holds the same volunteers; they have no contact details.
struct DemoConventions {
    let site: Site

    typealias Value = (key: String, fr: String, ar: String, en: String, share: Double, propensity: Double)

    static let criteria: [(key: String, fr: String, ar: String, en: String, values: [Value])] = [
        ("sex", "Sexe", "الجنس", "Sex", [
            ("female", "Femme", "امرأة", "Woman", 0.516, 1.0), ("male", "Homme", "رجل", "Man", 0.484, 1.0),
        ]),
        ("age", "Âge", "السن", "Age", [
            ("16-24", "16 à 24 ans", "من 16 إلى 24 سنة", "16 to 24", 0.13, 0.7), ("25-34", "25 à 34 ans", "من 25 إلى 34 سنة", "25 to 34", 0.14, 0.9),
            ("35-49", "35 à 49 ans", "من 35 إلى 49 سنة", "35 to 49", 0.24, 1.0), ("50-64", "50 à 64 ans", "من 50 إلى 64 سنة", "50 to 64", 0.24, 1.25),
            ("65+", "65 ans et plus", "65 سنة فما فوق", "65 and over", 0.25, 1.05),
        ]),
        ("education", "Diplôme", "المستوى الدراسي", "Education", [
            ("none", "Sans diplôme ou brevet", "بدون شهادة أو شهادة إعدادية", "No diploma or lower secondary", 0.22, 0.6),
            ("secondary", "CAP, BEP ou baccalauréat", "شهادة مهنية أو باكالوريا", "Vocational or upper secondary", 0.45, 0.95),
            ("higher", "Diplôme du supérieur", "شهادة التعليم العالي", "Higher education", 0.33, 1.6),
        ]),
        ("occupation", "Catégorie socioprofessionnelle", "الفئة السوسيومهنية", "Socio-professional category", [
            ("farmer", "Agriculteurs exploitants", "فلاحون مستغلون", "Farmers", 0.01, 1.0),
            ("self-employed", "Artisans, commerçants, chefs d'entreprise", "حرفيون وتجار وأرباب مقاولات", "Craftspeople, shopkeepers, business owners", 0.04, 1.1),
            ("manager", "Cadres et professions intellectuelles supérieures", "أطر ومهن فكرية عليا", "Managers and professionals", 0.10, 1.5),
            ("intermediate", "Professions intermédiaires", "مهن وسيطة", "Intermediate occupations", 0.14, 1.2),
            ("employee", "Employés", "مستخدمون", "Clerical and service workers", 0.16, 0.9),
            ("worker", "Ouvriers", "عمال", "Manual workers", 0.12, 0.6),
            ("retired", "Retraités", "متقاعدون", "Retired", 0.32, 1.0),
            ("inactive", "Autres personnes sans activité professionnelle", "أشخاص آخرون بدون نشاط مهني", "Other people without work", 0.11, 0.8),
        ]),
        ("region", "Région", "الجهة", "Region", [
            ("ile-de-france", "Île-de-France", "إيل دو فرانس", "Île-de-France", 0.19, 1.15),
            ("north-east", "Nord et Est", "الشمال والشرق", "North and East", 0.21, 0.9),
            ("west", "Ouest", "الغرب", "West", 0.22, 1.0), ("south-west", "Sud-Ouest", "الجنوب الغربي", "South-West", 0.13, 1.0),
            ("south-east", "Sud-Est", "الجنوب الشرقي", "South-East", 0.22, 1.0),
            ("overseas", "Outre-mer", "أقاليم ما وراء البحار", "Overseas", 0.03, 0.8),
        ]),
        ("area", "Milieu de vie", "الوسط", "Area", [
            ("urban", "Urbain", "حضري", "Urban", 0.67, 1.1), ("rural", "Rural", "قروي", "Rural", 0.33, 0.85),
        ]),
    ]

    static let poolSize = 2_000
    static let panelSize = 150

    /// The criteria as the rules read them.
    static var plannedCriteria: [Criterion] {
        criteria.map { criterion in
            Criterion(key: criterion.key, name: LocalizedText(fr: criterion.fr, ar: criterion.ar, en: criterion.en),
                      values: criterion.values.map { CriterionValue(key: $0.key, name: LocalizedText(fr: $0.fr, ar: $0.ar, en: $0.en), populationShare: $0.share) })
        }
    }

    /// A synthetic pool: for each volunteer, the index of their value in each criterion. Each value's chance among
    /// volunteers is its population share times how readily its people volunteer.
    static func pool(seed: UInt64, size: Int) -> [[Int]] {
        var random = DemoRandom(seed: seed)
        return (0..<size).map { _ in
            criteria.map { criterion in
                let weights = criterion.values.map { $0.share * $0.propensity }
                var target = random.nextUnit() * weights.reduce(0, +)
                for (index, weight) in weights.enumerated() {
                    if target < weight { return index }
                    target -= weight
                }
                return weights.count - 1
            }
        }
    }

    /// Stores the criteria with the quotas the shares give for `panelSize` seats.
    static func storeCriteria(_ conventions: ConventionRepository, conventionID: Int64, councilID: Int64, panelSize: Int) async throws {
        let criteria = plannedCriteria
        let plan = try QuotaPlan.derive(criteria: criteria, panelSize: panelSize)
        try await conventions.replaceCriteria(conventionID: conventionID, councilID: councilID, criteria.enumerated().map { c, criterion in
            NewCriterion(key: criterion.key, name: criterion.name, values: criterion.values.enumerated().map { v, value in
                NewCriterion.Value(key: value.key, name: value.name, populationShare: value.populationShare,
                                   quotaMin: plan.quotas[c][v].min, quotaMax: plan.quotas[c][v].max)
            })
        }, whileIn: ["preparing"])
    }

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr") else { return }
        let conventions = ConventionRepository(database: site.database)
        let id = try await conventions.create(councilID: france.id, ConventionDefinition(
            title: LocalizedText(fr: "Convention citoyenne sur la fin de vie", ar: "الاتفاقية المواطنة حول نهاية الحياة",
                                 en: "Citizens' convention on the end of life"),
            mandate: LocalizedText(fr: "Le cadre d'accompagnement de la fin de vie est-il adapté aux différentes situations rencontrées ou d'éventuels changements devraient-ils être introduits ?",
                                   ar: nil, en: "Is the framework for end-of-life care suited to the situations people meet, or should changes be made?"),
            workID: nil, panelSize: Self.panelSize, tolerance: 0, onePerHousehold: false), at: site.clock.now().timeIntervalSince1970)
        try await Self.storeCriteria(conventions, conventionID: id, councilID: france.id, panelSize: Self.panelSize)
        let stored = try await conventions.criteria(conventionID: id)
        let volunteers = Self.pool(seed: 2023, size: Self.poolSize).enumerated().map { number, values in
            NewVolunteer(reference: String(format: "V%04d", number + 1), valueIDs: zip(stored, values).map { $0.values[$1].id }, name: nil,
                         email: nil, phone: nil, birthDate: nil, address: nil, postcode: nil)
        }
        try await conventions.addVolunteers(conventionID: id, councilID: france.id, volunteers, source: "demo",
                                            at: site.clock.now().timeIntervalSince1970, whileIn: ["preparing"])
        try await conventions.move(id: id, councilID: france.id, from: "preparing", to: "registration")
    }
}

/// A small seeded generator for demo data (DemoRandom): the same numbers on every machine.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
