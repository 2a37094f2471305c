import Consultations
import Foundation
import HemicycleDomain
import Storage

/// The consultation form's fields, read and checked.
enum ConsultationInput {
    static let maximumDescriptionLength = 8_000
    /// The longest a consultation may stay open.
    static let maximumDuration = 2 * 365 * 86_400.0

    static func values(_ form: Form) -> [String: String] {
        var values = form.localized("title").formValues("title").merging(form.localized("description").formValues("description")) { $1 }
        for name in ["work", "opens_at", "closes_at", "participation", "moderation", "minimum_age", "residences"] { values[name] = form[name] ?? "" }
        if form.text("council_list") == "1" { values["council_list"] = "on" }
        for language in Language.allCases where form.all("languages").contains(language.rawValue) { values["language_\(language.rawValue)"] = "on" }
        for (name, _) in ConsultationModules.all where form.all("modules").contains(name) { values["module_\(name)"] = "on" }
        return values
    }

    static func formValues(_ record: ConsultationRecord, zone: TimeZone) -> [String: String] {
        var values = record.title.formValues("title").merging(record.description.formValues("description")) { $1 }
        values["work"] = record.workId.map { "\($0)" } ?? ""
        values["opens_at"] = WorkPageModel.inputDate(record.opensAt, in: zone)
        values["closes_at"] = WorkPageModel.inputDate(record.closesAt, in: zone)
        values["participation"] = record.participation
        values["moderation"] = record.moderation
        values["minimum_age"] = record.minimumAge.map { "\($0)" } ?? ""
        values["residences"] = record.residences.joined(separator: "\n")
        if record.councilList { values["council_list"] = "on" }
        for code in record.languages.split(separator: ",") { values["language_\(code)"] = "on" }
        let modules = ConsultationModules(rawValue: record.modules)
        for (name, module) in ConsultationModules.all where modules.contains(module) { values["module_\(name)"] = "on" }
        return values
    }

    static func parse(_ form: Form, zone: TimeZone) throws -> ConsultationDefinition {
        let title = try Validate.localizedName(form.localized("title"), field: "title")
        let description = form.localized("description")
        guard description.values.values.allSatisfy({ $0.count <= maximumDescriptionLength }) else {
            throw ValidationFailure(field: "description", key: "consultation_error_description_length")
        }
        let languages = Language.allCases.map(\.rawValue).filter { form.all("languages").contains($0) }
        guard !languages.isEmpty, form.all("languages").allSatisfy({ Language(rawValue: $0) != nil }) else {
            throw ValidationFailure(field: "languages", key: "consultation_error_languages")
        }
        var modules = ConsultationModules()
        for name in form.all("modules") {
            guard let module = ConsultationModules.all.first(where: { $0.name == name })?.module else {
                throw ValidationFailure(field: "modules", key: "consultation_error_modules")
            }
            modules.insert(module)
        }
        guard !modules.isEmpty else { throw ValidationFailure(field: "modules", key: "consultation_error_modules") }
        guard let participation = form.text("participation").flatMap(ParticipationMode.init(rawValue:)) else {
            throw ValidationFailure(field: "participation", key: "consultation_error_participation")
        }
        guard let moderation = form.text("moderation").flatMap(ModerationMode.init(rawValue:)) else {
            throw ValidationFailure(field: "moderation", key: "consultation_error_moderation")
        }
        guard let opens = WorkActionRoutes.date(form.text("opens_at"), in: zone),
              let closes = WorkActionRoutes.date(form.text("closes_at"), in: zone), opens < closes, closes - opens <= maximumDuration else {
            throw ValidationFailure(field: "closes_at", key: "consultation_error_dates")
        }
        let requirements = try requirements(form, participation: participation)
        let workID: Int64?
        if let work = form.text("work") {
            guard let id = Int64(work) else { throw ValidationFailure(field: "work", key: "consultation_error_work") }
            workID = id
        } else {
            workID = nil
        }
        return ConsultationDefinition(title: title, description: description, workID: workID, languages: languages, modules: modules.rawValue,
                                      participation: participation.rawValue, moderation: moderation.rawValue, opensAt: opens, closesAt: closes,
                                      minimumAge: requirements.minimumAge, residences: requirements.residences, councilList: requirements.councilList)
    }

    /// What a consultation open to verified people asks; none for the other modes, which ignore the fields.
    static func requirements(_ form: Form, participation: ParticipationMode) throws -> ParticipationRequirements {
        guard participation == .verified else { return ParticipationRequirements() }
        var requirements = ParticipationRequirements(councilList: form.text("council_list") == "1")
        if let age = form.text("minimum_age") {
            guard let value = Int(age), ParticipationRequirements.ages.contains(value) else {
                throw ValidationFailure(field: "minimum_age", key: "consultation_error_minimum_age")
            }
            requirements.minimumAge = value
        }
        guard let residences = StatementText.lines(form["residences"] ?? "", longest: ParticipationRequirements.longestResidence,
                                                   most: ParticipationRequirements.mostResidences) else {
            throw ValidationFailure(field: "residences", key: "consultation_error_residences")
        }
        requirements.residences = residences
        return requirements
    }
}
