/// What a rule answers: allowed, or refused with the reason a person is shown (a localisation key).
public enum Decision: Sendable, Equatable {
    case allowed
    /// This person may not do it (403; 401 for a visitor).
    case forbidden(String)
    /// Nobody may do it in the item's present state (409).
    case conflict(String)

    public var isAllowed: Bool { self == .allowed }

    /// The first refusal of the two, else allowed.
    public func then(_ next: @autoclosure () -> Decision) -> Decision {
        isAllowed ? next() : self
    }
}
