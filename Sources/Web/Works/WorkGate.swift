import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// What the rules need to decide an action on one work item, in three queries: the work item with the date of its
/// current version, its rapporteurs, its ballots (without their voters). Every form checks its right with this before
/// it loads anything else; the page loads the whole `WorkDossier` on top of it. A work item the visitor may not see is
/// reported as not found, so nothing about it leaks.
struct WorkGate: Sendable {
    let council: Council
    let work: WorkRecord
    let status: WorkStatus
    let procedure: Procedure
    let membership: Membership?
    let actor: WorkActor
    let state: WorkState
    let rapporteurs: [Int64]
    let ballots: [BallotRecord]

    func decide(_ action: WorkAction) -> Decision { WorkRules.decide(action, by: actor, on: state) }
    func may(_ action: WorkAction) -> Bool { decide(action).isAllowed }

    /// The work item named by the route's `{id}` in the route's council.
    /// - Parameter partnerReads: whether a partner council's people may read it here (`PartnerReading`): on its page,
    ///   its comparisons and its documents; never on a form, an export or the API.
    static func load(services: WorkServices, context: AppContext, partnerReads: Bool = false) async throws -> WorkGate {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
        return try await load(id: id, services: services, scope: scope, reader: partnerReads ? context.account : nil)
    }

    /// - Parameter reader: the signed-in account, to read a work a partner council shares with a council where it
    ///   holds a seat (`PartnerReading`); none where only this council's own rules apply (a form, an upload).
    static func load(id: Int64, services: WorkServices, scope: CouncilScope, reader: Account? = nil) async throws -> WorkGate {
        let council = scope.council, membership = scope.membership
        guard let (work, currentVersionDate) = try await services.works.findWithCurrentVersionDate(id: id, councilID: council.id) else {
            throw PageError.notFound
        }
        let status = WorkStatus(rawValue: work.status) ?? .referred
        let rapporteurs = try await services.works.rapporteurs(workID: id)
        let actor = WorkActor(scope.actor, isRapporteur: membership.map { rapporteurs.contains($0.id) } ?? false)
        if !WorkRules.maySee(status, by: actor.council) {
            guard let reader, try await services.partners.mayRead(workID: id, of: council, account: reader, now: services.clock.now())
            else { throw PageError.notFound }
        }
        let ballots = try await services.ballots.all(workID: id)
        let procedure = Procedure(rawValue: work.procedure) ?? .ordinary
        // A vote on the whole text counts for the version it was held on: a version filed after it needs a new vote.
        let currentSince = currentVersionDate ?? -Double.infinity
        var lastTextBallot: [BallotBody: Bool] = [:]
        for ballot in ballots where ballot.amendmentId == nil && ballot.closedAt != nil && ballot.openedAt >= currentSince {
            if let body = BallotBody(rawValue: ballot.body) { lastTextBallot[body] = ballot.adopted == true }
        }
        let state = WorkState(status: status, procedure: procedure, amendmentDeadline: work.amendmentDeadline,
                              plenaryDemandDeadline: work.plenaryDemandDeadline, plenaryDemanded: work.plenaryDemandedAt != nil,
                              lastTextBallot: lastTextBallot, hasOpenBallot: ballots.contains { $0.closedAt == nil },
                              now: services.clock.now().timeIntervalSince1970)
        return WorkGate(council: council, work: work, status: status, procedure: procedure, membership: membership, actor: actor,
                        state: state, rapporteurs: rapporteurs, ballots: ballots)
    }
}
