import HemicycleDomain

/// A citizens' convention as stored.
public struct ConventionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let mandateFr: String?
    public let mandateAr: String?
    public let mandateEn: String?
    public let workId: Int64?
    public let panelSize: Int
    public let tolerance: Double
    public let onePerHousehold: Bool
    public let status: String
    public let createdAt: Double

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }
    public var mandate: LocalizedText { LocalizedText(fr: mandateFr, ar: mandateAr, en: mandateEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case titleFr = "title_fr"
        case titleAr = "title_ar"
        case titleEn = "title_en"
        case mandateFr = "mandate_fr"
        case mandateAr = "mandate_ar"
        case mandateEn = "mandate_en"
        case workId = "work_id"
        case panelSize = "panel_size"
        case tolerance
        case onePerHousehold = "one_per_household"
        case status
        case createdAt = "created_at"
    }
}

/// What defines a convention, as the secretariat writes it.
public struct ConventionDefinition: Sendable, Equatable {
    public var title: LocalizedText
    public var mandate: LocalizedText
    public var workID: Int64?
    public var panelSize: Int
    public var tolerance: Double
    public var onePerHousehold: Bool

    public init(title: LocalizedText, mandate: LocalizedText, workID: Int64?, panelSize: Int, tolerance: Double, onePerHousehold: Bool) {
        self.title = title
        self.mandate = mandate
        self.workID = workID
        self.panelSize = panelSize
        self.tolerance = tolerance
        self.onePerHousehold = onePerHousehold
    }
}

/// A criterion's value as stored, with its quota.
public struct StoredCriterionValue: Sendable, Hashable, Decodable {
    public let id: Int64
    public let criterionId: Int64
    public let position: Int
    public let key: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let populationShare: Double
    public let quotaMin: Int
    public let quotaMax: Int

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case criterionId = "criterion_id"
        case position
        case key
        case nameFr = "name_fr"
        case nameAr = "name_ar"
        case nameEn = "name_en"
        case populationShare = "population_share"
        case quotaMin = "quota_min"
        case quotaMax = "quota_max"
    }
}

/// A criterion as stored, with its values in order.
public struct StoredCriterion: Sendable, Hashable {
    public let id: Int64
    public let key: String
    public let name: LocalizedText
    public let values: [StoredCriterionValue]
}

/// A criterion to store: its key and names, and each value's key, names, share and quota.
public struct NewCriterion: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        public var key: String
        public var name: LocalizedText
        public var populationShare: Double
        public var quotaMin: Int
        public var quotaMax: Int

        public init(key: String, name: LocalizedText, populationShare: Double, quotaMin: Int, quotaMax: Int) {
            self.key = key
            self.name = name
            self.populationShare = populationShare
            self.quotaMin = quotaMin
            self.quotaMax = quotaMax
        }
    }

    public var key: String
    public var name: LocalizedText
    public var values: [Value]

    public init(key: String, name: LocalizedText, values: [Value]) {
        self.key = key
        self.name = name
        self.values = values
    }
}

/// A volunteer to add to the pool: their reference, the id of their value for each criterion, contact details.
public struct NewVolunteer: Sendable, Equatable {
    public var reference: String
    public var valueIDs: [Int64]
    public var name: String?
    public var email: String?
    public var phone: String?
    public var birthDate: String?
    public var address: String?
    public var postcode: String?
    /// The account that registered through the form.
    public var accountID: Int64?

    public init(reference: String, valueIDs: [Int64], name: String?, email: String?, phone: String?, birthDate: String?,
                address: String?, postcode: String?, accountID: Int64? = nil) {
        self.reference = reference
        self.valueIDs = valueIDs
        self.name = name
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
        self.address = address
        self.postcode = postcode
        self.accountID = accountID
    }
}

/// A volunteer as the secretariat sees them.
public struct VolunteerRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let reference: String
    public let name: String?
    public let email: String?
    public let phone: String?
    public let birthDate: String?
    public let address: String?
    public let postcode: String?
    public let source: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, reference, name, email, phone
        case birthDate = "birth_date"
        case address, postcode, source
        case createdAt = "created_at"
    }
}
