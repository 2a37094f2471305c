import HemicycleDomain

/// What one person may do on one work item of their council. Routes ask this; links are hidden with the same
/// answer, never instead of it.
public struct WorkPermissions: Sendable {
    public let role: Role?
    public let isInstanceAdministrator: Bool
    public let isRapporteur: Bool

    public init(role: Role?, isInstanceAdministrator: Bool = false, isRapporteur: Bool = false) {
        self.role = role
        self.isInstanceAdministrator = isInstanceAdministrator
        self.isRapporteur = isRapporteur
    }

    /// The secretariat: staff and administrators.
    public var isSecretariat: Bool { isInstanceAdministrator || role == .staff || role == .administrator }
    public var isBureau: Bool { isInstanceAdministrator || role == .bureau || role == .president || role == .administrator }
    public var sitsInAssembly: Bool { role?.sitsInAssembly ?? false }

    /// Nothing is public before publication: drafts, amendments and votes are for the council's own people.
    public func maySee(_ status: WorkStatus) -> Bool {
        status.isPublic || isSecretariat || isBureau || sitsInAssembly
    }

    /// Record a referral (the bureau decides self-referrals; the secretariat records referrals received).
    public var mayRefer: Bool { isSecretariat || isBureau }
    /// Versions of the draft: the secretariat and the rapporteurs.
    public var mayEditDraft: Bool { isSecretariat || isRapporteur }
    /// Hearings, contributions, ballots, deadlines, declarations and dissent are recorded by the secretariat.
    public var mayManage: Bool { isSecretariat }
    public var mayDesignateRapporteurs: Bool { isSecretariat || isBureau }
    /// Members table amendments (to an open text, before the deadline).
    public var mayTableAmendments: Bool { sitsInAssembly }
    public var mayGiveOpinion: Bool { isRapporteur }

    public func mayMove(from: WorkStatus, to: WorkStatus, procedure: Procedure) -> Bool {
        Workflow.mayMove(from: from, to: to, procedure: procedure, role: role, isRapporteur: isRapporteur,
                         isInstanceAdministrator: isInstanceAdministrator)
    }

    /// Amendments are tabled while the commission prepares the text and while it is on the plenary agenda.
    public static func amendmentsOpen(_ status: WorkStatus) -> Bool {
        status == .inPreparation || status == .onPlenaryAgenda
    }
}
