import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Participants' proposals: written while the consultation is open (with the same robot checks and limits as
/// statements), supported once each, discussed in threaded comments; the council answers each (under study, taken
/// into the work, not retained) with a text, and hides what is out of place with a reason that is kept.
struct ConsultationProposalRoutes {
    let services: ConsultationServices
    let pages: Pages

    static let pageSize = 20
    static let maximumDepth = 4

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.proposals, use: list)
        council.post(ConsultationPaths.proposals, use: create)
        council.get(ConsultationPaths.proposal, use: page)
        council.post(ConsultationPaths.support, use: support)
        council.post(ConsultationPaths.comments, use: comment)
        council.post(ConsultationPaths.answer, use: answer)
        council.post(ConsultationPaths.hideProposal, use: hide)
        council.post(ConsultationPaths.acceptProposal, use: accept)
    }

    var participation: ParticipationRoutes { ParticipationRoutes(services: services, pages: pages) }

    func gate(_ request: Request, _ context: AppContext) async throws -> ConsultationGate {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        guard gate.modules.contains(.proposals) else { throw PageError.notFound }
        return gate
    }

    func proposal(_ gate: ConsultationGate, _ context: AppContext) async throws -> CitizenProposalRecord {
        guard let id = context.parameters.get("proposal", as: Int64.self),
              let proposal = try await services.proposals.find(id: id, consultationID: gate.record.id),
              (!proposal.hidden && !proposal.pending) || gate.actor.council.isSecretariat
        else { throw PageError.notFound }
        return proposal
    }

    func format(_ gate: ConsultationGate, _ context: AppContext) -> Formatting { Formatting(language: context.language, council: gate.council) }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderList(try await gate(request, context), request: request, context: context)
    }

    func renderList(_ gate: ConsultationGate, request: Request, context: AppContext, error: String? = nil, typed: (String, String) = ("", ""),
                    status: HTTPResponse.Status = .ok) async throws -> HTML {
        let slug = gate.council.slug, id = gate.record.id, format = format(gate, context)
        let query = request.uri.queryParameters
        let search = (query.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let order = query.get("order").flatMap(CitizenProposalOrder.init(rawValue:)) ?? .supports
        // Pages follow the list's key (`after`, `before`) or start at its end (`at=last`); a key that is not one reads as
        // the first page.
        let position: CitizenProposalPosition = if let after = query.get("after").flatMap({ CitizenProposalKey($0, order: order) }) {
            .after(after)
        } else if let before = query.get("before").flatMap({ CitizenProposalKey($0, order: order) }) {
            .before(before)
        } else if query.get("at") == "last" {
            .last
        } else {
            .first
        }
        let staff = gate.actor.council.isSecretariat
        let page = try await services.proposals.page(consultationID: id, search: search.isEmpty ? nil : String(search.prefix(100)),
                                                     order: order, includeHidden: staff, limit: Self.pageSize, from: position)
        let proposals = page.proposals
        func link(_ parameter: String) -> String {
            var parts = ["order=\(order.rawValue)", parameter]
            if !search.isEmpty { parts.insert("q=\(SiteURL.encodeQuery(search))", at: 0) }
            return ConsultationPaths.proposals.url(slug, id) + "?" + parts.joined(separator: "&")
        }
        let rows = proposals.map { proposal in
            CitizenProposalListPage.Row(
                url: ConsultationPaths.proposal.url(slug, id, proposal.id), title: proposal.title,
                excerpt: proposal.body.count > 240 ? String(proposal.body.prefix(240)) + "…" : proposal.body,
                figures: pages.plural("consultation_proposal_figures", count: proposal.supports, context, format: format,
                                      ["comments": format.number(proposal.comments)]),
                answer: proposal.answer.map { pages.text("consultation_proposal_answer_\($0)", context) }, hidden: proposal.hidden || proposal.pending)
        }
        let mayPropose = gate.may(.participate(eligible: gate.eligible))
        let model = CitizenProposalListPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.item.url(slug, id), action: ConsultationPaths.proposals.url(slug, id), search: search,
            orders: CitizenProposalOrder.allCases.map { .init(value: $0.rawValue, label: pages.text("consultation_proposals_order_\($0.rawValue)", context),
                                                        selected: $0 == order) },
            count: pages.plural("consultation_proposals_count", count: page.total, context, format: format),
            rows: rows, hasRows: !rows.isEmpty,
            firstURL: page.hasEarlier ? link("at=first") : nil,
            previousURL: page.hasEarlier ? proposals.first.map { link("before=\(CitizenProposalKey($0).text(for: order))") } : nil,
            nextURL: page.hasLater ? proposals.last.map { link("after=\(CitizenProposalKey($0).text(for: order))") } : nil,
            lastURL: page.hasLater ? link("at=last") : nil, hasPages: page.hasEarlier || page.hasLater,
            form: mayPropose ? ContributionForm(action: ConsultationPaths.proposals.url(slug, id),
                                                stamp: try await services.stamps.stamp(consultationID: id, csrf: context.csrfToken, now: gate.now), title: typed.0, body: typed.1) : nil,
            error: error)
        return try await pages.page("consultation-proposals", title: pages.text("consultation_proposals_title", context), request: request,
                                    context: context, council: gate.council, typed: model, status: status)
    }

    /// The robot checks and the limits of a participant's contribution; the participant it is written by.
    func contributor(_ gate: ConsultationGate, request: Request, context: AppContext) async throws -> (Int64, ParticipantCookie.Identity) {
        let renderedAt = try await services.stamps.time(of: context.form.text("rendered_at"), consultationID: gate.record.id, csrf: context.csrfToken, now: gate.now)
        guard FormRobotCheck.isHuman(honeypot: context.form["website"], renderedAt: renderedAt, now: gate.now) else {
            throw PageError(.unprocessableContent, "consultation_error_robot")
        }
        return try await participation.participant(gate, request: request, context: context) { identity in
            services.limits.allowStatement(participant: identity.limitKey, address: context.clientAddress, now: gate.now)
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.participate(eligible: gate.eligible)), context)
        let typed = (context.form["title"] ?? "", context.form["body"] ?? "")
        do {
            let title = try ProposalText.title(typed.0)
            let body = try ProposalText.text(typed.1, limit: ProposalText.maximumBodyLength)
            let (participant, identity) = try await contributor(gate, request: request, context: context)
            let pending = gate.moderation == .beforePublication
            let id = try await gate.write {
                try await services.proposals.add(consultationID: gate.record.id, participantID: participant, title: title, body: body,
                                                 pending: pending, at: services.clock.now().timeIntervalSince1970)
            }
            // A proposal waiting for a moderator is not shown yet, even to its author: the list says so.
            let target = pending ? SiteURL.with(ConsultationPaths.proposals.url(gate.council.slug, gate.record.id), notice: "consultation_proposal_waiting")
                : SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, id), notice: "saved")
            var response = Response.redirect(to: target, type: .normal)
            ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
            return response
        } catch let problem as StatementText.Problem {
            return try await renderList(gate, request: request, context: context, error: pages.text(Self.key(problem, title: typed.0), context),
                                        typed: typed, status: .unprocessableContent).response(from: request, context: context)
        } catch let error as PageError where error.status == .unprocessableContent || error.status == .tooManyRequests {
            return try await renderList(gate, request: request, context: context, error: pages.text(error.key, context), typed: typed,
                                        status: error.status).response(from: request, context: context)
        }
    }

    static func key(_ problem: StatementText.Problem, title: String) -> String {
        switch problem {
        case .empty: "consultation_error_proposal_empty"
        case .tooLong: "consultation_error_proposal_length"
        }
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await gate(request, context)
        return try await render(gate, try await proposal(gate, context), request: request, context: context)
    }

    func render(_ gate: ConsultationGate, _ proposal: CitizenProposalRecord, request: Request, context: AppContext, error: String? = nil,
                typed: String = "", status: HTTPResponse.Status = .ok) async throws -> HTML {
        let slug = gate.council.slug, id = gate.record.id, format = format(gate, context)
        let staff = gate.may(.answerProposals)
        let mayTakePart = gate.may(.participate(eligible: gate.eligible)) && !proposal.hidden && !proposal.pending
        let supported = if let participant = gate.participant {
            try await services.proposals.supports(proposalID: proposal.id, participantID: participant)
        } else { false }
        let records = try await services.proposals.comments(proposalID: proposal.id)
        let history = ModerationHistory(pages: pages, format: format)
        // The secretariat reads the moderators' decisions whatever the phase, as it reads what they hid.
        let moderators = gate.actor.council.isSecretariat
        let proposalDecisions = moderators ? try await services.moderationDecisions.history(councilID: gate.council.id, subject: .proposal, ids: [proposal.id])
            : [:]
        let commentDecisions = moderators ? try await services.moderationDecisions.history(councilID: gate.council.id, subject: .comment, ids: records.map(\.id))
            : [:]
        let proposalHistory = history.sentences(proposalDecisions[proposal.id], context)
        // Threads: each comment after its parent, replies deeper (up to a depth, then side by side).
        let children = Dictionary(grouping: records.filter { $0.parentId != nil }, by: { $0.parentId! })
        var ordered: [(CitizenProposalCommentRecord, Int)] = []
        // Depth first without recursion: a long chain of replies cannot exhaust the stack.
        var stack = records.filter { $0.parentId == nil }.reversed().map { ($0, 0) }
        while let (comment, depth) = stack.popLast() {
            ordered.append((comment, depth))
            stack += (children[comment.id] ?? []).reversed().map { ($0, min(depth + 1, Self.maximumDepth)) }
        }
        let comments = ordered.map { comment, depth in
            let sentences = history.sentences(commentDecisions[comment.id], context)
            return CitizenProposalPage.Comment(
                anchor: "comment-\(comment.id)", hidden: comment.hidden || comment.pending, commentText: comment.body,
                commentNote: comment.hidden ? pages.text("consultation_comment_hidden", context, ["reason": comment.hiddenReason ?? ""])
                    : comment.pending ? pages.text("consultation_comment_pending", context) : "",
                commentDate: format.dateTime(Date(timeIntervalSince1970: comment.createdAt)), depth: depth,
                replyAction: ConsultationPaths.comments.url(slug, id, proposal.id) + "?parent=\(comment.id)",
                mayReply: mayTakePart && !comment.hidden && !comment.pending,
                commentHideAction: ConsultationPaths.hideProposal.url(slug, id, proposal.id) + "?comment=\(comment.id)",
                mayHide: staff && !comment.hidden,
                commentAcceptAction: ConsultationPaths.acceptProposal.url(slug, id, proposal.id) + "?comment=\(comment.id)",
                mayAccept: staff && comment.pending && !comment.hidden, history: sentences, hasHistory: !sentences.isEmpty)
        }
        let model = CitizenProposalPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.proposals.url(slug, id), proposal: proposal.title, body: proposal.body,
            date: format.dateTime(Date(timeIntervalSince1970: proposal.createdAt)),
            hiddenNote: proposal.hidden ? pages.text("consultation_proposal_hidden", context, ["reason": proposal.hiddenReason ?? ""])
                : proposal.pending ? pages.text("consultation_proposal_pending", context) : nil,
            supports: pages.plural("consultation_proposal_supports", count: proposal.supports, context, format: format),
            supportAction: mayTakePart && !supported ? ConsultationPaths.support.url(slug, id, proposal.id) : nil, supported: supported,
            answer: proposal.answer.map { pages.text("consultation_proposal_answer_\($0)", context) }, answerText: proposal.answerText,
            answerAction: staff ? ConsultationPaths.answer.url(slug, id, proposal.id) : nil,
            answers: ProposalAnswer.allCases.map { .init(value: $0.rawValue, label: pages.text("consultation_proposal_answer_\($0.rawValue)", context),
                                                          selected: proposal.answer == $0.rawValue) },
            hideAction: staff && !proposal.hidden ? ConsultationPaths.hideProposal.url(slug, id, proposal.id) : nil,
            acceptAction: staff && proposal.pending && !proposal.hidden ? ConsultationPaths.acceptProposal.url(slug, id, proposal.id) : nil,
            history: proposalHistory, hasHistory: !proposalHistory.isEmpty,
            comments: comments, hasComments: !comments.isEmpty,
            commentForm: mayTakePart ? ContributionForm(action: ConsultationPaths.comments.url(slug, id, proposal.id),
                                                        stamp: try await services.stamps.stamp(consultationID: id, csrf: context.csrfToken, now: gate.now), title: "", body: typed) : nil,
            error: error)
        return try await pages.page("consultation-proposal", title: proposal.title, request: request, context: context, council: gate.council,
                                    typed: model, status: status)
    }

    @Sendable func support(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.participate(eligible: gate.eligible)), context)
        let proposal = try await proposal(gate, context)
        let (participant, identity) = try await participation.participant(gate, request: request, context: context) { identity in
            services.limits.allowVote(participant: identity.limitKey, address: context.clientAddress, now: gate.now)
        }
        _ = try await gate.write {
            try await services.proposals.support(proposalID: proposal.id, consultationID: gate.record.id, participantID: participant,
                                                 at: services.clock.now().timeIntervalSince1970)
        }
        var response = Response.redirect(to: SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id),
                                                          notice: "consultation_supported"), type: .normal)
        ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
        return response
    }

    @Sendable func comment(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.participate(eligible: gate.eligible)), context)
        let proposal = try await proposal(gate, context)
        let typed = context.form["body"] ?? ""
        let parent: Int64?
        if let raw = request.uri.queryParameters.get("parent") ?? context.form.text("parent") {
            guard let id = Int64(raw) else { throw PageError.notFound }
            parent = id
        } else {
            parent = nil
        }
        do {
            let body = try ProposalText.text(typed, limit: ProposalText.maximumCommentLength)
            let (participant, identity) = try await contributor(gate, request: request, context: context)
            let pending = gate.moderation == .beforePublication
            let id = try await gate.write {
                try await services.proposals.comment(proposalID: proposal.id, consultationID: gate.record.id, parentID: parent,
                                                     participantID: participant, body: body, pending: pending,
                                                     at: services.clock.now().timeIntervalSince1970)
            }
            var response = Response.redirect(to: SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id),
                                                              notice: pending ? "consultation_comment_waiting" : "saved") + "#comment-\(id)",
                                             type: .normal)
            ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
            return response
        } catch let problem as StatementText.Problem {
            let key = problem == .empty ? "consultation_error_comment_empty" : "consultation_error_comment_length"
            return try await render(gate, proposal, request: request, context: context, error: pages.text(key, context), typed: typed,
                                    status: .unprocessableContent).response(from: request, context: context)
        } catch let error as PageError where error.status == .unprocessableContent || error.status == .tooManyRequests {
            return try await render(gate, proposal, request: request, context: context, error: pages.text(error.key, context), typed: typed,
                                    status: error.status).response(from: request, context: context)
        }
    }

    @Sendable func answer(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.answerProposals), context)
        let account = try pages.requireAccount(context)
        let proposal = try await proposal(gate, context)
        guard let answer = context.form.text("answer").flatMap(ProposalAnswer.init(rawValue:)) else {
            throw PageError(.unprocessableContent, "consultation_error_answer")
        }
        let text: String
        do {
            text = try ProposalText.text(context.form["text"] ?? "", limit: ProposalText.maximumBodyLength)
        } catch {
            throw PageError(.unprocessableContent, "consultation_error_answer_text")
        }
        try await gate.write(conflict: "consultation_conflict_synthesis") {
            try await services.proposals.answer(proposalID: proposal.id, consultationID: gate.record.id, councilID: gate.council.id,
                                                answer: answer.rawValue, text: text, by: account.id, at: gate.now)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id), notice: "saved"), type: .normal)
    }

    /// What a moderator acts on: the proposal (checked against the rule first), and one of its comments when the
    /// address names one (`?comment=`).
    func moderated(_ request: Request, _ context: AppContext) async throws -> (ConsultationGate, CitizenProposalRecord, comment: Int64?) {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.answerProposals), context)
        let proposal = try await proposal(gate, context)
        let comment = try request.uri.queryParameters.get("comment").map { raw -> Int64 in
            guard let id = Int64(raw) else { throw PageError.notFound }
            return id
        }
        return (gate, proposal, comment)
    }

    /// Hides the proposal, or one of its comments (`?comment=`), with the reason.
    @Sendable func hide(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal, comment) = try await moderated(request, context)
        let account = try pages.requireAccount(context)
        guard let reason = context.form.text("reason"), reason.count <= ModerationRoutes.maximumReasonLength else {
            throw PageError(.unprocessableContent, "consultation_error_reason_needed")
        }
        try await gate.write(conflict: "consultation_conflict_synthesis") {
            try await services.proposals.hide(proposalID: proposal.id, commentID: comment, consultationID: gate.record.id, councilID: gate.council.id,
                                              reason: reason, by: account.id, at: gate.now)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id), notice: "saved"), type: .normal)
    }

    /// Accepts a proposal waiting for a moderator, or one of its comments (`?comment=`).
    @Sendable func accept(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal, comment) = try await moderated(request, context)
        let account = try pages.requireAccount(context)
        try await gate.write(conflict: "consultation_conflict_moderated") {
            try await services.proposals.accept(proposalID: proposal.id, commentID: comment, consultationID: gate.record.id, councilID: gate.council.id,
                                                by: account.id, at: gate.now)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id), notice: "saved"), type: .normal)
    }
}
