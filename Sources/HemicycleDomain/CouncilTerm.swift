import Foundation

/// A council's term of office (the *mandature*): the days its members' seats run from and to, the first and the last
/// counted, in the council's calendar. A member seated during the term (a replacement) sits until its end.
public struct CouncilTerm: Sendable, Hashable {
    public let firstDay: CivilDay
    public let lastDay: CivilDay

    /// The longest term: ten years (councils' terms run four to six).
    public static let longestInYears = 10

    public init(firstDay: CivilDay, lastDay: CivilDay) {
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The term the form gives (`yyyy-MM-dd`, both days or none: a council may have no term recorded), or the key of
    /// the first refusal's sentence, with the field it concerns.
    public static func read(first: String, last: String) -> Result<CouncilTerm?, ValidationFailure> {
        let first = first.trimmingCharacters(in: .whitespaces), last = last.trimmingCharacters(in: .whitespaces)
        if first.isEmpty && last.isEmpty { return .success(nil) }
        guard let firstDay = CivilDay(first) else { return .failure(ValidationFailure(field: "term_first", key: "term_error_day")) }
        guard let lastDay = CivilDay(last) else { return .failure(ValidationFailure(field: "term_last", key: "term_error_day")) }
        guard firstDay < lastDay else { return .failure(ValidationFailure(field: "term_last", key: "term_error_order")) }
        let (year, month, day) = firstDay.components
        // The same day ten years on (28 February for 29 February).
        let limit = CivilDay(year: year + longestInYears, month: month, day: day) ?? CivilDay(year: year + longestInYears, month: month, day: day - 1)
        if let limit, limit < lastDay { return .failure(ValidationFailure(field: "term_last", key: "term_error_length")) }
        return .success(CouncilTerm(firstDay: firstDay, lastDay: lastDay))
    }

    /// Only the council's administrators record its term: it frames every seat.
    public static func mayRecord(by actor: CouncilActor) -> Decision {
        actor.isAdministrator ? .allowed : .forbidden("term_refused")
    }

    /// Whether `day` falls within the term.
    public func contains(_ day: CivilDay) -> Bool { firstDay <= day && day <= lastDay }
}
