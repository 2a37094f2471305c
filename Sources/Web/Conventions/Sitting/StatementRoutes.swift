import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import NIOPosix
import OpinionMap
import Storage

/// Where the convention's members stand: short statements written by the secretariat or a member while the
/// convention sits, each member's agree / disagree / pass on them (secret: the map is drawn from seats, never names),
/// and the opinion map the Polis method draws from those votes: the groups of members who vote alike, what sets each
/// group apart, and what most members agree on. The map is public, like the votes' results.
struct StatementRoutes {
    let services: ConventionServices
    let pages: Pages

    static let maximumLength = 300
    /// Below this many members, a map or a group's figures would tell how one person voted.
    static let minimumVoters = 7
    static let minimumGroupSize = 3

    func register(in council: PathRegistrar) {
        council.get(SittingPaths.statements, use: page)
        council.post(SittingPaths.statements, use: add)
        council.post(SittingPaths.statementVote, use: vote)
        council.post(SittingPaths.statementHide, use: hide)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await SittingRoutes.gate(services, context)
        let view = SittingView(pages: pages, gate: gate, context: context)
        let slug = gate.council.slug, id = gate.record.id
        let statements = try await services.statements.statements(conventionID: id)
        let votes = try await services.statements.votes(conventionID: id)
        let shown = statements.filter { !$0.hidden }
        let mine = Dictionary(votes.filter { $0.panelID == gate.seat }.map { ($0.statementID, $0.vote) }, uniquingKeysWith: { _, last in last })
        let mayVote = gate.may(.vote) && gate.seat != nil, mayModerate = gate.may(.runVotes)
        let choices = [(1, "convention_statement_agree"), (-1, "convention_statement_disagree"), (0, "convention_statement_pass")]
        let items = shown.map { statement in
            StatementsPage.Statement(
                anchor: "statement-\(statement.number)", number: view.format.number(statement.number), text: statement.text,
                byMember: statement.panelId != nil,
                myVote: mine[statement.id].flatMap { vote in choices.first { $0.0 == vote }.map { view.text($0.1) } },
                voteAction: mayVote ? SittingPaths.statementVote.url(slug, id, statement.id) : nil,
                choices: choices.map { StatementsPage.Choice(value: "\($0.0)", label: view.text($0.1), pressed: mine[statement.id] == $0.0 ? "true" : "false") },
                hideAction: mayModerate ? SittingPaths.statementHide.url(slug, id, statement.id) : nil)
        }
        let map = try await Self.map(statements: statements, votes: votes)
        let model = StatementsPage(
            title: view.title, backURL: SittingPaths.sessions.url(slug, id), statements: items, hasStatements: !items.isEmpty,
            map: map.map { self.mapModel($0, statements: statements, view: view, context: context) },
            voters: pages.plural("convention_statements_voters", count: Set(votes.map(\.panelID)).count, context, format: view.format),
            addAction: mayVote || mayModerate ? SittingPaths.statements.url(slug, id) : nil)
        return try await pages.page("convention-statements", title: view.text("convention_statements_title"), request: request, context: context,
                                    council: gate.council, typed: model)
    }

    /// The opinion map of the votes, once at least two statements and three members give it something to show.
    static func map(statements: [StatementRecord], votes: [StatementVoteRecord]) async throws -> OpinionMap? {
        let shown = statements.filter { !$0.hidden }
        guard shown.count >= 2, Set(votes.map(\.panelID)).count >= minimumVoters else { return nil }
        let numberOf = Dictionary(uniqueKeysWithValues: statements.map { ($0.id, $0.number) })
        let input = statements.map { Statement(id: $0.number, isModeratedOut: $0.hidden) }
        let records = votes.compactMap { vote -> VoteRecord? in
            guard let number = numberOf[vote.statementID], let raw = Int8(exactly: vote.vote), let choice = Vote(rawValue: raw) else { return nil }
            return VoteRecord(participant: "\(vote.panelID)", statement: number, vote: choice, timestamp: Int64(vote.votedAt * 1_000))
        }
        var parameters = OpinionMapParameters()
        parameters.threads = 1
        return try await NIOThreadPool.singleton.runIfActive { [parameters] in
            OpinionMapEngine.compute(statements: input, votes: records, parameters: parameters)
        }
    }

    func mapModel(_ map: OpinionMap, statements: [StatementRecord], view: SittingView, context: AppContext) -> StatementsPage.Map {
        let textOf = Dictionary(uniqueKeysWithValues: statements.map { ($0.number, $0.text) })
        func text(ofColumn column: Int) -> String { map.statements.indices.contains(column) ? textOf[map.statements[column].id] ?? "" : "" }
        func share(_ part: Int, _ whole: Int) -> String { view.format.percent(whole > 0 ? Double(part) / Double(whole) : 0) }
        // A group's figures only for groups of several members, and only statements the group voted on and leans on.
        let groups = map.groups.count < 2 ? [] : map.groups.enumerated().compactMap { index, group -> StatementsPage.Group? in
            guard group.members.count >= Self.minimumGroupSize else { return nil }
            let leanings = (map.representative.indices.contains(index) ? map.representative[index] : []).compactMap { statement -> String? in
                let agree = statement.direction == .agree
                let count = agree ? statement.tally.agree : statement.tally.disagree
                guard statement.tally.seen > 0, 2 * count > statement.tally.seen else { return nil }
                return view.text(agree ? "convention_statements_group_agrees" : "convention_statements_group_disagrees", [
                    "statement": text(ofColumn: statement.column), "share": share(count, statement.tally.seen),
                ])
            }
            return StatementsPage.Group(
                label: view.text("convention_statements_group", ["group": MapSVG.groupLabel(index)]),
                size: pages.plural("convention_statements_group_size", count: group.members.count, context, format: view.format),
                statements: Array(leanings.prefix(3)))
        }
        let consensus = map.consensus.agree.prefix(5).map { text(ofColumn: $0) }
        return StatementsPage.Map(
            svg: MapSVG.render(map, title: view.text("convention_statements_map_title"), id: "opinion-map-title"), groups: groups, hasGroups: !groups.isEmpty,
            consensus: consensus, hasConsensus: !consensus.isEmpty)
    }

    func back(_ gate: ConventionGate, notice: String, anchor: String = "") -> Response {
        .redirect(to: SiteURL.with(SittingPaths.statements.url(gate.council.slug, gate.record.id), notice: notice) + anchor, type: .normal)
    }

    /// A statement from a seated member or the secretariat.
    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        // A seated member writes as a member (while the convention sits); anyone else needs the secretariat's right.
        let asMember = gate.seat != nil
        try pages.require(gate.decide(asMember ? .vote : .runVotes), context)
        let text: String
        do {
            text = try SittingInput.text(context.form, "text", limit: Self.maximumLength, key: "convention_error_statement")
        } catch let failure as ValidationFailure {
            throw PageError(.unprocessableContent, failure.key)
        }
        do {
            _ = try await services.statements.add(conventionID: gate.record.id, councilID: gate.council.id, text: text,
                                                  panelID: asMember ? gate.seat : nil, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_status")
        } catch StoreError.notEligible {
            throw PageError(.forbidden, "convention_refused_not_panel_member")
        }
        return back(gate, notice: "saved")
    }

    @Sendable func vote(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.vote), context)
        guard let seat = gate.seat else { throw PageError(.forbidden, "convention_refused_not_panel_member") }
        guard let statementID = context.parameters.get("statement", as: Int64.self) else { throw PageError.notFound }
        guard let raw = context.form.text("vote"), let vote = Int(raw), [-1, 0, 1].contains(vote) else {
            throw PageError(.unprocessableContent, "convention_error_statement_vote")
        }
        do {
            try await services.statements.vote(statementID: statementID, conventionID: gate.record.id, councilID: gate.council.id, panelID: seat,
                                               vote: vote, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_status")
        } catch StoreError.notEligible {
            throw PageError(.forbidden, "convention_refused_not_panel_member")
        }
        let number = try await services.statements.statements(conventionID: gate.record.id).first { $0.id == statementID }?.number ?? 0
        return back(gate, notice: "convention_ballot_recorded", anchor: "#statement-\(number)")
    }

    @Sendable func hide(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.runVotes), context)
        guard let statementID = context.parameters.get("statement", as: Int64.self) else { throw PageError.notFound }
        try await gate.write { try await services.statements.hide(id: statementID, conventionID: gate.record.id, councilID: gate.council.id) }
        return back(gate, notice: "saved")
    }
}

/// The statements page: the map and its groups, then every statement with the member's vote.
struct StatementsPage: Encodable {
    struct Choice: Encodable {
        let value: String
        let label: String
        /// "true" for the member's vote (a toggle button's state).
        let pressed: String
    }

    struct Statement: Encodable {
        let anchor: String
        let number: String
        let text: String
        let byMember: Bool
        let myVote: String?
        let voteAction: String?
        let choices: [Choice]
        let hideAction: String?
    }

    struct Group: Encodable {
        let label: String
        let size: String
        let statements: [String]
    }

    struct Map: Encodable {
        let svg: String
        let groups: [Group]
        let hasGroups: Bool
        let consensus: [String]
        let hasConsensus: Bool
    }

    let title: LocalizedView
    let backURL: String
    let statements: [Statement]
    let hasStatements: Bool
    let map: Map?
    let voters: String
    let addAction: String?
}
