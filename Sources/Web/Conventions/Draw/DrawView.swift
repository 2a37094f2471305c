import CSVFormat
import Conventions
import Foundation
import HemicycleDomain
import Sortition
import Storage

/// Builds the public draw page's model from the draw as stored, in the reader's language.
struct DrawView {
    let pages: Pages
    let gate: ConventionGate
    let context: AppContext
    let format: Formatting

    init(pages: Pages, gate: ConventionGate, context: AppContext) {
        self.pages = pages
        self.gate = gate
        self.context = context
        format = Formatting(language: context.language, council: gate.council)
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }

    func fact(_ key: String, _ value: String) -> DrawPage.Fact { DrawPage.Fact(label: text(key), value: value) }

    func date(_ seconds: Double?) -> String? { seconds.map { format.dateTime(Date(timeIntervalSince1970: $0)) } }

    func model(draws: [ConventionDrawRecord], files: [Int64: ConventionDrawFiles], panel: [PanelMemberRecord], seed: String,
               error: String?, now: Double) -> DrawPage {
        let slug = gate.council.slug, id = gate.record.id
        let draw = draws[draws.count - 1]
        let running = draw.status == "queued" || draw.status == "running"
        var progress: [DrawPage.Fact] = []
        if draw.status == "running" {
            progress = [fact("convention_draw_progress_settled", text("convention_draw_out_of", ["count": format.number(draw.progressSettled),
                                                                                                  "total": format.number(draw.progressPool)])),
                        fact("convention_draw_progress_panels", format.number(draw.progressPanels))]
        }
        // The first draw that reached its commitment; a replacement awaiting its seed shows its own commitment.
        let first = draws.last { $0.withdrawn == nil && ($0.status == "committed" || $0.status == "drawn") }
        let shown = draw.status == "committed" ? draw : first
        let commitment = shown.flatMap { shown in manifest(files[shown.id]).map { commitmentModel(shown, $0) } }
        var pick: DrawPage.PickForm?
        if draw.status == "committed", gate.may(draw.withdrawn == nil ? .draw : .recordRefusal) {
            pick = DrawPage.PickForm(action: ConventionPaths.drawPick.url(slug, id), seed: seed, error: error,
                                     isReplacement: draw.withdrawn != nil)
        }
        let pending = draws.contains { ["queued", "running", "committed"].contains($0.status) }
        let seedKnown = draw.status == "committed" && now >= draw.seedNotBefore
        let mayAbandon = pending && !seedKnown && gate.may(draw.withdrawn == nil ? .draw : .recordRefusal)
        let waiting = panel.filter { $0.refusedAt != nil && $0.replacedInDraw == nil }
        let replacements = draws.filter { $0.withdrawn != nil }.map { replacement($0, files: files[$0.id], panel: panel, draws: draws) }
        return DrawPage(
            title: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConventionPaths.item.url(slug, id), selfURL: ConventionPaths.draw.url(slug, id),
            statusText: text(draw.withdrawn == nil ? "convention_draw_status_\(draw.status)" : "convention_replacement_status_\(draw.status)"),
            statusCode: draw.status,
            announcement: [fact("convention_draw_seed_source", draw.seedSource),
                           fact("convention_draw_seed_not_before", date(draw.seedNotBefore) ?? "")],
            isRunning: running, progress: progress, hasProgress: !progress.isEmpty,
            failure: draw.status == "failed" ? failure(draw) : nil, commitment: commitment,
            proofURL: shown.map { proofURL($0) }, pick: pick,
            result: first.flatMap { $0.status == "drawn" ? result(draw: $0, files: files, draws: draws, panel: panel) : nil },
            replacements: replacements, hasReplacements: !replacements.isEmpty,
            abandonAction: mayAbandon ? ConventionPaths.drawAbandon.url(slug, id) : nil,
            replaceAction: !pending && !waiting.isEmpty && gate.may(.recordRefusal) ? ConventionPaths.replacement.url(slug, id) : nil,
            replaceHelp: waiting.isEmpty ? nil : pages.plural("convention_replacement_waiting", count: waiting.count, context, format: format))
    }

    func manifest(_ files: ConventionDrawFiles?) -> DrawManifest? { files?.manifest.flatMap { try? DrawManifest.read($0) } }

    func proofURL(_ draw: ConventionDrawRecord) -> String {
        "\(ConventionPaths.drawProof.url(gate.council.slug, gate.record.id))?draw=\(draw.number)"
    }

    func commitmentModel(_ draw: ConventionDrawRecord, _ manifest: DrawManifest) -> DrawPage.Commitment {
        DrawPage.Commitment(
            hash: manifest.commitment, committedAt: date(draw.committedAt) ?? "",
            facts: [fact("convention_draw_pool_size", format.number(manifest.poolSize)),
                    fact("convention_draw_panel_size", format.number(manifest.panelSize)),
                    fact("convention_draw_tickets", format.number(manifest.tickets ?? 0)),
                    fact("convention_draw_optimal_minimum", format.percent(manifest.optimalMinimumProbability ?? 0, digits: 3)),
                    fact("convention_draw_lottery_minimum", format.percent(manifest.minimumProbability, digits: 3)),
                    fact("convention_draw_rounding", text(manifest.roundingWithinOneTicket == true ? "convention_draw_rounding_within"
                                                                                                   : "convention_draw_rounding_beyond"))])
    }

    /// Replacement draws are numbered among themselves (1, 2...), whatever first draws failed before.
    func replacementNumber(_ draw: ConventionDrawRecord, in draws: [ConventionDrawRecord]) -> Int {
        draws.filter { $0.withdrawn != nil && $0.number <= draw.number }.count
    }

    func replacement(_ draw: ConventionDrawRecord, files: ConventionDrawFiles?, panel: [PanelMemberRecord],
                     draws: [ConventionDrawRecord]) -> DrawPage.ReplacementDraw {
        let seated = panel.filter { $0.drawId == draw.id }.map(\.reference)
        return DrawPage.ReplacementDraw(
            heading: text("convention_replacement_heading", ["number": format.number(replacementNumber(draw, in: draws))]),
            status: text("convention_replacement_status_\(draw.status)"),
            facts: [fact("convention_replacement_withdrawn", format.list(draw.withdrawnReferences))]
                + (seated.isEmpty ? [] : [fact("convention_replacement_seated", format.list(seated))])
                + (draw.seed.map { [fact("convention_draw_seed", $0)] } ?? [])
                + (draw.commitment.map { [fact("convention_draw_commitment_heading", $0)] } ?? []),
            proofURL: draw.status == "committed" || draw.status == "drawn" ? proofURL(draw) : nil)
    }

    func failure(_ draw: ConventionDrawRecord) -> DrawPage.Failure {
        failure(key: draw.errorKey ?? "convention_draw_failed_engine", detail: DrawFailure.detail(draw.errorDetail))
    }

    /// Why no lottery can be computed, in the reader's language: the criteria whose quotas conflict and the smallest
    /// change to them that lets a panel exist.
    func failure(key: String, detail: DrawFailure.Detail?) -> DrawPage.Failure {
        let criteria = gate.stored
        func criterionName(_ key: String) -> String {
            criteria.first { $0.key == key }.map { pages.localized($0.name, context.language, councilDefault: gate.council.language).text } ?? key
        }
        func valueName(_ criterion: String, _ key: String) -> String {
            criteria.first { $0.key == criterion }?.values.first { $0.key == key }
                .map { pages.localized($0.name, context.language, councilDefault: gate.council.language).text } ?? key
        }
        var message = text(key)
        if let detail, !detail.criteria.isEmpty {
            message = text("convention_draw_failed_infeasible", ["criteria": format.list(detail.criteria.map(criterionName))])
        }
        let changes = (detail?.changes ?? []).flatMap { change -> [String] in
            var sentences: [String] = []
            let names = ["criterion": criterionName(change.criterion), "value": valueName(change.criterion, change.value)]
            if change.min.count == 2, change.min[0] != change.min[1] {
                sentences.append(text("convention_draw_relax_min", names.merging(["from": format.number(change.min[0]), "to": format.number(change.min[1])]) { $1 }))
            }
            if change.max.count == 2, change.max[0] != change.max[1] {
                sentences.append(text("convention_draw_relax_max", names.merging(["from": format.number(change.max[0]), "to": format.number(change.max[1])]) { $1 }))
            }
            return sentences
        }
        return DrawPage.Failure(message: message, changes: changes, hasChanges: !changes.isEmpty)
    }

    func result(draw: ConventionDrawRecord, files: [Int64: ConventionDrawFiles], draws: [ConventionDrawRecord],
                panel: [PanelMemberRecord]) -> DrawPage.Result {
        let own = files[draw.id]
        let probabilities = (own?.probabilitiesCsv).flatMap { try? CSVTable(text: $0, file: ProofFiles.probabilities) }?
            .rows.compactMap { $0.fields.count > 1 ? Double($0.fields[1]) : nil } ?? []
        let sorted = probabilities.sorted()
        let median = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let chart = ProbabilityChart.svg(probabilities: probabilities, title: text("convention_draw_chart_title"), id: "probabilities-chart",
                                         percent: { format.percent($0, digits: 2) }, count: { format.number($0) })
        let seated = panel.filter { $0.refusedAt == nil }.count
        return DrawPage.Result(
            seed: draw.seed ?? "", drawnAt: date(draw.drawnAt) ?? "",
            facts: [fact("convention_draw_ticket", format.number(manifest(own)?.ticket ?? 0)),
                    fact("convention_draw_probability_min", format.percent(sorted.first ?? 0, digits: 2)),
                    fact("convention_draw_probability_median", format.percent(median, digits: 2)),
                    fact("convention_draw_probability_max", format.percent(sorted.last ?? 0, digits: 2))],
            chart: chart, panel: rows(draws: draws, files: files, members: panel),
            panelCount: pages.plural("convention_panel_count", count: seated, context, format: format))
    }

    /// Everyone drawn, with their values as published (`panel.csv` of the draw that seated them) named in the reader's
    /// language, and whether they declined or were drawn as a replacement.
    func rows(draws: [ConventionDrawRecord], files: [Int64: ConventionDrawFiles], members: [PanelMemberRecord]) -> DrawPage.Panel {
        let criteria = gate.stored
        let language = context.language, councilDefault = gate.council.language
        let headers = criteria.map { pages.localized($0.name, language, councilDefault: councilDefault) }
        var values: [String: [LocalizedView]] = [:]
        for draw in draws where draw.status == "drawn" {
            guard let text = files[draw.id]?.panelCsv, let table = try? CSVTable(text: text, file: ProofFiles.panel) else { continue }
            let columns = criteria.map { criterion in table.header.firstIndex(of: criterion.key) }
            for row in table.rows {
                values[row.fields.first ?? ""] = zip(criteria, columns).map { criterion, column in
                    let key = column.flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? ""
                    return criterion.values.first { $0.key == key }.map { pages.localized($0.name, language, councilDefault: councilDefault) }
                        ?? LocalizedView(text: key, lang: nil, dir: nil, fallback: false, fallbackNote: nil, missing: false)
                }
            }
        }
        let numberOf = Dictionary(draws.map { ($0.id, replacementNumber($0, in: draws)) }, uniquingKeysWith: { first, _ in first })
        let mayRecord = gate.may(.recordRefusal)
        let rows = members.map { member in
            var state = text("convention_panel_seated")
            if let replacedBy = member.replacedInDraw, let number = numberOf[replacedBy] {
                state = text("convention_panel_replaced", ["number": format.number(number)])
            } else if member.refusedAt != nil {
                state = text("convention_panel_declined")
            } else if let number = numberOf[member.drawId], draws.first(where: { $0.id == member.drawId })?.withdrawn != nil {
                state = text("convention_panel_replacement", ["number": format.number(number)])
            }
            return DrawPage.PanelRow(reference: member.reference, values: values[member.reference] ?? [], state: state,
                                     refuseAction: mayRecord && member.refusedAt == nil
                                         ? ConventionPaths.refusal.url(gate.council.slug, gate.record.id) : nil,
                                     refuseLabel: text("convention_panel_record_refusal_of", ["reference": member.reference]))
        }
        return DrawPage.Panel(headers: headers, rows: rows, mayRecord: mayRecord)
    }
}
