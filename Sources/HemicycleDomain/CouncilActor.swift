/// Who acts in a council, as every rule reads it: the role held there (if any) and whether the person
/// administers the instance. This is the one table from roles to capacities; `CouncilPolicy`, the role-change
/// table and the rules of council work all read these capacities, never the roles themselves.
public struct CouncilActor: Sendable, Equatable {
    public let role: Role?
    public let isInstanceAdministrator: Bool
    /// The duties of a staff seat (`Duty`); none for any other.
    public let duties: Set<Duty>

    /// - Parameter isVerified: an account whose address is not verified holds nothing but a citizen's reading
    ///   rights, whatever seat or flag it carries.
    public init(role: Role?, isInstanceAdministrator: Bool = false, isVerified: Bool = true, duties: Set<Duty> = []) {
        if isVerified {
            self.role = role
            self.isInstanceAdministrator = isInstanceAdministrator
            self.duties = Duty.holdable(by: role) ? duties : []
        } else {
            self.role = role == nil ? nil : .citizen
            self.isInstanceAdministrator = false
            self.duties = []
        }
    }

    /// A visitor who is not signed in.
    public static let visitor = CouncilActor(role: nil)

    /// Administrators of the council, and of the instance.
    public var isAdministrator: Bool { isInstanceAdministrator || role == .administrator }
    /// The secretariat: staff and administrators.
    public var isSecretariat: Bool { isAdministrator || role == .staff }
    /// The bureau: its members, the president and administrators.
    public var isBureau: Bool { isAdministrator || role == .bureau || role == .president }
    /// Members who sit in the assembly (and vote there).
    public var sitsInAssembly: Bool { role?.sitsInAssembly ?? false }
}
