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

    func model(draw: ConventionDrawRecord, files: ConventionDrawFiles?, panel: [PanelMemberRecord], seed: String, error: String?) -> DrawPage {
        let slug = gate.council.slug, id = gate.record.id
        let running = draw.status == "queued" || draw.status == "running"
        var progress: [DrawPage.Fact] = []
        if draw.status == "running" {
            progress = [fact("convention_draw_progress_settled", text("convention_draw_out_of", ["count": format.number(draw.progressSettled),
                                                                                                  "total": format.number(draw.progressPool)])),
                        fact("convention_draw_progress_panels", format.number(draw.progressPanels))]
        }
        let manifest = files?.manifest.flatMap { try? DrawManifest.read($0) }
        let commitment = manifest.map { manifest in
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
        var pick: DrawPage.PickForm?
        if draw.status == "committed", gate.may(.draw) {
            pick = DrawPage.PickForm(action: ConventionPaths.drawPick.url(slug, id), seed: seed, error: error)
        }
        return DrawPage(
            title: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConventionPaths.item.url(slug, id), selfURL: ConventionPaths.draw.url(slug, id),
            statusText: text("convention_draw_status_\(draw.status)"), statusCode: draw.status, isRunning: running, progress: progress,
            hasProgress: !progress.isEmpty,
            failure: draw.status == "failed" ? failure(draw) : nil, commitment: commitment,
            proofURL: commitment == nil ? nil : ConventionPaths.drawProof.url(slug, id), pick: pick,
            result: draw.status == "drawn" ? result(draw: draw, manifest: manifest, files: files, panel: panel) : nil)
    }

    func failure(_ draw: ConventionDrawRecord) -> DrawPage.Failure {
        let criteria = gate.stored
        func criterionName(_ key: String) -> String {
            criteria.first { $0.key == key }.map { pages.localized($0.name, context.language, councilDefault: gate.council.language).text } ?? key
        }
        func valueName(_ criterion: String, _ key: String) -> String {
            criteria.first { $0.key == criterion }?.values.first { $0.key == key }
                .map { pages.localized($0.name, context.language, councilDefault: gate.council.language).text } ?? key
        }
        let detail = DrawFailure.detail(draw.errorDetail)
        var message = text(draw.errorKey ?? "convention_draw_failed_engine")
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

    func result(draw: ConventionDrawRecord, manifest: DrawManifest?, files: ConventionDrawFiles?, panel: [PanelMemberRecord]) -> DrawPage.Result {
        let probabilities = (files?.probabilitiesCsv).flatMap { try? CSVTable(text: $0, file: ProofFiles.probabilities) }?
            .rows.compactMap { $0.fields.count > 1 ? Double($0.fields[1]) : nil } ?? []
        let sorted = probabilities.sorted()
        let median = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let chartTitle = text("convention_draw_chart_title")
        let chart = ProbabilityChart.svg(probabilities: probabilities, title: chartTitle, id: "probabilities-chart",
                                         percent: { format.percent($0, digits: 2) }, count: { format.number($0) })
        return DrawPage.Result(
            seed: draw.seed ?? "", drawnAt: date(draw.drawnAt) ?? "",
            facts: [fact("convention_draw_ticket", format.number(manifest?.ticket ?? 0)),
                    fact("convention_draw_probability_min", format.percent(sorted.first ?? 0, digits: 2)),
                    fact("convention_draw_probability_median", format.percent(median, digits: 2)),
                    fact("convention_draw_probability_max", format.percent(sorted.last ?? 0, digits: 2))],
            chart: chart, panel: rows(panelCSV: files?.panelCsv, members: panel),
            panelCount: pages.plural("convention_panel_count", count: panel.count, context, format: format))
    }

    /// The panel as published (`panel.csv`): each person's reference and values, named in the reader's language.
    func rows(panelCSV: String?, members: [PanelMemberRecord]) -> DrawPage.Panel {
        let criteria = gate.stored
        let headers = criteria.map { pages.localized($0.name, context.language, councilDefault: gate.council.language) }
        guard let text = panelCSV, let table = try? CSVTable(text: text, file: ProofFiles.panel) else {
            return DrawPage.Panel(headers: headers, rows: [])
        }
        let columns = criteria.map { criterion in table.header.firstIndex(of: criterion.key) }
        let rows = table.rows.map { row in
            DrawPage.PanelRow(reference: row.fields.first ?? "", values: zip(criteria, columns).map { criterion, column in
                let key = column.flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? ""
                return criterion.values.first { $0.key == key }.map { pages.localized($0.name, context.language, councilDefault: gate.council.language) }
                    ?? LocalizedView(text: key, lang: nil, dir: nil, fallback: false, fallbackNote: nil, missing: false)
            })
        }
        return DrawPage.Panel(headers: headers, rows: rows)
    }
}

/// The typed model of a convention's public draw page.
struct DrawPage: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Failure: Encodable {
        let message: String
        let changes: [String]
        let hasChanges: Bool
    }

    struct Commitment: Encodable {
        let hash: String
        let committedAt: String
        let facts: [Fact]
    }

    struct PickForm: Encodable {
        let action: String
        let seed: String
        let error: String?
    }

    struct PanelRow: Encodable {
        let reference: String
        let values: [LocalizedView]
    }

    struct Panel: Encodable {
        let headers: [LocalizedView]
        let rows: [PanelRow]
    }

    struct Result: Encodable {
        let seed: String
        let drawnAt: String
        let facts: [Fact]
        let chart: String
        let panel: Panel
        let panelCount: String
    }

    let title: LocalizedView
    let backURL: String
    let selfURL: String
    let statusText: String
    let statusCode: String
    let isRunning: Bool
    let progress: [Fact]
    let hasProgress: Bool
    let failure: Failure?
    let commitment: Commitment?
    let proofURL: String?
    let pick: PickForm?
    let result: Result?
}
