import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A person volunteers for a convention while registration is open: signed in with a verified address (each
/// account once per convention), they give the value of each criterion, how to reach them, and their consent to the
/// processing of their data and to the draw. Someone already in the pool (same address, telephone, or name and
/// date of birth, or the same household where the convention asks for one person per household) is refused.
struct RegistrationRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConventionPaths.register, use: form)
        council.post(ConventionPaths.register, use: submit)
        council.post(ConventionPaths.withdraw, use: withdraw)
    }

    /// The volunteer takes back their registration: their answers and contact details are deleted.
    @Sendable func withdraw(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        let account = try pages.requireAccount(context)
        let registered = try await services.conventions.isRegistered(conventionID: gate.record.id, accountID: account.id)
        try pages.require(gate.decide(.withdraw(isRegistered: registered)), context)
        do {
            guard try await services.conventions.removeVolunteer(conventionID: gate.record.id, councilID: gate.council.id,
                                                                 accountID: account.id, whileIn: [ConventionStatus.registration.rawValue])
            else { throw PageError(.conflict, "convention_refused_not_registered") }
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_registration_closed")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.item.url(gate.council.slug, gate.record.id), notice: "convention_withdrawn"),
                         type: .normal)
    }

    /// The rule, then a verified account: a visitor is asked to sign in, an unverified address to verify it.
    func volunteer(_ gate: ConventionGate, _ context: AppContext) throws -> Account {
        try pages.require(gate.decide(.register), context)
        let account = try pages.requireAccount(context)
        guard account.isVerified else { throw PageError(.forbidden, "convention_register_unverified") }
        return account
    }

    @Sendable func form(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConventionGate.load(services: services, context: context)
        let account = try volunteer(gate, context)
        if try await services.conventions.isRegistered(conventionID: gate.record.id, accountID: account.id) {
            throw PageError(.conflict, "convention_register_already")
        }
        return try await render(gate, request: request, context: context, values: ["name": account.displayName], error: nil)
    }

    func render(_ gate: ConventionGate, request: Request, context: AppContext, values: [String: String], error: String?,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = ConventionView(pages: pages, gate: gate, context: context)
        let model = RegistrationPage(
            title: view.localized(gate.record.title), action: ConventionPaths.register.url(gate.council.slug, gate.record.id),
            backURL: ConventionPaths.item.url(gate.council.slug, gate.record.id),
            email: context.account?.email ?? "",
            criteria: gate.stored.map { criterion in
                RegistrationPage.Question(
                    name: view.localized(criterion.name), field: "value_\(criterion.id)",
                    options: criterion.values.map { value in
                        SelectOption(value: "\(value.id)", label: view.localized(value.name).text, selected: values["value_\(criterion.id)"] == "\(value.id)")
                    })
            },
            values: values, asksAddress: gate.record.onePerHousehold, error: error)
        return try await pages.page("convention-register", title: pages.text("convention_register_title", context), request: request,
                                    context: context, council: gate.council, typed: model, status: status)
    }

    @Sendable func submit(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        let account = try volunteer(gate, context)
        let form = context.form
        var values: [String: String] = [:]
        for name in ["name", "phone", "birth_date", "address", "postcode", "consent_data", "consent_draw"] { values[name] = form[name] ?? "" }
        for criterion in gate.stored { values["value_\(criterion.id)"] = form["value_\(criterion.id)"] ?? "" }
        do {
            let name = try Validate.displayName(form.text("name"))
            var valueIDs: [Int64] = []
            for criterion in gate.stored {
                guard let id = form.text("value_\(criterion.id)").flatMap({ Int64($0) }), criterion.values.contains(where: { $0.id == id }) else {
                    throw ValidationFailure(field: "value_\(criterion.id)", key: "convention_register_answer_every_question")
                }
                valueIDs.append(id)
            }
            let phone = form.text("phone")
            if let phone, phone.count > 40 || Duplicates.normalizedPhone(phone, countryCode: nil) == nil {
                throw ValidationFailure(field: "phone", key: "convention_register_phone")
            }
            let birthDate = form.text("birth_date")
            if let birthDate, Self.isoDate(birthDate, now: services.clock.now()) == nil { throw ValidationFailure(field: "birth_date", key: "convention_register_birth_date") }
            let address = form.text("address"), postcode = form.text("postcode")
            if gate.record.onePerHousehold, address == nil || postcode == nil {
                throw ValidationFailure(field: "address", key: "convention_register_address")
            }
            for text in [address, postcode].compactMap({ $0 }) where text.count > 300 {
                throw ValidationFailure(field: "address", key: "convention_register_address")
            }
            guard form.text("consent_data") == "on", form.text("consent_draw") == "on" else {
                throw ValidationFailure(field: "consent", key: "convention_register_consent")
            }
            let volunteer = NewVolunteer(
                reference: "F-\(services.ids.next())", valueIDs: valueIDs, name: name, email: account.email, phone: phone, birthDate: birthDate,
                address: gate.record.onePerHousehold ? address : nil, postcode: gate.record.onePerHousehold ? postcode : nil, accountID: account.id)
            let identity = VolunteerIdentity(name: name, email: account.email, phone: phone, birthDate: birthDate,
                                             address: volunteer.address, postcode: volunteer.postcode)
            let onePerHousehold = gate.record.onePerHousehold, countryCode = PoolImportRoutes.callingCodes[gate.council.country]
            do {
                try await services.conventions.addVolunteers(
                    conventionID: gate.record.id, councilID: gate.council.id, [volunteer], source: "form",
                    at: services.clock.now().timeIntervalSince1970, whileIn: [ConventionStatus.registration.rawValue]
                ) { existing in
                    let people = existing.map {
                        VolunteerIdentity(name: $0.name ?? "", email: $0.email, phone: $0.phone, birthDate: $0.birthDate, address: $0.address,
                                          postcode: $0.postcode)
                    }
                    if Duplicates.find(people + [identity], onePerHousehold: onePerHousehold, countryCode: countryCode)
                        .contains(where: { $0.second == people.count }) {
                        throw PageError(.conflict, "convention_register_already")
                    }
                }
            } catch StoreError.alreadyMember {
                throw PageError(.conflict, "convention_register_already")
            } catch StoreError.stateChanged {
                throw PageError(.conflict, "convention_conflict_registration_closed")
            }
            return .redirect(to: SiteURL.with(ConventionPaths.item.url(gate.council.slug, gate.record.id), notice: "convention_registered"),
                             type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(gate, request: request, context: context, values: values, error: pages.text(failure.key, context),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// `YYYY-MM-DD` as a date input sends it, a real day between 1900 and today.
    static func isoDate(_ text: String, now: Date) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard text.count == 10, let date = formatter.date(from: text), let earliest = formatter.date(from: "1900-01-01"), date > earliest, date < now
        else { return nil }
        return date
    }
}

/// The typed model of the volunteer's registration form.
struct RegistrationPage: Encodable {
    struct Question: Encodable {
        let name: LocalizedView
        let field: String
        let options: [SelectOption]
    }

    let title: LocalizedView
    let action: String
    let backURL: String
    let email: String
    let criteria: [Question]
    let values: [String: String]
    let asksAddress: Bool
    let error: String?
}
