import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Volunteers imported from a polling institute's file: every line is checked (criteria, values, ids, people
/// registered twice, in the file or already in the pool) before any is kept, and then all are added in one
/// transaction, or none.
struct PoolImportRoutes {
    let services: ConventionServices
    let pages: Pages
    let routes: ConventionRoutes

    /// A pool of 100,000 volunteers with contact details fits under this.
    static let maximumFileBytes = 16 * 1_048_576

    func register(in council: PathRegistrar) {
        council.post(ConventionPaths.pool, use: importPool)
    }

    @Sendable func importPool(_ request: Request, context: AppContext) async throws -> Response {
        // The right is checked before a byte of the file is read.
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.managePool), context)
        guard !gate.stored.isEmpty else { throw PageError(.conflict, "convention_open_needs_criteria") }
        let upload = try await MultipartUpload.read(request, context: context, store: services.files, limit: Self.maximumFileBytes)
        guard let file = upload.file else { throw PageError(.unprocessableContent, "convention_pool_file_missing") }
        let data: Data
        do {
            _ = try file.finish()
            data = try Data(contentsOf: file.temporaryURL)
            services.files.discard(file)
        } catch {
            services.files.discard(file)
            throw error
        }
        do {
            guard let text = String(validating: data, as: UTF8.self) else {
                throw FileError("convention_file_error_encoding", line: 1, column: 1)
            }
            let now = services.clock.now().timeIntervalSince1970
            // Lines without an id are named by this import's time and their line.
            let entries = try PoolFile.read(text, criteria: gate.plan.criteria, unnamedPrefix: "\(Int64(now))-")
            let volunteers = entries.map { entry in
                NewVolunteer(reference: entry.reference, valueIDs: entry.values.enumerated().map { gate.stored[$0.offset].values[$0.element].id },
                             name: entry.identity.name.isEmpty ? nil : entry.identity.name, email: entry.identity.email,
                             phone: entry.identity.phone, birthDate: entry.identity.birthDate, address: entry.identity.address,
                             postcode: entry.identity.postcode)
            }
            do {
                let onePerHousehold = gate.record.onePerHousehold, countryCode = Self.callingCodes[gate.council.country]
                try await services.conventions.addVolunteers(conventionID: gate.record.id, councilID: gate.council.id, volunteers,
                                                             source: "import", at: now, whileIn: ConventionFormRoutes.editable) { existing in
                    try Self.checkDuplicates(entries, existing: existing, onePerHousehold: onePerHousehold, countryCode: countryCode)
                }
            } catch StoreError.stateChanged {
                throw PageError(.conflict, "convention_conflict_changed")
            } catch StoreError.alreadyMember {
                throw PageError(.conflict, "convention_pool_reference_taken")
            }
            return .redirect(to: SiteURL.with(ConventionPaths.item.url(gate.council.slug, gate.record.id), notice: "saved") + "#pool",
                             type: .normal)
        } catch let error as FileError {
            let message = ConventionFormRoutes(services: services, pages: pages, routes: routes).fileMessage(error, context)
            return try await routes.render(gate, request: request, context: context, errors: ConventionView.Errors(pool: message),
                                           status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// People registered twice in the file, or already in the pool, or (one per household) from a household already
    /// there, refuse the file at the first such line. Run in the transaction that adds them, against the pool as it is.
    static func checkDuplicates(_ entries: [PoolEntry], existing: [VolunteerRecord], onePerHousehold: Bool, countryCode: String?) throws {
        // The pool as it is, then the file's lines: a line matching an earlier one is named with it.
        let people = existing.map {
            VolunteerIdentity(name: $0.name ?? "", email: $0.email, phone: $0.phone, birthDate: $0.birthDate, address: $0.address,
                              postcode: $0.postcode)
        } + entries.map(\.identity)
        guard let match = Duplicates.find(people, onePerHousehold: onePerHousehold, countryCode: countryCode)
            .filter({ $0.second >= existing.count }).min(by: { $0.second < $1.second })
        else { return }
        let entry = entries[match.second - existing.count]
        // The first record is named by its line in the file, or by its reference when it is already in the pool.
        let first = match.first < existing.count ? existing[match.first].reference : "\(entries[match.first - existing.count].line)"
        let key = match.first < existing.count ? "convention_file_error_in_pool_\(match.reason.rawValue)" : "convention_file_error_\(match.reason.rawValue)"
        throw FileError(key, line: entry.line, column: 1, ["first": first])
    }

    /// Telephone calling codes of the councils' countries, to read national numbers.
    static let callingCodes = ["FR": "33", "MA": "212", "SN": "221", "CI": "225", "TN": "216", "DZ": "213", "BE": "32", "CA": "1"]
}
