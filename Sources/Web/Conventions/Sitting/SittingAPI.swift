import Conventions
import Foundation
import Hummingbird
import Storage

struct ConventionSessionDTO: Codable, Sendable {
    let id: Int64
    let title: String
    let startsAt: Date
    let endsAt: Date
    let place: String
    let programme: String
}

struct ThresholdDTO: Codable, Sendable {
    let numerator: Int
    let denominator: Int
    /// "More than" the share (an absolute majority) rather than "at least" it.
    let strictlyMore: Bool
    /// Abstentions count in the base the share applies to.
    let abstentionsInBase: Bool
}

struct YesNoResultDTO: Codable, Sendable {
    let yes: Int
    let no: Int
    let abstain: Int
    let notVoting: Int
    let base: Int
    let required: Int
}

struct GradeCountDTO: Codable, Sendable {
    let grade: String
    let count: Int
}

struct MajorityJudgmentResultDTO: Codable, Sendable {
    /// Members per grade, from the best (excellent) to the worst (reject), the members who did not vote counted at
    /// reject as the majority grade counts them (`notVoting` says how many of them).
    let grades: [GradeCountDTO]
    let voted: Int
    let notVoting: Int
    /// Counted with the members who did not vote at the worst grade; absent when nobody voted.
    let majorityGrade: String?
}

struct ProposalResultDTO: Codable, Sendable {
    let adopted: Bool
    /// Members seated when the vote closed.
    let members: Int
    let yesNo: YesNoResultDTO?
    let majorityJudgment: MajorityJudgmentResultDTO?
}

struct MinorityPositionDTO: Codable, Sendable {
    let heldBy: String?
    let position: String
}

struct ConventionProposalDTO: Codable, Sendable {
    let id: Int64
    let number: Int
    let sessionId: Int64
    let title: String
    let body: String
    let draftedBy: String
    /// open or closed (drafts are not published).
    let status: String
    /// yes_no or majority_judgment.
    let method: String
    let threshold: ThresholdDTO?
    /// The grade a proposal voted by majority judgment must reach.
    let adoptionGrade: String?
    let revision: Int
    let openedAt: Date?
    let closedAt: Date?
    let result: ProposalResultDTO?
    let minority: MinorityPositionDTO?
    let url: String
}

struct ConventionReportDTO: Codable, Sendable {
    let publishedAt: Date
    let introduction: String
    let url: String
}

struct ConventionSessionsDTO: Codable, Sendable {
    let sessions: [ConventionSessionDTO]
    let proposals: [ConventionProposalDTO]
    let report: ConventionReportDTO?
    let url: String
}

/// `/api/v1/{council}/conventions/{id}/sessions`: the convention at work as its public pages show it: its sessions,
/// the proposals put to its vote with their results and minority positions, and its report once published. Empty
/// lists before the panel is drawn.
struct SittingAPI {
    let services: ConventionServices

    static let operations: [(method: String, path: String)] = [("get", "/api/v1/{council}/conventions/{id}/sessions")]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.conventionSessions, use: sessions)
    }

    @Sendable func sessions(_ request: Request, context: AppContext) async throws -> JSONBody<ConventionSessionsDTO> {
        let gate = try await ConventionGate.load(services: services, context: context)
        let slug = gate.council.slug, id = gate.record.id
        let url = "\(services.baseURL)\(SittingPaths.sessions.url(slug, id))"
        guard SittingRoutes.sittingStatuses.contains(gate.status) else {
            return JSONBody(value: ConventionSessionsDTO(sessions: [], proposals: [], report: nil, url: url))
        }
        let sessions = try await services.sittings.sessions(conventionID: id).map {
            ConventionSessionDTO(id: $0.id, title: $0.title, startsAt: Date(timeIntervalSince1970: $0.startsAt),
                                 endsAt: Date(timeIntervalSince1970: $0.endsAt), place: $0.place, programme: $0.programme)
        }
        var proposals: [ConventionProposalDTO] = []
        for proposal in try await services.sittings.proposals(conventionID: id) where proposal.status != "draft" {
            guard let method = SittingInput.method(proposal.storedMethod) else { continue }
            var threshold: ThresholdDTO?, adoptionGrade: String?
            switch method {
            case .yesNo(let rule):
                threshold = ThresholdDTO(numerator: rule.numerator, denominator: rule.denominator, strictlyMore: rule.strictlyMore,
                                         abstentionsInBase: rule.abstentionsInBase)
            case .majorityJudgment(let grade):
                adoptionGrade = GradeScale.grades[grade]
            }
            var result: ProposalResultDTO?
            if proposal.status == "closed" {
                result = Self.result(try await services.sittings.ballots(proposalID: proposal.id), members: proposal.membersAtClose ?? 0,
                                     method: method)
            }
            proposals.append(ConventionProposalDTO(
                id: proposal.id, number: proposal.number, sessionId: proposal.sessionId, title: proposal.title, body: proposal.body,
                draftedBy: proposal.draftedBy, status: proposal.status, method: proposal.method, threshold: threshold,
                adoptionGrade: adoptionGrade, revision: proposal.revision, openedAt: proposal.openedAt.map { Date(timeIntervalSince1970: $0) },
                closedAt: proposal.closedAt.map { Date(timeIntervalSince1970: $0) }, result: result,
                minority: proposal.minorityPosition.map { MinorityPositionDTO(heldBy: proposal.minorityHeldBy, position: $0) },
                url: "\(services.baseURL)\(SittingPaths.proposal.url(slug, id, proposal.id))"))
        }
        let report = try await services.sittings.report(conventionID: id).map {
            ConventionReportDTO(publishedAt: Date(timeIntervalSince1970: $0.publishedAt), introduction: $0.introduction,
                                url: "\(services.baseURL)\(SittingPaths.report.url(slug, id))")
        }
        return JSONBody(value: ConventionSessionsDTO(sessions: sessions, proposals: proposals, report: report, url: url))
    }

    /// A closed vote's result, counted as at its closing (the adoption is the one stored then).
    static func result(_ ballots: [StoredBallot], members: Int, method: ProposalMethod) -> ProposalResultDTO {
        switch SittingInput.outcome(ballots, members: members, method: method) {
        case .yesNo(let result):
            ProposalResultDTO(adopted: result.adopted, members: members, yesNo: YesNoResultDTO(
                yes: result.yes, no: result.no, abstain: result.abstain, notVoting: result.notVoting, base: result.base, required: result.required),
                              majorityJudgment: nil)
        case .majorityJudgment(let tally, let voted, let majorityGrade, let adopted):
            ProposalResultDTO(adopted: adopted, members: members, yesNo: nil, majorityJudgment: MajorityJudgmentResultDTO(
                grades: zip(GradeScale.grades, tally.counts).map { GradeCountDTO(grade: $0, count: $1) }, voted: voted, notVoting: max(0, members - voted),
                majorityGrade: majorityGrade.map { GradeScale.grades[$0] }))
        }
    }
}
