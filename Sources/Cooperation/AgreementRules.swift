import HemicycleDomain

/// Where an agreement between councils stands on a given day.
public enum AgreementStatus: String, Sendable, CaseIterable {
    /// Not signed yet: the parties draft it.
    case negotiating
    /// Signed, and not yet in force.
    case signed
    /// In force: what it shares is shared.
    case inForce = "in_force"
    /// Its last day has passed.
    case expired
    /// Ended by the parties before its term.
    case terminated

    /// Whether what the agreement shares is shared.
    public var shares: Bool { self == .inForce }
    /// Whether anyone may read it: councils publish their agreements once signed.
    public var isPublic: Bool { self != .negotiating }
}

/// The days that make an agreement's life, each in the calendar of the council that reads it (a partner's access to
/// what a council shares is read in the sharing council's calendar, where its own staff see the same day).
public struct AgreementCalendar: Sendable, Equatable {
    public var signedOn: CivilDay?
    /// The first day in force; the day of signature when the text says nothing else.
    public var inForceFrom: CivilDay?
    /// The last day in force (inclusive); none for an agreement of unlimited duration.
    public var endsOn: CivilDay?
    /// The day the termination takes effect: from that day on, nothing more is shared.
    public var terminatedOn: CivilDay?

    public init(signedOn: CivilDay? = nil, inForceFrom: CivilDay? = nil, endsOn: CivilDay? = nil, terminatedOn: CivilDay? = nil) {
        self.signedOn = signedOn
        self.inForceFrom = inForceFrom
        self.endsOn = endsOn
        self.terminatedOn = terminatedOn
    }

    /// The status on `day`.
    public func status(on day: CivilDay) -> AgreementStatus {
        guard let signedOn, signedOn <= day else { return .negotiating }
        if let terminatedOn, terminatedOn <= day { return .terminated }
        if let endsOn, endsOn < day { return .expired }
        if day < (inForceFrom ?? signedOn) { return .signed }
        return .inForce
    }

    /// The first refusal, as the key of its sentence; nil when the days hold together.
    public func problem() -> String? {
        guard let signedOn else {
            // Dates of force and of termination follow a signature.
            return inForceFrom == nil && endsOn == nil && terminatedOn == nil ? nil : "agreement_error_unsigned_dates"
        }
        let start = inForceFrom ?? signedOn
        if start < signedOn { return "agreement_error_dates" }
        if let endsOn, endsOn < start { return "agreement_error_dates" }
        if let terminatedOn, terminatedOn < signedOn { return "agreement_error_dates" }
        return nil
    }
}

/// What is done with an agreement between councils.
public enum AgreementAction: Sendable, Hashable {
    /// Read its record: its parties, status, dates, signatories, themes, texts and documents.
    case see(AgreementStatus)
    /// Read its action plan, what it shares and its documents.
    case follow
    /// Record one, and keep its action plan.
    case record
    /// Correct its record (days, parties, texts) and its documents: the council that recorded it, so that no other
    /// party moves the days that open what a council shares.
    case edit(isRecorder: Bool)
    /// Remove it: the council that recorded it.
    case delete(isRecorder: Bool)
    /// Open or close access to the council's own work items for a partner.
    case share
}

/// The rules of agreements, for an actor in one of the councils a party to it (the route's council). Anyone reads a
/// signed agreement, the parties' members and secretariat read one under negotiation and follow its action plan and
/// documents, the secretariat of each party keeps the plan, the recorder's secretariat keeps the record, and each
/// council alone decides what of its own it shares.
public enum AgreementRules {
    public static func decide(_ action: AgreementAction, by actor: CouncilActor) -> Decision {
        let inside = actor.isSecretariat || actor.isBureau || actor.sitsInAssembly
        switch action {
        case .see(let status):
            return status.isPublic || inside ? .allowed : .forbidden("agreement_refused_see")
        case .follow:
            return inside ? .allowed : .forbidden("agreement_refused_see")
        case .record, .share:
            return actor.isSecretariat ? .allowed : .forbidden("agreement_refused")
        case .delete(let isRecorder):
            return actor.isSecretariat && isRecorder ? .allowed : .forbidden("agreement_refused_delete")
        case .edit(let isRecorder):
            return actor.isSecretariat && isRecorder ? .allowed : .forbidden("agreement_refused_edit")
        }
    }
}

/// Whether a partner council reads what a council shares with it, today.
public enum PartnerAccess {
    /// - Parameters:
    ///   - calendars: the agreements under which the item is shared with the partner.
    ///   - today: the day in the sharing council's calendar.
    ///   - readerRole: the reader's role in the partner council; its members, bureau and secretariat read, its
    ///     citizens (and anyone else) do not.
    public static func mayRead(under calendars: [AgreementCalendar], today: CivilDay, readerRole: Role?) -> Bool {
        guard let readerRole, readerRole != .citizen else { return false }
        return calendars.contains { $0.status(on: today).shares }
    }
}
