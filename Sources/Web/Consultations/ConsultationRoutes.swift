import Consultations
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The consultations' list, a new consultation, its definition and its publication.
struct ConsultationRoutes {
    let services: ConsultationServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.list, use: list)
        council.get(ConsultationPaths.new, use: newConsultation)
        council.post(ConsultationPaths.list, use: create)
        council.get(ConsultationPaths.edit, use: editForm)
        council.post(ConsultationPaths.edit, use: edit)
        council.post(ConsultationPaths.publish, use: publish)
    }

    static func mayCreate(_ actor: CouncilActor) -> Decision {
        ConsultationRules.decide(.create, by: ConsultationActor(actor), phase: .draft)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let actor = ConsultationActor(scope.actor)
        let includeDrafts = ConsultationRules.decide(.see, by: actor, phase: .draft).isAllowed
        let now = services.clock.now().timeIntervalSince1970
        let format = Formatting(language: context.language, council: council)
        let rows = try await services.consultations.all(councilID: council.id, includeDrafts: includeDrafts).map { record in
            let phase = ConsultationGate.schedule(record).phase(at: now)
            return ConsultationListPage.Row(
                url: ConsultationPaths.item.url(council.slug, record.id),
                title: pages.localized(record.title, context.language, councilDefault: council.language),
                phase: pages.text("consultation_phase_\(phase.rawValue)", context), phaseCode: phase.rawValue,
                dates: Self.dates(record, format: format, pages: pages, context: context))
        }
        let staff = Self.mayCreate(scope.actor).isAllowed
        let model = ConsultationListPage(rows: rows, hasRows: !rows.isEmpty, newURL: staff ? ConsultationPaths.new.url(council.slug) : nil,
                                         importURL: staff ? ConsultationPaths.importPolis.url(council.slug) : nil,
                                         listURL: staff ? ConsultationPaths.participantList.url(council.slug) : nil)
        return try await pages.page("consultations", title: pages.text("consultations_title", context), request: request, context: context,
                                    council: council, typed: model)
    }

    /// "Open from … to …", in the council's time zone.
    static func dates(_ record: ConsultationRecord, format: Formatting, pages: Pages, context: AppContext) -> String {
        pages.text("consultation_dates", context, [
            "opens": format.dateTime(Date(timeIntervalSince1970: record.opensAt)),
            "closes": format.dateTime(Date(timeIntervalSince1970: record.closesAt)),
        ])
    }

    @Sendable func newConsultation(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(Self.mayCreate(scope.actor), context)
        let zone = scope.council.zone
        let now = services.clock.now().timeIntervalSince1970
        let values = [
            "opens_at": WorkPageModel.inputDate(now + 86_400, in: zone), "closes_at": WorkPageModel.inputDate(now + 30 * 86_400, in: zone),
            "participation": ParticipationMode.anyone.rawValue, "moderation": ModerationMode.beforePublication.rawValue,
            "language_\(scope.council.language.rawValue)": "on", "module_statements": "on",
        ]
        let form = try await self.form(context, council: scope.council, heading: "consultation_new_title", action: ConsultationPaths.list.url(scope.slug),
                                        submit: "consultation_new_submit", values: values, error: nil)
        return try await pages.page("consultation-form", title: pages.text("consultation_new_title", context), request: request, context: context,
                                    council: scope.council, typed: form)
    }

    /// The definition form, with the council's works to link and the choices checked as `values` say.
    func form(_ context: AppContext, council: Council, heading: String, action: String, submit: String, values: [String: String],
              error: String?) async throws -> ConsultationForm {
        let works = try await services.works.all(councilID: council.id, statuses: WorkStatus.allCases.map(\.rawValue), kind: nil)
        func choice(_ name: String, _ value: String, _ label: String) -> ConsultationForm.Choice {
            let checked = name == "languages" || name == "modules" ? values["\(name == "languages" ? "language" : "module")_\(value)"] == "on"
                : values[name] == value
            return ConsultationForm.Choice(value: value, label: label, checked: checked, id: "\(name)-\(value)")
        }
        return ConsultationForm(
            heading: pages.text(heading, context), action: action, submit: pages.text(submit, context), values: values,
            works: works.map {
                SelectOption(value: "\($0.id)", label: pages.localized($0.title, context.language, councilDefault: council.language).text,
                             selected: values["work"] == "\($0.id)")
            },
            languages: Language.allCases.map { choice("languages", $0.rawValue, pages.text("language_\($0.rawValue)", context)) },
            modules: ConsultationModules.all.map { choice("modules", $0.name, pages.text("consultation_module_\($0.name)", context)) },
            participation: ParticipationMode.allCases.map { choice("participation", $0.rawValue, pages.text("consultation_participation_\($0.rawValue)", context)) },
            moderation: ModerationMode.allCases.map { choice("moderation", $0.rawValue, pages.text("consultation_moderation_\($0.rawValue)", context)) },
            zoneNote: pages.text("consultation_zone_note", context, ["zone": council.timeZone]), error: error)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(Self.mayCreate(scope.actor), context)
        let values = ConsultationInput.values(context.form)
        let failure: String
        do {
            let definition = try ConsultationInput.parse(context.form, zone: scope.council.zone)
            let id = try await services.consultations.create(councilID: scope.council.id, definition, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(ConsultationPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let error as ValidationFailure {
            failure = error.key
        } catch StoreError.notFound {
            failure = "consultation_error_work"
        }
        let form = try await self.form(context, council: scope.council, heading: "consultation_new_title", action: ConsultationPaths.list.url(scope.slug),
                                       submit: "consultation_new_submit", values: values, error: pages.text(failure, context))
        return try await pages.page("consultation-form", title: pages.text("consultation_new_title", context), request: request, context: context,
                                    council: scope.council, typed: form, status: .unprocessableContent).response(from: request, context: context)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.edit), context)
        let form = try await self.form(context, council: gate.council, heading: "consultation_edit_title",
                                       action: ConsultationPaths.edit.url(gate.council.slug, gate.record.id), submit: "save",
                                       values: ConsultationInput.formValues(gate.record, zone: gate.council.zone), error: nil)
        return try await pages.page("consultation-form", title: pages.text("consultation_edit_title", context), request: request, context: context,
                                    council: gate.council, typed: form)
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.edit), context)
        let failure: String
        do {
            let definition = try ConsultationInput.parse(context.form, zone: gate.council.zone)
            try await gate.write(conflict: "consultation_conflict_synthesis") {
                try await services.consultations.update(id: gate.record.id, councilID: gate.council.id, definition)
            }
            return .redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
        } catch let error as ValidationFailure {
            failure = error.key
        } catch let error as PageError where error.status == .notFound && context.form.text("work") != nil {
            failure = "consultation_error_work"
        }
        let form = try await self.form(context, council: gate.council, heading: "consultation_edit_title",
                                       action: ConsultationPaths.edit.url(gate.council.slug, gate.record.id), submit: "save",
                                       values: ConsultationInput.values(context.form), error: pages.text(failure, context))
        return try await pages.page("consultation-form", title: pages.text("consultation_edit_title", context), request: request, context: context,
                                    council: gate.council, typed: form, status: .unprocessableContent).response(from: request, context: context)
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.publish), context)
        try await gate.write(conflict: "consultation_conflict_published") {
            try await services.consultations.publish(id: gate.record.id, councilID: gate.council.id)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
    }
}
