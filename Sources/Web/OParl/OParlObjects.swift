/// OParl 1.1 objects (https://schema.oparl.org/1.1/), as the endpoint writes them: absent values are left out.
enum OParlType {
    static func of(_ name: String) -> String { "https://schema.oparl.org/1.1/\(name)" }
}

struct OParlSystem: Encodable, Sendable {
    let id: String
    var type = OParlType.of("System")
    var oparlVersion = "https://schema.oparl.org/1.1/"
    let body: String
    let name: String
    let website: String
    let web: String
}

struct OParlLegislativeTerm: Encodable, Sendable {
    let id: String
    var type = OParlType.of("LegislativeTerm")
    let body: String
    let name: String
    let startDate: String
    let endDate: String
    let web: String?
}

struct OParlBody: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Body")
    let system: String
    let shortName: String
    let name: String
    let website: String?
    let organization: String
    let person: String
    let meeting: String
    let paper: String
    let legislativeTerm: [OParlLegislativeTerm]
    let legislativeTermList: String
    let agendaItem: String
    let file: String
    let membership: String
    let mainOrganization: String
    let classification: String
    let web: String
}

struct OParlOrganization: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Organization")
    let body: String
    let name: String
    let shortName: String?
    let membership: [String]
    /// The external list of its meetings, for the bodies that meet in public.
    let meeting: String?
    let organizationType: String
    let classification: String
    let memberCount: Int
    let web: String?
}

struct OParlMembership: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Membership")
    let person: String
    let organization: String
    let role: String?
    let votingRight: Bool
    let web: String?
    /// The day the seat began, when it is recorded, and the day it ended (a former member's).
    var startDate: String? = nil
    var endDate: String? = nil
}

struct OParlPerson: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Person")
    let body: String
    let name: String
    let membership: [OParlMembership]?
    let web: String?
}

struct OParlLocation: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Location")
    let description: String
}

struct OParlFile: Encodable, Sendable {
    let id: String
    var type = OParlType.of("File")
    let name: String
    let fileName: String
    let mimeType: String
    let accessUrl: String
    let downloadUrl: String
    let paper: [String]?
    let created: String?
    let modified: String?
    var meeting: [String]? = nil
    var size: Int64? = nil
}

/// What is left of an object once deleted (OParl 1.1's soft delete): its id, type and creation, and when it went.
struct OParlDeleted: Encodable, Sendable {
    let id: String
    let type: String
    let created: String?
    let modified: String
    var deleted = true
    /// An agenda item's place, a file's former address: OParl's schemas require them still.
    let order: Int?
    let accessUrl: String?
}

struct OParlAgendaItem: Encodable, Sendable {
    let id: String
    var type = OParlType.of("AgendaItem")
    let meeting: String
    let number: String
    let order: Int
    let name: String
    let `public`: Bool
    let created: String
    let modified: String
    let web: String
}

struct OParlMeeting: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Meeting")
    let name: String
    /// `scheduled`, `invited`, `running`, `completed` (OParl leaves the words free).
    let meetingState: String
    let cancelled: Bool
    let start: String
    let end: String
    let location: OParlLocation?
    let organization: [String]
    let participant: [String]
    let agendaItem: [OParlAgendaItem]?
    let created: String
    let modified: String
    let web: String
    /// The documents attached to the sitting.
    var auxiliaryFile: [OParlFile]? = nil
}

struct OParlPaper: Encodable, Sendable {
    let id: String
    var type = OParlType.of("Paper")
    let body: String
    let name: String
    let reference: String?
    let date: String?
    let paperType: String
    let mainFile: OParlFile
    let underDirectionOf: [String]?
    let created: String
    let modified: String
    let web: String
}

/// A page of an external list: its objects, where it stands, and the links to the others (filters kept).
struct OParlList<Item: Encodable & Sendable>: Encodable, Sendable {
    struct Pagination: Encodable, Sendable {
        let totalElements: Int
        let elementsPerPage: Int
        let currentPage: Int
        let totalPages: Int
    }

    struct Links: Encodable, Sendable {
        let first: String
        let prev: String?
        let `self`: String
        let next: String?
        let last: String
    }

    let data: [Item]
    let pagination: Pagination
    let links: Links
}
