import HemicycleDomain

/// A sitting, as stored.
public struct SittingRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    /// `plenary`, `commission` or `bureau`.
    public let body: String
    public let commissionId: Int64?
    public let startsAt: Double
    public let endsAt: Double
    public let place: String
    public let remoteUrl: String?
    /// `planned`, `convened` or `cancelled`.
    public let status: String
    /// Raised on every change calendar programs must apply (RFC 5545 `SEQUENCE`).
    public let sequence: Int
    public let createdAt: Double
    public let updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, body, place, status, sequence
        case councilId = "council_id", commissionId = "commission_id", startsAt = "starts_at", endsAt = "ends_at", remoteUrl = "remote_url"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A sitting as the secretariat writes it.
public struct SittingFields: Sendable {
    public var body: String
    public var commissionID: Int64?
    public var startsAt: Double
    public var endsAt: Double
    public var place: String
    public var remoteURL: String?

    public init(body: String, commissionID: Int64?, startsAt: Double, endsAt: Double, place: String, remoteURL: String?) {
        self.body = body
        self.commissionID = commissionID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.remoteURL = remoteURL
    }
}

/// An item of a sitting's agenda, as stored.
public struct SittingItemRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let sittingId: Int64
    public let position: Int
    /// `examination`, `vote`, `hearing`, `communication` or `other`.
    public let kind: String
    public let workId: Int64?
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }

    enum CodingKeys: String, CodingKey {
        case id, position, kind
        case sittingId = "sitting_id", workId = "work_id", titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en"
    }
}

/// A proxy, as stored: `giverId` gives their vote to `holderId`, for `ballotId` or (nil) the whole sitting.
public struct SittingProxyRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let sittingId: Int64
    public let giverId: Int64
    public let holderId: Int64
    public let ballotId: Int64?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case sittingId = "sitting_id", giverId = "giver_id", holderId = "holder_id", ballotId = "ballot_id", createdAt = "created_at"
    }
}

/// Why a change to a sitting was not made: it is gone, or its rule refused it (the key of the sentence).
public enum SittingChangeRefused: Error, Sendable, Equatable {
    case notFound
    case refused(String)
}
