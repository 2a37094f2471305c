import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The consultation named by the route's `{id}` in the route's council, its phase now, and who the visitor is there:
/// their capacities and, once they took part, their participant number. A draft the visitor may not see is reported
/// as not found.
struct ConsultationGate: Sendable {
    let council: Council
    let record: ConsultationRecord
    let phase: ConsultationPhase
    let actor: ConsultationActor
    let participation: ParticipationMode
    /// What the consultation asks of participants, where it is open to verified people.
    let requirements: ParticipationRequirements
    let moderation: ModerationMode
    /// The visitor's participant in this consultation, once they voted or wrote.
    let participant: Int64?
    /// How the visitor is known here (their cookie's digest or their account), as read once for the request.
    let identity: ParticipantCookie.Identity
    let now: Double

    func decide(_ action: ConsultationAction) -> Decision { ConsultationRules.decide(action, by: actor, phase: phase) }
    func may(_ action: ConsultationAction) -> Bool { decide(action).isAllowed }

    /// Whether the visitor meets the participation rule.
    var eligible: Bool { actor.meets(participation) }
    var modules: ConsultationModules { ConsultationModules(rawValue: record.modules) }

    /// `forVote`: the consultation and the participant as this process knew them within the last second
    /// (`OpenConsultations`, `KnownParticipants`), for the vote's path, whose transaction checks them again.
    static func load(services: ConsultationServices, context: AppContext, request: Request, forVote: Bool = false) async throws -> ConsultationGate {
        let scope = try context.inCouncil()
        let now = services.clock.now().timeIntervalSince1970
        guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
        let read = { try await services.consultations.find(id: id, councilID: scope.council.id) }
        let found = if forVote {
            try await services.openConsultations.find(id: id, councilID: scope.council.id, isOpen: { schedule($0).phase(at: now) == .open }, read: read)
        } else {
            try await read()
        }
        guard let record = found else { throw PageError.notFound }
        let phase = schedule(record).phase(at: now)
        let participation = ParticipationMode(rawValue: record.participation) ?? .verifiedEmail
        let verified = context.account?.isVerified ?? false
        let requirements = requirements(record)
        var check: RequirementCheck? = nil
        if participation == .verified, verified, let account = context.account {
            check = try await standing(services: services, council: scope.council, account: account, requirements: requirements, now: now)
        }
        let actor = ConsultationActor(scope.actor, hasVerifiedEmail: verified, requirements: check)
        guard ConsultationRules.decide(.see, by: actor, phase: phase).isAllowed else { throw PageError.notFound }
        let identity = ParticipantCookie.identity(for: participation, consultationID: id, request: request, context: context)
        let key = KnownParticipants.Key(consultationID: id, cookieDigest: identity.cookieDigest, accountID: identity.accountID)
        var participant = forVote ? services.knownParticipants.number(key) : nil
        if participant == nil {
            participant = try await services.statements.existingParticipant(consultationID: id, cookieDigest: identity.cookieDigest,
                                                                            accountID: identity.accountID)
            if let participant { services.knownParticipants.remember(key, number: participant) }
        }
        return ConsultationGate(council: scope.council, record: record, phase: phase, actor: actor, participation: participation,
                                requirements: requirements,
                                moderation: ModerationMode(rawValue: record.moderation) ?? .beforePublication, participant: participant,
                                identity: identity, now: now)
    }

    static func requirements(_ record: ConsultationRecord) -> ParticipationRequirements {
        ParticipationRequirements(minimumAge: record.minimumAge, residences: record.residences, councilList: record.councilList)
    }

    /// How a signed-in person with a verified address stands against the requirements, on the council's today.
    static func standing(services: ConsultationServices, council: Council, account: Account, requirements: ParticipationRequirements,
                         now: Double) async throws -> RequirementCheck {
        let known = try await services.verifications.standing(councilID: council.id,
                                                              emailDigest: try await services.addressDigests.digest(account.email, now: now))
        let standing = ParticipantStanding(hasVerifiedEmail: account.isVerified, birthDate: known.birthDate.flatMap(CalendarDay.init),
                                           residence: known.residence, onCouncilList: known.onList)
        return RequirementCheck.check(requirements, standing, today: today(council: council, now: now))
    }

    /// The calendar day in the council's time zone.
    static func today(council: Council, now: Double) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = council.zone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: now))
        return CalendarDay(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDay(year: 2000, month: 1, day: 1)!
    }

    /// The consultation's statements, as its record's version says they are.
    func statements(_ services: ConsultationServices) async throws -> [ConsultationStatementRecord] {
        try await services.statementLists.statements(of: record) { try await services.statements.statements(consultationID: record.id) }
    }

    static func schedule(_ record: ConsultationRecord) -> ConsultationSchedule {
        ConsultationSchedule(isPublished: record.published, opensAt: record.opensAt, closesAt: record.closesAt,
                             synthesisPublishedAt: record.synthesisPublishedAt)
    }

    /// Runs a write whose transaction checks the consultation again: a phase changed since the gate read it is a 409.
    func write<T>(conflict key: String = "consultation_conflict_not_open", _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.stateChanged {
            throw PageError(.conflict, key)
        } catch StoreError.notFound {
            throw PageError.notFound
        }
    }
}
