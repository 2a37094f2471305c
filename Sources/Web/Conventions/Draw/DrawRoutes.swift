import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Sortition
import Storage

/// The draw, in public: the secretariat closes the pool and asks for the draw (the worker computes the lottery and
/// commits to its files); the commitment is published; the secretariat then enters the public seed and the panel is
/// picked at once. The draw's page and its files are public from the commitment on.
struct DrawRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(ConventionPaths.drawRequest, use: request)
        council.get(ConventionPaths.draw, use: page)
        council.post(ConventionPaths.drawPick, use: pick)
        council.get(ConventionPaths.drawProof, use: proof)
    }

    /// Whether the pool can meet the quotas as far as counts tell (the engine finds the rest, and says so).
    func poolCanMeetQuotas(_ gate: ConventionGate) async throws -> Bool {
        let counts = try await services.conventions.valueCounts(conventionID: gate.record.id)
        let poolSize = try await services.conventions.volunteerCount(conventionID: gate.record.id)
        var households: Int?
        if gate.record.onePerHousehold, poolSize > 0 {
            households = ConventionView.households(try await services.conventions.volunteers(conventionID: gate.record.id, limit: poolSize, offset: 0))
        }
        let report = PoolReport(plan: gate.plan, counts: gate.stored.map { $0.values.map { counts[$0.id] ?? 0 } }, poolSize: poolSize,
                                households: households)
        return report.problems.isEmpty
    }

    @Sendable func request(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.publishCommitment(poolCanMeetQuotas: true)), context)
        try pages.require(gate.decide(.publishCommitment(poolCanMeetQuotas: try await poolCanMeetQuotas(gate))), context)
        let now = services.clock.now().timeIntervalSince1970
        let announcement = try SeedAnnouncementInput.parse(context.form, council: gate.council, now: now)
        do {
            _ = try await services.draws.request(conventionID: gate.record.id, councilID: gate.council.id, seed: announcement, at: now)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_status")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.draw.url(gate.council.slug, gate.record.id), notice: "convention_draw_requested"),
                         type: .normal)
    }

    /// The draw as it stands: the lottery being computed, committed, or drawn; 404 before any draw is asked for.
    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConventionGate.load(services: services, context: context)
        return try await render(gate, request: request, context: context)
    }

    func render(_ gate: ConventionGate, request: Request, context: AppContext, seed: String = "", error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let draws = try await services.draws.draws(conventionID: gate.record.id)
        guard !draws.isEmpty else { throw PageError.notFound }
        var files: [Int64: ConventionDrawFiles] = [:]
        for draw in draws where draw.status == "committed" || draw.status == "drawn" {
            files[draw.id] = try await services.draws.files(drawID: draw.id)
        }
        let panel = try await services.draws.panel(conventionID: gate.record.id)
        let model = DrawView(pages: pages, gate: gate, context: context).model(draws: draws, files: files, panel: panel, seed: seed, error: error,
                                                                                       now: services.clock.now().timeIntervalSince1970)
        return try await pages.page("convention-draw", title: pages.text("convention_draw_title", context), request: request, context: context,
                                    council: gate.council, typed: model, status: status)
    }

    /// The public pick: the seed, published after the commitment, picks the ticket and the people; those who gave an
    /// e-mail address are told in the same transaction.
    @Sendable func pick(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        let pending = try await services.draws.draws(conventionID: gate.record.id).last
        // The first draw is picked while the convention is committed; a replacement while it is drawn or sitting.
        try pages.require(gate.decide(pending?.withdrawn == nil ? .draw : .recordRefusal), context)
        guard let draw = pending, draw.status == "committed" else { throw PageError(.conflict, "convention_draw_conflict_not_committed") }
        let now = services.clock.now().timeIntervalSince1970
        guard now >= draw.seedNotBefore else {
            let format = Formatting(language: context.language, council: gate.council)
            throw PageError(.conflict, "convention_draw_conflict_too_early", ["date": format.dateTime(Date(timeIntervalSince1970: draw.seedNotBefore))])
        }
        guard let seed = PublicSeed.canonical(context.form.text("seed") ?? "") else {
            return try await render(gate, request: request, context: context, seed: String((context.form.text("seed") ?? "").prefix(1_000)),
                                    error: pages.text("convention_draw_error_seed", context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        guard let files = try await services.draws.files(drawID: draw.id), let pool = files.poolCsv, let quotas = files.quotasCsv,
              let lottery = files.lotteryCsv, let manifestText = files.manifest
        else { throw PageError(.conflict, "convention_draw_conflict_not_committed") }
        let result: DrawResult
        do {
            let manifest = try DrawManifest.read(manifestText)
            guard manifest.commitment == draw.commitment else { throw PageError(.internalServerError, "convention_draw_error_files") }
            result = try CommittedDraw.pick(CommittedLottery(pool: pool, quotas: quotas, lottery: lottery, manifest: manifest), seed: seed)
        } catch {
            // Stored files that no longer match their commitment: nothing is drawn from them.
            throw PageError(.internalServerError, "convention_draw_error_files")
        }
        let mails = try await mails(gate, references: result.panelIDs)
        do {
            try await services.draws.pick(drawID: draw.id, conventionID: gate.record.id, councilID: gate.council.id, seed: seed,
                                          manifest: result.files[ProofFiles.manifest] ?? "", panel: result.files[ProofFiles.panel] ?? "",
                                          probabilities: result.files[ProofFiles.probabilities] ?? "", references: result.panelIDs,
                                          withdrawn: draw.withdrawnReferences, mails: mails, at: now)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_draw_conflict_not_committed")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.draw.url(gate.council.slug, gate.record.id), notice: "convention_drawn"), type: .normal)
    }

    /// The message to each person drawn who gave an e-mail address, in the language of their account or else the
    /// council's.
    func mails(_ gate: ConventionGate, references: [String]) async throws -> [QueuedMail] {
        let drawURL = ConventionPaths.draw.url(gate.council.slug, gate.record.id)
        return try await services.draws.contacts(conventionID: gate.record.id, references: references).map { contact in
            let language = contact.language.flatMap(Language.init(rawValue:)) ?? gate.council.language
            return services.mailer.drawn(
                to: contact.email, convention: pages.localized(gate.record.title, language, councilDefault: gate.council.language).text,
                council: pages.localized(gate.council.name, language, councilDefault: gate.council.language).text,
                reference: contact.reference, drawURL: drawURL, language: language)
        }
    }

    /// The files `hemicycle draw verify` takes, as one archive: those committed to, then, once drawn, the seed's
    /// draw.json, the panel and the probabilities.
    @Sendable func proof(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        // The latest published draw, or the one named by ?draw=N (a replacement draw has its own files).
        let number = request.uri.queryParameters.get("draw", as: Int.self)
        guard let draw = try await services.draws.draws(conventionID: gate.record.id)
                  .last(where: { ["committed", "drawn"].contains($0.status) && (number == nil || $0.number == number) }),
              let files = try await services.draws.files(drawID: draw.id)
        else { throw PageError.notFound }
        var contents: [(String, String)] = []
        for (name, text) in [(ProofFiles.pool, files.poolCsv), (ProofFiles.quotas, files.quotasCsv), (ProofFiles.lottery, files.lotteryCsv),
                             (ProofFiles.manifest, files.manifest), (ProofFiles.panel, files.panelCsv),
                             (ProofFiles.probabilities, files.probabilitiesCsv), (ProofFiles.procedure, ProofFiles.procedureText)] {
            if let text { contents.append((name, text)) }
        }
        // The files of a draw change once, at the pick: the tag says which state is sent.
        let tag = "\"\(draw.commitment ?? "")-\(draw.status)\""
        var headers = HTTPFields()
        headers[.eTag] = tag
        headers[.cacheControl] = number == nil ? "no-cache" : draw.status == "drawn" ? "public, max-age=31536000, immutable" : "no-cache"
        if ConditionalRequest.isCurrent(request, tag: tag) { return Response(status: .notModified, headers: headers) }
        let archive = try ZipArchive.make(contents, modified: Date(timeIntervalSince1970: draw.drawnAt ?? draw.committedAt ?? draw.requestedAt))
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"draw-\(gate.council.slug)-\(gate.record.id)-\(draw.number).zip\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: archive)))
    }
}
