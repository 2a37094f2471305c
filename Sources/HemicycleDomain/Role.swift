/// The role a person holds in one council.
public enum Role: String, CaseIterable, Sendable, Codable {
    case citizen
    case member
    case staff
    case bureau
    case president
    case administrator

    /// Roles whose holders sit in the assembly and therefore in exactly one group.
    public var sitsInAssembly: Bool {
        switch self {
        case .member, .bureau, .president: true
        case .citizen, .staff, .administrator: false
        }
    }

    /// Localization key of the role's name.
    public var labelKey: String { "role_\(rawValue)" }
}
