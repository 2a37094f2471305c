import HemicycleDomain

/// Where a work item (avis, report, study, resolution, annual report) stands.
public enum WorkStatus: String, Codable, Sendable, CaseIterable {
    case referred
    case assigned
    case inPreparation = "in_preparation"
    case adoptedInCommission = "adopted_in_commission"
    case onPlenaryAgenda = "on_plenary_agenda"
    case adopted
    case rejected
    case published

    /// Whether the text, votes, declarations and dissent are public.
    public var isPublic: Bool { self == .published }
}

public enum WorkKind: String, Codable, Sendable, CaseIterable {
    case avis, rapport, etude, resolution, annualReport = "annual_report"
}

/// Who referred the work to the council.
public enum ReferralSource: String, Codable, Sendable, CaseIterable {
    case government, nationalAssembly = "national_assembly", senate, selfReferral = "self_referral", petition
}

/// The ordinary procedure goes through the plenary; under the simplified one the commission's adoption is final
/// unless a plenary debate is demanded within the set delay.
public enum Procedure: String, Codable, Sendable, CaseIterable {
    case ordinary, simplified
}

/// The steps of a work item's life and who takes each; `WorkRules` decides with them.
public enum Workflow {
    public enum Actor: Sendable, Equatable {
        /// The bureau (its members and the president).
        case bureau
        /// The secretariat (staff, administrators).
        case secretariat
        /// The secretariat or one of the work's rapporteurs.
        case secretariatOrRapporteur
    }

    public struct Step: Sendable, Equatable {
        public let from: WorkStatus
        public let to: WorkStatus
        public let actor: Actor
    }

    public static func steps(_ procedure: Procedure) -> [Step] {
        var steps: [Step] = [
            Step(from: .referred, to: .assigned, actor: .bureau),
            Step(from: .assigned, to: .inPreparation, actor: .secretariatOrRapporteur),
            Step(from: .inPreparation, to: .adoptedInCommission, actor: .secretariat),
            Step(from: .adoptedInCommission, to: .onPlenaryAgenda, actor: .bureau),
            Step(from: .onPlenaryAgenda, to: .adopted, actor: .secretariat),
            Step(from: .onPlenaryAgenda, to: .rejected, actor: .secretariat),
            Step(from: .adopted, to: .published, actor: .secretariat),
        ]
        if procedure == .simplified { steps.append(Step(from: .adoptedInCommission, to: .adopted, actor: .secretariat)) }
        return steps
    }

    /// The states a work item may move to next.
    public static func next(from status: WorkStatus, procedure: Procedure) -> [WorkStatus] {
        steps(procedure).filter { $0.from == status }.map(\.to)
    }

    /// Under the simplified procedure the commission's adoption becomes final once the delay for demanding a plenary
    /// debate has passed without a demand; a demand sends the text to the plenary.
    public static func simplifiedAdoptionIsFinal(now: Double, demandDeadline: Double?, demanded: Bool) -> Bool {
        guard let demandDeadline, !demanded else { return false }
        return now >= demandDeadline
    }

    /// Members may demand a plenary debate while the delay runs.
    public static func mayDemandPlenary(status: WorkStatus, procedure: Procedure, now: Double, demandDeadline: Double?, demanded: Bool) -> Bool {
        guard procedure == .simplified, status == .adoptedInCommission, !demanded, let demandDeadline else { return false }
        return now < demandDeadline
    }
}
