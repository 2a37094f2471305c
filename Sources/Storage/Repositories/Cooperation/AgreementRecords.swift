import HemicycleDomain

/// An agreement between councils, as stored; its days are `yyyy-MM-dd` in the calendar of whoever reads them.
public struct AgreementRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    /// The council that recorded it, and alone may remove it.
    public let councilId: Int64
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let textFr: String
    public let textAr: String
    public let textEn: String
    public let place: String
    public let signedOn: String?
    public let inForceFrom: String?
    public let endsOn: String?
    public let terminatedOn: String?
    public let createdAt: Double
    public let updatedAt: Double

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }
    public var text: LocalizedText { LocalizedText(fr: textFr, ar: textAr, en: textEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en"
        case textFr = "text_fr", textAr = "text_ar", textEn = "text_en"
        case place
        case signedOn = "signed_on", inForceFrom = "in_force_from", endsOn = "ends_on", terminatedOn = "terminated_on"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A theme of cooperation, from the list the instance keeps.
public struct CooperationTheme: Sendable, Hashable, Decodable {
    public let id: Int64
    public let slug: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let position: Int

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }

    enum CodingKeys: String, CodingKey {
        case id, slug, position
        case nameFr = "name_fr", nameAr = "name_ar", nameEn = "name_en"
    }
}

/// Someone who signed an agreement for one of its parties.
public struct AgreementSignatory: Sendable, Hashable, Decodable {
    public let councilId: Int64
    public let position: Int
    public let name: String

    enum CodingKeys: String, CodingKey {
        case councilId = "council_id", position, name
    }
}

/// An action of an agreement's action plan.
public struct AgreementActionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let agreementId: Int64
    public let title: String
    /// The party that carries it, and who there (a department, a person).
    public let ownerCouncilId: Int64
    public let owner: String
    public let dueOn: String?
    public let state: String
    public let followUp: String
    public let updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, title, owner, state
        case agreementId = "agreement_id", ownerCouncilId = "owner_council_id", dueOn = "due_on", followUp = "follow_up"
        case updatedAt = "updated_at"
    }
}

/// What a party shares with another under an agreement.
public struct AgreementShare: Sendable, Hashable, Decodable {
    public let id: Int64
    public let agreementId: Int64
    public let grantingCouncilId: Int64
    public let granteeCouncilId: Int64
    public let itemKind: String
    public let itemId: Int64
    public let createdAt: Double
    /// For a contribution: the last day it may be sent, in the granting council's calendar (`yyyy-MM-dd`).
    public let dueOn: String?

    /// A work item of the granting council, to read in full before it is published.
    public static let work = "work"
    /// A work item of the granting council, to read and contribute to until `dueOn`.
    public static let contribution = "contribution"
    /// The kinds under which a work is read.
    public static let workKinds = [work, contribution]
    /// A practice note the granting council's partner reads while the agreement is in force.
    public static let practiceNote = "practice_note"

    enum CodingKeys: String, CodingKey {
        case id
        case agreementId = "agreement_id", grantingCouncilId = "granting_council_id", granteeCouncilId = "grantee_council_id"
        case itemKind = "item_kind", itemId = "item_id", createdAt = "created_at", dueOn = "due_on"
    }
}

/// An agreement as the secretariat writes it.
public struct AgreementFields: Sendable {
    public var title: LocalizedText
    public var text: LocalizedText
    public var place: String
    public var signedOn: String?
    public var inForceFrom: String?
    public var endsOn: String?
    public var terminatedOn: String?
    /// Every party, the recording council among them.
    public var parties: [Int64]
    /// Who signed, per party, in order.
    public var signatories: [Int64: [String]]
    public var themes: [Int64]

    public init(title: LocalizedText, text: LocalizedText, place: String, signedOn: String?, inForceFrom: String?, endsOn: String?,
                terminatedOn: String?, parties: [Int64], signatories: [Int64: [String]], themes: [Int64]) {
        self.title = title
        self.text = text
        self.place = place
        self.signedOn = signedOn
        self.inForceFrom = inForceFrom
        self.endsOn = endsOn
        self.terminatedOn = terminatedOn
        self.parties = parties
        self.signatories = signatories
        self.themes = themes
    }
}

/// An action of the plan as the secretariat writes it.
public struct AgreementActionFields: Sendable {
    public var title: String
    public var ownerCouncilID: Int64
    public var owner: String
    public var dueOn: String?
    public var state: String
    public var followUp: String

    public init(title: String, ownerCouncilID: Int64, owner: String, dueOn: String?, state: String, followUp: String) {
        self.title = title
        self.ownerCouncilID = ownerCouncilID
        self.owner = owner
        self.dueOn = dueOn
        self.state = state
        self.followUp = followUp
    }
}
