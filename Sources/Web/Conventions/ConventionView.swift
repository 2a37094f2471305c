import Conventions
import Foundation
import HemicycleDomain
import Storage

/// Builds a convention's page model from what was loaded, in the reader's language.
struct ConventionView {
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

    var language: Language { context.language }

    func localized(_ text: LocalizedText) -> LocalizedView {
        pages.localized(text, language, councilDefault: gate.council.language)
    }

    func quotaText(_ quota: Quota) -> String {
        quota.min == quota.max ? format.number(quota.min)
            : pages.text("convention_quota_range", context, ["min": format.number(quota.min), "max": format.number(quota.max)])
    }

    /// Forms that failed, with their message (and what was typed in the criteria form).
    struct Errors {
        var definition: (message: String, values: [String: String])?
        var criteria: (message: String, text: String)?
        var quotas: String?
        var pool: String?
    }

    /// - Parameter households: the pool's distinct households, when the convention takes one person per household.
    func model(works: [WorkRecord], poolCount: Int, valueCounts: [Int64: Int], households: Int? = nil, errors: Errors = Errors()) -> ConventionPage {
        let council = gate.council, record = gate.record, plan = gate.plan
        let derivedQuotas = plan.derivedQuotas
        let criteria = gate.stored.enumerated().map { c, criterion in
            ConventionPage.Criterion(name: localized(criterion.name), values: criterion.values.enumerated().map { v, value in
                let quota = plan.quotas[c][v], derived = derivedQuotas[c][v]
                return ConventionPage.Value(
                    name: localized(value.name), populationShare: format.percent(value.populationShare),
                    idealSeats: format.decimal(plan.idealSeats(criterion: c, value: v)), quota: quotaText(quota),
                    derived: derived == quota ? nil : pages.text("convention_quota_derived", context, ["quota": quotaText(derived)]),
                    minName: "min_\(value.id)", maxName: "max_\(value.id)", min: "\(quota.min)", max: "\(quota.max)")
            })
        }
        let linked = record.workId.flatMap { id in works.first { $0.id == id } }
        return ConventionPage(
            title: localized(record.title), mandate: record.mandate.isEmpty ? nil : localized(record.mandate),
            status: pages.text("convention_status_\(record.status)", context), statusCode: record.status,
            work: linked.map { LinkView(url: WorkPaths.item.url(council.slug, $0.id), label: localized($0.title)) },
            panel: pages.plural("convention_panel_size", count: record.panelSize, context, format: format),
            tolerance: record.tolerance > 0 ? pages.text("convention_tolerance_sentence", context, ["tolerance": format.percent(record.tolerance)]) : nil,
            onePerHousehold: record.onePerHousehold, criteria: criteria, hasCriteria: !criteria.isEmpty,
            pool: gate.may(.seeVolunteers) ? pool(count: poolCount, valueCounts: valueCounts, households: households, error: errors.pool) : nil,
            staff: gate.actor.council.isSecretariat ? staff(works: works, poolCount: poolCount, errors: errors) : nil)
    }

    func pool(count: Int, valueCounts: [Int64: Int], households: Int?, error: String?) -> ConventionPage.Pool {
        let council = gate.council
        // The report reads the counts per value from SQL; each volunteer has one value per criterion.
        let counts = gate.stored.map { $0.values.map { valueCounts[$0.id] ?? 0 } }
        let report = PoolReport(plan: gate.plan, counts: counts, poolSize: count, households: households)
        let criteria = gate.stored.enumerated().map { c, criterion in
            let rows = report.rows[c]
            let values = zip(criterion.values, rows).map { value, row in
                ConventionPage.PoolValue(
                    name: localized(value.name), poolCount: format.number(row.poolCount), poolShare: format.percent(row.poolShare),
                    populationShare: format.percent(row.populationShare), idealSeats: format.decimal(row.idealSeats),
                    quota: quotaText(row.quota), short: row.poolCount < row.quota.min)
            }
            let chart = PoolChart.svg(
                rows: zip(criterion.values, rows).map { value, row in
                    PoolChart.Row(label: localized(value.name).text, populationShare: row.populationShare, poolShare: row.poolShare,
                                  populationText: format.percent(row.populationShare), poolText: format.percent(row.poolShare))
                },
                title: pages.text("convention_pool_chart_title", context, ["criterion": localized(criterion.name).text]),
                legend: (pages.text("convention_population", context), pages.text("convention_pool", context)),
                id: "pool-chart-\(criterion.id)")
            return ConventionPage.PoolCriterion(name: localized(criterion.name), values: values, chart: chart)
        }
        return ConventionPage.Pool(
            count: pages.plural("convention_pool_count", count: count, context, format: format),
            problems: report.problems.map(problemText), hasProblems: !report.problems.isEmpty, criteria: criteria,
            volunteersURL: ConventionPaths.volunteers.url(council.slug, gate.record.id),
            quotaCheckURL: gate.may(.managePool) && !gate.stored.isEmpty && count > 0 ? ConventionPaths.quotaCheck.url(council.slug, gate.record.id) : nil,
            importAction: gate.may(.managePool) && !gate.stored.isEmpty ? ConventionPaths.pool.url(council.slug, gate.record.id) : nil,
            importError: error, uploadLimit: format.byteCount(Int64(PoolImportRoutes.maximumFileBytes)))
    }

    /// Distinct households among volunteers, by address and postcode as duplicates are found (a volunteer without an
    /// address is a household of their own).
    static func households(_ volunteers: [VolunteerRecord]) -> Int {
        var keys: Set<String> = []
        var alone = 0
        for volunteer in volunteers {
            if let key = Duplicates.householdKey(address: volunteer.address, postcode: volunteer.postcode) { keys.insert(key) } else { alone += 1 }
        }
        return keys.count + alone
    }

    func problemText(_ problem: PoolReport.Problem) -> String {
        func name(_ criterion: String, _ value: String) -> (String, String) {
            guard let c = gate.plan.criteria.firstIndex(where: { $0.key == criterion }), let v = gate.plan.criteria[c].index(of: value) else {
                return (criterion, value)
            }
            return (localized(gate.plan.criteria[c].name).text, localized(gate.plan.criteria[c].values[v].name).text)
        }
        switch problem {
        case .poolSmallerThanPanel(let pool, let panel):
            return pages.text(problem.key, context, ["pool": format.number(pool), "panel": format.number(panel)])
        case .tooFewHouseholds(let households, let panel):
            return pages.text(problem.key, context, ["households": format.number(households), "panel": format.number(panel)])
        case .tooFewWithValue(let criterion, let value, let available, let minimum):
            let (c, v) = name(criterion, value)
            return pages.text(problem.key, context, ["criterion": c, "value": v, "available": format.number(available), "minimum": format.number(minimum)])
        case .tooFewWithoutValue(let criterion, let value, let available, let needed):
            let (c, v) = name(criterion, value)
            return pages.text(problem.key, context, ["criterion": c, "value": v, "available": format.number(available), "needed": format.number(needed)])
        }
    }

    func staff(works: [WorkRecord], poolCount: Int, errors: Errors) -> ConventionPage.Staff {
        let slug = gate.council.slug, id = gate.record.id
        let openBlocked: String? = gate.may(.openRegistration) && (try? gate.plan.validate()) == nil
            ? pages.text("convention_open_needs_criteria", context) : nil
        return ConventionPage.Staff(
            definition: gate.may(.editDefinition)
                ? definitionForm(action: ConventionPaths.definition.url(slug, id), works: works,
                                 values: errors.definition?.values ?? Self.formValues(gate.definition), error: errors.definition?.message)
                : nil,
            criteriaAction: gate.may(.editCriteria(poolIsEmpty: poolCount == 0)) ? ConventionPaths.criteria.url(slug, id) : nil,
            criteriaText: errors.criteria?.text ?? (gate.stored.isEmpty ? "" : CriteriaFile.write(gate.plan.criteria, forSpreadsheet: false)),
            criteriaError: errors.criteria?.message, criteriaCSV: ConventionPaths.criteriaCSV.url(slug, id),
            quotasAction: gate.may(.editQuotas) && !gate.stored.isEmpty ? ConventionPaths.quotas.url(slug, id) : nil,
            quotasError: errors.quotas,
            openRegistrationAction: gate.may(.openRegistration) && openBlocked == nil ? ConventionPaths.openRegistration.url(slug, id) : nil,
            openRegistrationBlocked: openBlocked)
    }

    func definitionForm(action: String, works: [WorkRecord], values: [String: String], error: String?) -> ConventionDefinitionForm {
        ConventionDefinitionForm(
            action: action, values: values,
            works: works.map { SelectOption(value: "\($0.id)", label: localized($0.title).text, selected: values["work"] == "\($0.id)") },
            onePerHousehold: values["one_per_household"] == "on", error: error)
    }

    static func formValues(_ definition: ConventionDefinition) -> [String: String] {
        var values = definition.title.formValues("title").merging(definition.mandate.formValues("mandate")) { $1 }
        values["panel_size"] = "\(definition.panelSize)"
        values["tolerance"] = Self.percentText(definition.tolerance)
        values["work"] = definition.workID.map { "\($0)" } ?? ""
        if definition.onePerHousehold { values["one_per_household"] = "on" }
        return values
    }

    /// A tolerance as the form shows it: a percentage without trailing zeros ("10", "12.5").
    static func percentText(_ fraction: Double) -> String {
        let percent = (fraction * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent))" : "\(percent)"
    }
}
