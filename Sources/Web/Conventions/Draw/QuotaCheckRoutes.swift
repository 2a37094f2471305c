import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import NIOPosix
import Sortition
import Storage

/// The engine's check of the pool against the quotas, asked for by the secretariat before it announces the draw: one
/// solve of the panel model on the pool as it stands (under a second for thousands of volunteers), off the request's
/// threads. When no panel meets every quota together, the page names a smallest set of criteria whose quotas conflict
/// and the smallest change that lets a panel exist, as a failed draw would.
struct QuotaCheckRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConventionPaths.quotaCheck, use: page)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.managePool), context)
        let view = DrawView(pages: pages, gate: gate, context: context)
        let failure: DrawPage.Failure?
        if gate.stored.isEmpty {
            failure = DrawPage.Failure(message: view.text("convention_quota_check_no_criteria"), changes: [], hasChanges: false)
        } else {
            let instance: SortitionInstance
            do {
                instance = try DrawInstance.make(criteria: gate.stored, pool: try await services.draws.pool(conventionID: gate.record.id),
                                                 panelSize: gate.record.panelSize, onePerHousehold: gate.record.onePerHousehold)
            } catch let failed as DrawInstance.Failure {
                throw PageError(.conflict, failed.key)
            }
            let outcome: Result<Void, SortitionError> = try await NIOThreadPool.singleton.runIfActive {
                do throws(SortitionError) {
                    try QuotaCheck.check(instance)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success:
                failure = nil
            case .failure(let error):
                let (key, detail) = DrawFailure.record(error)
                // The engine's own failure is not the lottery's here.
                failure = view.failure(key: key == "convention_draw_failed_engine" ? "convention_quota_check_failed_engine" : key,
                                       detail: DrawFailure.detail(detail))
            }
        }
        let model = QuotaCheckPage(title: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
                                   backURL: ConventionPaths.item.url(gate.council.slug, gate.record.id) + "#pool", failure: failure)
        return try await pages.page("convention-quota-check", title: pages.text("convention_quota_check_title", context), request: request,
                                    context: context, council: gate.council, typed: model)
    }
}

/// The result of the engine's check: nothing to report, or why no panel meets the quotas.
struct QuotaCheckPage: Encodable {
    let title: LocalizedView
    let backURL: String
    let failure: DrawPage.Failure?
}
