import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The secretariat's forms that prepare a convention: its definition, criteria, quotas, and opening registration.
/// Each route asks the rules itself, and the store checks the convention's status again in the transaction that
/// writes, so two requests read against the same state cannot both change it.
struct ConventionFormRoutes {
    let services: ConventionServices
    let pages: Pages
    let routes: ConventionRoutes

    func register(in council: PathRegistrar) {
        council.post(ConventionPaths.definition, use: updateDefinition)
        council.post(ConventionPaths.criteria, use: replaceCriteria)
        council.post(ConventionPaths.quotas, use: setQuotas)
        council.post(ConventionPaths.openRegistration, use: openRegistration)
    }

    static let editable = [ConventionStatus.preparing, .registration].map(\.rawValue)

    func back(_ gate: ConventionGate, _ anchor: String) -> Response {
        .redirect(to: SiteURL.with(ConventionPaths.item.url(gate.council.slug, gate.record.id), notice: "saved") + "#\(anchor)", type: .normal)
    }

    /// A change that lost a race with another (the convention moved on meanwhile) is told as such.
    func storing(_ body: () async throws -> Void) async throws {
        do { try await body() } catch StoreError.stateChanged { throw PageError(.conflict, "convention_conflict_changed") }
    }

    @Sendable func updateDefinition(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.editDefinition), context)
        do {
            let definition = try ConventionDefinitionInput.parse(context.form)
            // A new panel size or tolerance derives the quotas again from the shares.
            var quotas: [Int64: (min: Int, max: Int)] = [:]
            if (definition.panelSize != gate.record.panelSize || definition.tolerance != gate.record.tolerance), !gate.stored.isEmpty {
                let plan = try QuotaPlan.derive(criteria: gate.plan.criteria, panelSize: definition.panelSize, tolerance: definition.tolerance)
                for (c, criterion) in gate.stored.enumerated() {
                    for (v, value) in criterion.values.enumerated() { quotas[value.id] = (plan.quotas[c][v].min, plan.quotas[c][v].max) }
                }
            }
            try await storing {
                try await services.conventions.update(id: gate.record.id, councilID: gate.council.id, definition, whileIn: Self.editable,
                                                      quotas: quotas)
            }
            return back(gate, "definition")
        } catch let failure as ValidationFailure {
            return try await failed(gate, request, context, ConventionView.Errors(
                definition: (pages.text(failure.key, context), ConventionDefinitionInput.values(context.form))))
        } catch let error as CriteriaError {
            return try await failed(gate, request, context, ConventionView.Errors(
                definition: (criteriaMessage(error, context), ConventionDefinitionInput.values(context.form))))
        } catch StoreError.notFound {
            return try await failed(gate, request, context, ConventionView.Errors(
                definition: (pages.text("convention_error_work", context), ConventionDefinitionInput.values(context.form))))
        }
    }

    @Sendable func replaceCriteria(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        let poolCount = try await services.conventions.volunteerCount(conventionID: gate.record.id)
        try pages.require(gate.decide(.editCriteria(poolIsEmpty: poolCount == 0)), context)
        let text = context.form["criteria"] ?? ""
        do {
            let criteria = try CriteriaFile.read(text)
            let plan = try QuotaPlan.derive(criteria: criteria, panelSize: gate.record.panelSize, tolerance: gate.record.tolerance)
            let stored = criteria.enumerated().map { c, criterion in
                NewCriterion(key: criterion.key, name: criterion.name, values: criterion.values.enumerated().map { v, value in
                    NewCriterion.Value(key: value.key, name: value.name, populationShare: value.populationShare,
                                       quotaMin: plan.quotas[c][v].min, quotaMax: plan.quotas[c][v].max)
                })
            }
            try await storing {
                try await services.conventions.replaceCriteria(conventionID: gate.record.id, councilID: gate.council.id, stored,
                                                               whileIn: Self.editable)
            }
            return back(gate, "criteria")
        } catch let error as FileError {
            return try await failed(gate, request, context, ConventionView.Errors(criteria: (fileMessage(error, context), text)))
        } catch let error as CriteriaError {
            return try await failed(gate, request, context, ConventionView.Errors(criteria: (criteriaMessage(error, context), text)))
        }
    }

    @Sendable func setQuotas(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.editQuotas), context)
        guard !gate.stored.isEmpty else { throw PageError(.conflict, "convention_open_needs_criteria") }
        let form = context.form
        var plan = gate.plan
        do {
            if form.text("derive") != nil {
                plan = try QuotaPlan.derive(criteria: plan.criteria, panelSize: plan.panelSize, tolerance: plan.tolerance)
            } else {
                // Every quota first, then the plan as a whole: moving seats between values is one edit.
                var quotas: [[Quota]] = []
                for criterion in gate.stored {
                    var row: [Quota] = []
                    for value in criterion.values {
                        guard let min = form.text("min_\(value.id)").flatMap({ Int($0) }), let max = form.text("max_\(value.id)").flatMap({ Int($0) })
                        else { throw CriteriaError.quotaOutOfRange(criterion: criterion.key, value: value.key) }
                        row.append(Quota(min: min, max: max))
                    }
                    quotas.append(row)
                }
                try plan.setQuotas(quotas)
            }
            try plan.validate()
        } catch let error as CriteriaError {
            return try await failed(gate, request, context, ConventionView.Errors(quotas: criteriaMessage(error, context)))
        }
        var quotas: [Int64: (min: Int, max: Int)] = [:]
        for (c, criterion) in gate.stored.enumerated() {
            for (v, value) in criterion.values.enumerated() { quotas[value.id] = (plan.quotas[c][v].min, plan.quotas[c][v].max) }
        }
        try await storing {
            try await services.conventions.setQuotas(conventionID: gate.record.id, councilID: gate.council.id, quotas, whileIn: Self.editable,
                                                     panelSize: gate.record.panelSize, tolerance: gate.record.tolerance)
        }
        return back(gate, "quotas")
    }

    @Sendable func openRegistration(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.openRegistration), context)
        guard (try? gate.plan.validate()) != nil else { throw PageError(.conflict, "convention_open_needs_criteria") }
        try await storing {
            try await services.conventions.openRegistration(id: gate.record.id, councilID: gate.council.id)
        }
        return back(gate, "top")
    }

    func failed(_ gate: ConventionGate, _ request: Request, _ context: AppContext, _ errors: ConventionView.Errors) async throws -> Response {
        try await routes.render(gate, request: request, context: context, errors: errors, status: .unprocessableContent)
            .response(from: request, context: context)
    }

    /// A criteria error as a sentence naming the criterion (and value) in the reader's language.
    func criteriaMessage(_ error: CriteriaError, _ context: AppContext) -> String {
        var values: [String: String] = [:]
        switch error {
        case .noCriteria, .tooManyCriteria: break
        case .panelSizeOutOfRange(let size): values["size"] = "\(size)"
        case .duplicateCriterion(let c), .criterionWithoutValues(let c), .invalidKey(let c), .tooManyValues(let c): values["criterion"] = c
        case .duplicateValue(let c, let v), .shareOutOfRange(let c, let v), .minimumAboveMaximum(let c, let v),
             .quotaOutOfRange(let c, let v), .unknownValue(let c, let v):
            values["criterion"] = c
            values["value"] = v
        case .sharesDoNotAddUp(let c, let total):
            values["criterion"] = c
            values["total"] = Formatting(language: context.language).percent(total)
        case .minimumsExceedPanel(let c, let total), .maximumsBelowPanel(let c, let total):
            values["criterion"] = c
            values["total"] = "\(total)"
        }
        return pages.text(error.key, context, values)
    }

    /// A file error as a sentence with its line and column.
    func fileMessage(_ error: FileError, _ context: AppContext) -> String {
        let format = Formatting(language: context.language)
        let detail = pages.text(error.key, context, error.values)
        return pages.text("convention_file_error_at", context, ["line": format.number(error.line), "column": format.number(error.column),
                                                               "detail": detail])
    }
}
