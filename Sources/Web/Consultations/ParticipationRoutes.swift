import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// A consultation's page and what participants do there: vote agree / disagree / pass on one statement at a time
/// (the next one drawn by the map's priorities), and write statements of their own. Staff write the seed statements.
struct ParticipationRoutes {
    let services: ConsultationServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.item, use: page)
        council.post(ConsultationPaths.vote, use: vote)
        council.post(ConsultationPaths.statements, use: addStatement)
    }

    static let choices: [(value: Int, key: String)] = [(1, "consultation_vote_agree"), (-1, "consultation_vote_disagree"), (0, "consultation_vote_pass")]

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        return try await render(gate, request: request, context: context)
    }

    func render(_ gate: ConsultationGate, request: Request, context: AppContext, error: String? = nil, typed: String? = nil,
                declarationError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = gate.council, record = gate.record, slug = council.slug, id = record.id
        let format = Formatting(language: context.language, council: council)
        func localized(_ text: LocalizedText) -> LocalizedView { pages.localized(text, context.language, councilDefault: council.language) }
        let work = if let workID = record.workId { try await services.works.find(id: workID, councilID: council.id) } else { WorkRecord?.none }
        // The counts of the last map: never millions of votes counted on a request.
        let snapshot = try await services.snapshots.snapshot(consultationID: id, maps: services.maps)?.snapshot
        let counts = (participants: snapshot?.participants ?? 0, votes: snapshot?.votes ?? 0)
        var participation: ConsultationPage.Participation?
        var note: String?
        let usesStatements = gate.modules.contains(.statements)
        let participate = gate.decide(.participate(eligible: gate.eligible))
        if usesStatements, participate.isAllowed {
            let statements = try await gate.statements(services)
                .filter { (StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: gate.moderation) }
            let mine = if let participant = gate.participant {
                try await services.statements.votes(consultationID: id, participantID: participant)
            } else { [Int64: Int]() }
            let priorities = snapshot?.priorities ?? [:]
            let chosen = NextStatement.choose(statements.map { ($0.id, priorities[String($0.number)]) }, voted: Set(mine.keys),
                                              random: services.random.unit())
            let next = chosen.flatMap { chosen in statements.first { $0.id == chosen } }.map { statement in
                ConsultationPage.Next(
                    text: statement.text, lang: nil, action: ConsultationPaths.vote.url(slug, id, statement.id),
                    choices: Self.choices.map { .init(value: "\($0.value)", label: pages.text($0.key, context)) },
                    legend: pages.text("consultation_vote_legend", context))
            }
            let voted = statements.filter { mine[$0.id] != nil }.count
            participation = ConsultationPage.Participation(
                next: next,
                progress: pages.plural("consultation_progress", count: voted, context, format: format, ["total": format.number(statements.count)]),
                statementAction: ConsultationPaths.statements.url(slug, id),
                renderedAt: try await services.stamps.stamp(consultationID: id, csrf: context.csrfToken, now: gate.now),
                maximumLength: StatementText.maximumLength)
        } else if !participate.isAllowed, gate.phase != .draft {
            note = participationNote(gate, decision: participate, context: context, format: format)
        }
        let declaration = gate.participation == .verified && gate.actor.requirements == .needsDeclaration && [.announced, .open].contains(gate.phase)
            ? ConsultationPage.Declaration(
                action: ConsultationPaths.declaration.url(slug, id), asksBirthDate: gate.requirements.minimumAge != nil,
                residences: gate.requirements.residences.map { SelectOption(value: $0, label: $0, selected: false) },
                hasResidences: !gate.requirements.residences.isEmpty, declarationError: declarationError)
            : nil
        var model = ConsultationPage(
            consultation: localized(record.title), description: record.description.isEmpty ? nil : localized(record.description),
            phase: pages.text("consultation_phase_\(gate.phase.rawValue)", context), phaseCode: gate.phase.rawValue,
            dates: ConsultationRoutes.dates(record, format: format, pages: pages, context: context),
            work: work.map { LinkView(url: WorkPaths.item.url(slug, $0.id), label: localized($0.title)) },
            source: record.source,
            counts: pages.plural("consultation_counts", count: counts.participants, context, format: format, ["votes": format.number(counts.votes)]),
            participation: participation, participationNote: note,
            signInURL: participate == .forbidden("consultation_refused_not_eligible") && context.account == nil
                ? "\(AccountPaths.signIn.url)?next=\(SiteURL.encodeQuery(request.uri.path))" : nil,
            declaration: declaration,
            mapURL: ConsultationPaths.map.url(slug, id), exportURL: ConsultationPaths.export.url(slug, id),
            moderationURL: gate.may(.moderate) ? ConsultationPaths.moderation.url(slug, id) : nil,
            editURL: gate.may(.edit) ? ConsultationPaths.edit.url(slug, id) : nil,
            publishAction: gate.may(.publish) ? ConsultationPaths.publish.url(slug, id) : nil,
            seedAction: usesStatements && gate.may(.writeSeedStatements) ? ConsultationPaths.statements.url(slug, id) : nil,
            error: error, typed: typed,
            proposalsURL: gate.modules.contains(.proposals) ? ConsultationPaths.proposals.url(slug, id) : nil,
            questionnaireURL: gate.modules.contains(.questionnaire) ? ConsultationPaths.questionnaire.url(slug, id) : nil,
            synthesisURL: gate.may(.publishSynthesis) ? ConsultationPaths.synthesis.url(slug, id) : nil,
            synthesis: try await synthesis(gate, context: context, format: format))
        model.news = try await services.inTheNews.links(.consultation, gate.record.id, council: council, context: context)
        model.hasNews = !model.news.isEmpty
        return try await pages.page("consultation", title: localized(record.title).text, request: request, context: context, council: council,
                                    typed: model, status: status)
    }

    /// The published synthesis, with the consultation's figures computed now.
    func synthesis(_ gate: ConsultationGate, context: AppContext, format: Formatting) async throws -> ConsultationPage.Synthesis? {
        guard gate.phase == .synthesisPublished, let record = try await services.consultations.synthesis(consultationID: gate.record.id) else { return nil }
        return ConsultationPage.Synthesis(
            text: pages.localized(record.text, context.language, councilDefault: gate.council.language),
            figures: try await SynthesisRoutes.figures(gate, services: services, pages: pages, context: context),
            date: format.dateTime(Date(timeIntervalSince1970: record.publishedAt)))
    }

    func participationNote(_ gate: ConsultationGate, decision: Decision, context: AppContext, format: Formatting) -> String {
        switch gate.phase {
        case .announced:
            return pages.text("consultation_note_announced", context, ["opens": format.dateTime(Date(timeIntervalSince1970: gate.record.opensAt))])
        case .closed, .synthesisPublished:
            return pages.text("consultation_note_closed", context)
        case .draft, .open:
            switch (gate.participation, gate.actor.requirements) {
            case (.anyone, _): return pages.text("consultation_note_not_eligible", context)
            case (.verifiedEmail, _), (.verified, .needsVerifiedEmail): return pages.text("consultation_note_verified_email", context)
            case (.verified, .needsDeclaration): return pages.text("consultation_note_declaration", context)
            case (.verified, .tooYoung(let minimum)):
                return pages.plural("consultation_note_too_young", count: minimum, context, format: format)
            case (.verified, .residenceNotAccepted): return pages.text("consultation_note_residence", context)
            case (.verified, .notOnCouncilList): return pages.text("consultation_note_not_on_list", context)
            case (.verified, .met): return pages.text("consultation_note_not_eligible", context)
            }
        }
    }

    /// The participant a request acts as, created on first use (a new browser gets its cookie with the answer), once
    /// the limits of its address allow it: counted before any row is written.
    func participant(_ gate: ConsultationGate, request: Request, context: AppContext,
                     allowed: (ParticipantCookie.Identity) -> Bool) async throws -> (id: Int64, identity: ParticipantCookie.Identity) {
        let identity = ParticipantCookie.creating(gate.identity, for: gate.participation, consultationID: gate.record.id)
        guard identity.cookieDigest != nil || identity.accountID != nil else { throw PageError.signInRequired }
        guard allowed(identity) else { throw PageError(.tooManyRequests, "consultation_error_too_fast") }
        if let existing = gate.participant, identity.newToken == nil { return (existing, identity) }
        guard services.limits.allowNewParticipant(address: context.clientAddress, now: gate.now) else {
            throw PageError(.tooManyRequests, "consultation_error_too_fast")
        }
        let id = try await services.statements.participant(consultationID: gate.record.id, cookieDigest: identity.cookieDigest,
                                                           accountID: identity.accountID, at: gate.now)
        services.knownParticipants.remember(.init(consultationID: gate.record.id, cookieDigest: identity.cookieDigest, accountID: identity.accountID),
                                            number: id)
        return (id, identity)
    }

    @Sendable func vote(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request, forVote: true)
        guard gate.modules.contains(.statements) else { throw PageError.notFound }
        try pages.require(gate.decide(.participate(eligible: gate.eligible)), context)
        guard let statementID = context.parameters.get("statement", as: Int64.self) else { throw PageError.notFound }
        guard let raw = context.form.text("vote"), let vote = Int(raw), [-1, 0, 1].contains(vote) else {
            throw PageError(.unprocessableContent, "consultation_error_vote")
        }
        let (participant, identity) = try await participant(gate, request: request, context: context) { identity in
            services.limits.allowVote(participant: identity.limitKey, address: context.clientAddress, now: gate.now)
        }
        switch try await services.votes.cast(CastVote(statementID: statementID, consultationID: gate.record.id, councilID: gate.council.id,
                                                      participantID: participant, vote: vote, participation: gate.participation.rawValue,
                                                      requirements: gate.record.requirementsKey,
                                                      at: services.clock.now().timeIntervalSince1970)) {
        case .stored: break
        case .notFound: throw PageError.notFound
        case .stateChanged: throw PageError(.conflict, "consultation_conflict_not_open")
        }
        var response = Response.redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id),
                                                          notice: "consultation_vote_recorded") + "#vote", type: .normal)
        ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
        return response
    }

    /// A participant's statement (checked against robots, waiting for moderation), or the council's seed statement.
    @Sendable func addStatement(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        guard gate.modules.contains(.statements) else { throw PageError.notFound }
        let seed = context.form.text("seed") == "1"
        try pages.require(seed ? gate.decide(.writeSeedStatements) : gate.decide(.participate(eligible: gate.eligible)), context)
        let typed = context.form["text"] ?? ""
        func refuse(_ key: String, status: HTTPResponse.Status) async throws -> Response {
            try await render(gate, request: request, context: context, error: pages.text(key, context), typed: typed, status: status)
                .response(from: request, context: context)
        }
        let text: String
        do {
            text = try StatementText.clean(typed)
        } catch .empty {
            return try await refuse("consultation_error_statement_empty", status: .unprocessableContent)
        } catch .tooLong {
            return try await refuse("consultation_error_statement_length", status: .unprocessableContent)
        }
        if seed {
            _ = try await gate.write {
                try await services.statements.add(consultationID: gate.record.id, councilID: gate.council.id, text: text, participantID: nil, at: gate.now)
            }
            return .redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
        }
        let renderedAt = try await services.stamps.time(of: context.form.text("rendered_at"), consultationID: gate.record.id, csrf: context.csrfToken, now: gate.now)
        guard FormRobotCheck.isHuman(honeypot: context.form["website"], renderedAt: renderedAt, now: gate.now)
        else { return try await refuse("consultation_error_robot", status: .unprocessableContent) }
        let participant: Int64, identity: ParticipantCookie.Identity
        do {
            (participant, identity) = try await self.participant(gate, request: request, context: context) { identity in
                services.limits.allowStatement(participant: identity.limitKey, address: context.clientAddress, now: gate.now)
            }
        } catch let error as PageError where error.status == .tooManyRequests {
            return try await refuse("consultation_error_too_fast", status: .tooManyRequests)
        }
        _ = try await gate.write {
            try await services.statements.add(consultationID: gate.record.id, councilID: gate.council.id, text: text, participantID: participant,
                                              at: services.clock.now().timeIntervalSince1970)
        }
        let notice = gate.moderation == .beforePublication ? "consultation_statement_waiting" : "consultation_statement_published"
        var response = Response.redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: notice), type: .normal)
        ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
        return response
    }
}
