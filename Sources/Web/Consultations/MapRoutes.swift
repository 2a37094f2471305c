import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import OpinionMap
import Storage

/// The map page: what the background worker computed last (never computed on the request), the groups and what
/// sets each apart, what most agree on, what divides, and every statement shown with its figures. With JavaScript,
/// the map section refreshes itself every few seconds.
struct MapRoutes {
    let services: ConsultationServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.map, use: page)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        let council = gate.council, id = gate.record.id
        let format = Formatting(language: context.language, council: council)
        let statements = try await gate.statements(services)
            .filter { (StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: gate.moderation) }
        let textOf = Dictionary(uniqueKeysWithValues: statements.map { ($0.number, $0.text) })
        let stored = try await services.snapshots.snapshot(consultationID: id, maps: services.maps)
        let snapshot = stored?.snapshot
        func share(_ part: Int, _ whole: Int) -> String { format.percent(whole > 0 ? Double(part) / Double(whole) : 0) }
        let groups = (snapshot?.groups.count ?? 0) < 2 ? [] : (snapshot?.groups ?? []).enumerated().compactMap { index, group -> ConsultationMapPage.Group? in
            guard group.size >= MapSnapshot.minimumGroupSize else { return nil }
            return ConsultationMapPage.Group(
                label: pages.text("consultation_map_group", context, ["group": MapSVG.groupLabel(index)]),
                size: pages.plural("consultation_map_group_size", count: group.size, context, format: format),
                leanings: group.leanings.compactMap { leaning in
                    textOf[leaning.statement].map {
                        pages.text(leaning.agrees ? "consultation_map_group_agrees" : "consultation_map_group_disagrees", context,
                                   ["statement": $0, "share": share(leaning.count, leaning.seen)])
                    }
                })
        }
        let consensus = (snapshot?.consensusAgree ?? []).compactMap { textOf[$0] }
        let divisive = (snapshot?.divisive ?? []).compactMap { textOf[$0] }
        func list() -> [ConsultationMapPage.Listed] {
            statements.map { statement in
                let tally = snapshot?.tally(statement.number) ?? (agree: 0, disagree: 0, pass: 0)
                return ConsultationMapPage.Listed(text: statement.text, figures: pages.text("consultation_map_statement_figures", context, [
                    "agree": format.number(tally.agree), "disagree": format.number(tally.disagree), "pass": format.number(tally.pass),
                ]))
            }
        }
        let listed = stored.map {
            services.snapshots.listed(consultationID: id, computedAt: $0.computedAt, version: gate.record.statementsVersion,
                                      language: format.localeIdentifier, make: list)
        } ?? list()
        let model = ConsultationMapPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: council.language),
            backURL: ConsultationPaths.item.url(council.slug, id),
            counts: pages.plural("consultation_counts", count: snapshot?.participants ?? 0, context, format: format,
                                 ["votes": format.number(snapshot?.votes ?? 0)]),
            updated: stored.map { pages.text("consultation_map_updated", context, ["time": format.dateTime(Date(timeIntervalSince1970: $0.computedAt))]) },
            svg: stored.flatMap { stored in
                stored.snapshot.picture.map {
                    services.snapshots.svg(consultationID: id, computedAt: stored.computedAt, picture: $0,
                                           title: pages.text("consultation_map_svg_title", context), id: "consultation-map-title")
                }
            },
            groups: groups, hasGroups: !groups.isEmpty, consensus: consensus, hasConsensus: !consensus.isEmpty, divisive: divisive,
            hasDivisive: !divisive.isEmpty, statements: listed, hasStatements: !listed.isEmpty, source: gate.record.source)
        return try await pages.page("consultation-map", title: pages.text("consultation_map_title", context), request: request, context: context,
                                    council: council, typed: model)
    }
}
