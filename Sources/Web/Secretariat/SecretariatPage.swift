/// The council's administration as its staff and bureau read it: directions with their services and posts (who holds
/// each, or vacant), each member of staff with their assignments and the works they follow, each commission's works in
/// preparation and staff; and the administrators' forms.
struct SecretariatPage: Encodable {
    struct HolderForm: Encodable {
        let action: String
        let label: String
        let options: [SelectOption]
    }

    struct Post: Encodable {
        let id: Int64
        let title: LocalizedView
        /// "Grade : attaché principal", when the post has one.
        let grade: String?
        /// "Titulaire : Julien Secrétariat"; nil when vacant.
        let holder: String?
        let form: HolderForm?
        let deleteAction: String?
    }

    struct Unit: Encodable {
        let id: Int64
        let name: LocalizedView
        let posts: [Post]
        let hasPosts: Bool
        let services: [Unit]
        let hasServices: Bool
        let deleteAction: String?
    }

    struct Assignment: Encodable {
        let label: String
        let url: String
        let deleteAction: String?
    }

    struct Staff: Encodable {
        let name: String
        let post: String?
        let assignments: [Assignment]
        let hasAssignments: Bool
        let workload: String
    }

    struct Commission: Encodable {
        let name: String
        let url: String
        let works: String
        let staff: String
    }

    struct Forms: Encodable {
        let unitAction: String
        let kinds: [SelectOption]
        let directions: [SelectOption]
        let postAction: String
        let units: [SelectOption]
        let hasUnits: Bool
        let assignmentAction: String
        let staff: [SelectOption]
        let subjects: [SelectOption]
        let hasStaff: Bool
    }

    let directions: [Unit]
    let hasDirections: Bool
    let staff: [Staff]
    let hasStaff: Bool
    let commissions: [Commission]
    let hasCommissions: Bool
    let forms: Forms?
    let error: String?
}
