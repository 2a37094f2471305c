import HemicycleDomain

/// Everything someone may try to do on a work item.
public enum WorkAction: Sendable, Hashable {
    case see
    case move(to: WorkStatus)
    case designateRapporteur
    case setAmendmentDeadline
    case fileVersion
    case recordHearing
    case recordContribution
    case recordDeclaration
    case recordDissent
    case tableAmendment
    case withdrawAmendment(isAuthor: Bool)
    case ruleInadmissible
    case giveOpinion
    case cosign(isInvited: Bool)
    case openBallot(body: BallotBody)
    case vote(ballotOpen: Bool)
    case closeBallot(ballotOpen: Bool)
    case consolidate
    case demandPlenary
    /// Adds a document to the dossier (an annex, a study, a contribution received as a file), or removes one.
    case attachDocument
    case removeDocument
}

/// Where a ballot is held: the commission prepares the text, the plenary adopts it.
public enum BallotBody: String, Sendable, Hashable, CaseIterable {
    case commission, plenary
}

/// Who acts on a work item: their capacities in the council, and whether they are one of its rapporteurs.
public struct WorkActor: Sendable, Equatable {
    public let council: CouncilActor
    public let isRapporteur: Bool

    public init(_ council: CouncilActor, isRapporteur: Bool = false) {
        self.council = council
        self.isRapporteur = isRapporteur && council.sitsInAssembly
    }
}

/// The work item as the rules read it.
public struct WorkState: Sendable, Equatable {
    public var status: WorkStatus
    public var procedure: Procedure
    public var amendmentDeadline: Double?
    public var plenaryDemandDeadline: Double?
    public var plenaryDemanded: Bool
    /// The result of the last closed ballot on the whole text in each body, counted only when it was held on the
    /// current version (`nil`: none).
    public var lastTextBallot: [BallotBody: Bool]
    /// A ballot is open: the work item stays where it is until it is closed.
    public var hasOpenBallot: Bool
    /// Seconds since the epoch.
    public var now: Double

    public init(status: WorkStatus, procedure: Procedure, amendmentDeadline: Double? = nil, plenaryDemandDeadline: Double? = nil,
                plenaryDemanded: Bool = false, lastTextBallot: [BallotBody: Bool] = [:], hasOpenBallot: Bool = false, now: Double) {
        self.status = status
        self.procedure = procedure
        self.amendmentDeadline = amendmentDeadline
        self.plenaryDemandDeadline = plenaryDemandDeadline
        self.plenaryDemanded = plenaryDemanded
        self.lastTextBallot = lastTextBallot
        self.hasOpenBallot = hasOpenBallot
        self.now = now
    }
}

/// The one place where Hemicycle decides what may be done on a work item: the route refuses with `decide` and the
/// page hides the form with the same call. Who may act comes first (forbidden), then whether the item's state
/// allows it (conflict): an adopted or published text is never edited, re-voted or consolidated.
public enum WorkRules {
    /// Whether `actor` may record a referral (a new work item) in the council.
    public static func mayRefer(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("error_forbidden")
    }

    /// The steps of a work mailed to those who follow it: its referral to a commission, its adoptions (or rejection),
    /// its publication. (A new referral is mailed to those who follow the council's referrals.)
    public static let followedSteps: [WorkStatus] = [.assigned, .adoptedInCommission, .adopted, .rejected, .published]

    /// Whether a work has steps ahead for its followers: none once published or rejected.
    public static func hasStepsToFollow(_ status: WorkStatus) -> Bool { status != .published && status != .rejected }

    /// A work's progress is public from its referral (its title, kind, referral, commission, rapporteurs and the steps
    /// of its timeline, as councils announce them); what it says is not before publication: drafts, amendments and
    /// votes are for the council's own people.
    public static func maySee(_ status: WorkStatus, by actor: CouncilActor) -> Bool {
        status.isPublic || actor.isSecretariat || actor.isBureau || actor.sitsInAssembly
    }

    /// States in which the text is still being written (versions may be filed).
    static let drafting: Set<WorkStatus> = [.referred, .assigned, .inPreparation, .onPlenaryAgenda]
    /// States in which amendments live: tabled, withdrawn, judged, voted, consolidated.
    static let amending: Set<WorkStatus> = [.inPreparation, .onPlenaryAgenda]
    /// States before the final vote, when the preparation is recorded (hearings, contributions, rapporteurs).
    static let preparing: Set<WorkStatus> = [.referred, .assigned, .inPreparation, .adoptedInCommission, .onPlenaryAgenda]

    public static func decide(_ action: WorkAction, by actor: WorkActor, on state: WorkState) -> Decision {
        let who = actor.council
        func role(_ allowed: Bool) -> Decision { allowed ? .allowed : .forbidden("error_forbidden") }
        func during(_ states: Set<WorkStatus>, _ key: String = "work_error_state") -> Decision {
            states.contains(state.status) ? .allowed : .conflict(key)
        }
        switch action {
        case .see:
            return maySee(state.status, by: who) ? .allowed : .forbidden("error_not_found")
        case .move(let target):
            return move(to: target, by: actor, on: state)
        case .designateRapporteur:
            return role(who.isSecretariat || who.isBureau).then(during([.referred, .assigned, .inPreparation]))
        case .setAmendmentDeadline:
            return role(who.isSecretariat).then(during(amending))
        case .fileVersion:
            return role(who.isSecretariat || actor.isRapporteur).then(during(drafting))
        case .attachDocument, .removeDocument:
            // The dossier's documents change until publication; the published record never does.
            return role(who.isSecretariat || actor.isRapporteur).then(state.status == .published ? .conflict("work_error_state") : .allowed)
        case .recordHearing, .recordContribution:
            return role(who.isSecretariat).then(during(preparing))
        case .recordDeclaration, .recordDissent:
            return role(who.isSecretariat).then(during(preparing.union([.adopted, .rejected]).subtracting([.referred])))
        case .tableAmendment:
            guard who.sitsInAssembly else { return .forbidden("error_forbidden") }
            guard amending.contains(state.status), let deadline = state.amendmentDeadline, deadline > state.now else {
                return .conflict("amendment_error_closed")
            }
            return .allowed
        case .withdrawAmendment(let isAuthor):
            return role(isAuthor && who.sitsInAssembly).then(during(amending, "amendment_error_decided"))
        case .ruleInadmissible:
            return role(who.isSecretariat).then(during(amending, "amendment_error_decided"))
        case .giveOpinion:
            return role(actor.isRapporteur).then(during(amending, "amendment_error_decided"))
        case .cosign(let isInvited):
            return role(isInvited && who.sitsInAssembly).then(during(amending, "amendment_error_decided"))
        case .openBallot(let body):
            return role(who.isSecretariat).then(during(body == .commission ? [.inPreparation] : [.onPlenaryAgenda], "ballot_error_state"))
        case .vote(let ballotOpen):
            return role(who.sitsInAssembly).then(ballotOpen ? during(amending, "error_ballot_closed") : .conflict("error_ballot_closed"))
        case .closeBallot(let ballotOpen):
            return role(who.isSecretariat).then(ballotOpen ? during(amending, "error_ballot_closed") : .conflict("error_ballot_closed"))
        case .consolidate:
            return role(who.isSecretariat).then(during(amending))
        case .demandPlenary:
            return role(who.sitsInAssembly).then(
                Workflow.mayDemandPlenary(status: state.status, procedure: state.procedure, now: state.now,
                                          demandDeadline: state.plenaryDemandDeadline, demanded: state.plenaryDemanded)
                    ? .allowed : .conflict("work_error_plenary_demand_closed"))
        }
    }

    /// A step of the workflow: taken by its actor, and only as the votes say.
    static func move(to target: WorkStatus, by actor: WorkActor, on state: WorkState) -> Decision {
        guard let step = Workflow.steps(state.procedure).first(where: { $0.from == state.status && $0.to == target }) else {
            return actor.council.isSecretariat || actor.council.isBureau || actor.isRapporteur
                ? .conflict("work_error_state") : .forbidden("error_forbidden")
        }
        let who = actor.council
        let allowed = switch step.actor {
        case .bureau: who.isBureau
        case .secretariat: who.isSecretariat
        case .secretariatOrRapporteur: who.isSecretariat || actor.isRapporteur
        }
        guard allowed else { return .forbidden("error_forbidden") }
        guard !state.hasOpenBallot else { return .conflict("work_error_open_ballot") }
        switch (state.status, target) {
        case (_, .adoptedInCommission):
            return state.lastTextBallot[.commission] == true ? .allowed : .conflict("work_error_needs_commission_vote")
        case (.adoptedInCommission, .adopted):
            return Workflow.simplifiedAdoptionIsFinal(now: state.now, demandDeadline: state.plenaryDemandDeadline,
                                                      demanded: state.plenaryDemanded)
                ? .allowed : .conflict("work_error_plenary_delay")
        case (.onPlenaryAgenda, .adopted):
            return state.lastTextBallot[.plenary] == true ? .allowed : .conflict("work_error_needs_plenary_vote")
        case (_, .rejected):
            return state.lastTextBallot[.plenary] == false ? .allowed : .conflict("work_error_needs_plenary_vote")
        default:
            return .allowed
        }
    }
}
