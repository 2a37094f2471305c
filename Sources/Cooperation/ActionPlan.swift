import HemicycleDomain

/// Where an action of an agreement's action plan stands.
public enum ActionState: String, Sendable, CaseIterable {
    case planned
    case ongoing
    case done
    case dropped

    /// Whether the action is finished, one way or the other.
    public var isClosed: Bool { self == .done || self == .dropped }
}

/// An action of the plan, as far as its order needs it.
public struct PlannedAction: Sendable, Equatable {
    public let id: Int64
    public let dueOn: CivilDay?
    public let state: ActionState

    public init(id: Int64, dueOn: CivilDay?, state: ActionState) {
        self.id = id
        self.dueOn = dueOn
        self.state = state
    }

    /// Late: due before `today` and not finished.
    public func isLate(today: CivilDay) -> Bool {
        guard let dueOn, !state.isClosed else { return false }
        return dueOn < today
    }
}

/// The order an action plan is read in: what is late first (the longest overdue first), then what is open by due
/// date (those without one after), then what is finished.
public enum ActionPlan {
    public static func ordered(_ actions: [PlannedAction], today: CivilDay) -> [PlannedAction] {
        func rank(_ action: PlannedAction) -> Int {
            if action.isLate(today: today) { return 0 }
            return action.state.isClosed ? 2 : 1
        }
        return actions.sorted { left, right in
            let (l, r) = (rank(left), rank(right))
            if l != r { return l < r }
            switch (left.dueOn, right.dueOn) {
            case let (a?, b?) where a != b: return a < b
            case (.some, .none): return true
            case (.none, .some): return false
            default: return left.id < right.id
            }
        }
    }
}
