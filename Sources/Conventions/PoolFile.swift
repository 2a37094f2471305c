import CSVFormat

/// A volunteer read from a pool file: their reference in the file, their value (index) for each criterion, and what
/// they gave to be reached.
public struct PoolEntry: Sendable, Equatable {
    public var reference: String
    public var values: [Int]
    public var identity: VolunteerIdentity
    /// The line of the file it was read from.
    public var line: Int

    public init(reference: String, values: [Int], identity: VolunteerIdentity, line: Int) {
        self.reference = reference
        self.values = values
        self.identity = identity
        self.line = line
    }
}

/// A pool of volunteers as polling institutes deliver it and `hemicycle draw` reads it: one line per person, one
/// column per criterion (named by the criterion's key) holding the value's key, and optionally `id` (or a column
/// ending in `_id`), `name`, `email`, `phone`, `birth_date`, `address` and `postcode`. Column names and values are
/// matched without regard to case or surrounding spaces. Other columns are ignored (data minimisation: nothing is
/// kept that the draw and the contact do not need).
public enum PoolFile {
    /// The largest pool a file may hold.
    public static let maximumVolunteers = 100_000

    /// - Parameter unnamedPrefix: a volunteer on a line without an id is known as this prefix and the line's number
    ///   (give each import its own, so a second file without ids does not collide with the first).
    public static func read(_ text: String, criteria: [Criterion], unnamedPrefix: String = "line-") throws(FileError) -> [PoolEntry] {
        let table = try CSVTable.reading(text, file: "pool.csv")
        let columns = table.columnsByName
        var criterionColumns: [Int] = []
        for criterion in criteria {
            guard let index = columns[criterion.key.lowercased()] else {
                throw FileError("convention_file_error_missing_criterion", line: 1, column: 1, ["criterion": criterion.key])
            }
            criterionColumns.append(index)
        }
        guard table.rows.count <= maximumVolunteers else {
            throw FileError("convention_file_error_too_many", line: table.rows[maximumVolunteers].line, column: 1,
                            ["limit": "\(maximumVolunteers)"])
        }
        // `id`, else a column naming the person (`person_id`, `respondent_id`…), else the only column ending in
        // `_id`; never a criterion's (an `interviewer_id` beside a `person_id` does not name the volunteers).
        let isCriterion = Set(criterionColumns)
        let named = ["person_id", "respondent_id", "candidate_id", "volunteer_id", "participant_id"].compactMap { columns[$0] }
        let endingInID = table.header.indices.filter { table.header[$0].lowercased().hasSuffix("_id") }
        let idColumn = ([columns["id"]].compactMap { $0 } + named + (endingInID.count == 1 ? endingInID : []))
            .first { !isCriterion.contains($0) }
        let lookups = criteria.map { criterion in
            Dictionary(criterion.values.enumerated().map { ($0.element.key.lowercased(), $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        func optional(_ row: CSVTable.Row, _ name: String) -> String? {
            guard let index = columns[name] else { return nil }
            let text = table.field(row, index)
            return text.isEmpty ? nil : text
        }
        var entries: [PoolEntry] = []
        var references: [String: Int] = [:]
        entries.reserveCapacity(table.rows.count)
        for row in table.rows {
            var values: [Int] = []
            for (c, column) in criterionColumns.enumerated() {
                let text = table.field(row, column)
                guard let value = lookups[c][text.lowercased()] else {
                    throw FileError(text.isEmpty ? "convention_file_error_missing_value" : "convention_file_error_unknown_value",
                                    line: row.line, column: table.position(of: min(column, row.fields.count), in: row),
                                    ["criterion": criteria[c].key, "text": text])
                }
                values.append(value)
            }
            let reference = idColumn.map { table.field(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "\(unnamedPrefix)\(row.line)"
            if let line = references[reference] {
                throw FileError("convention_file_error_duplicate_reference", line: row.line, column: idColumn.map { table.position(of: $0, in: row) } ?? 1,
                                ["text": reference, "first": "\(line)"])
            }
            references[reference] = row.line
            let identity = VolunteerIdentity(
                name: optional(row, "name") ?? "", email: optional(row, "email"), phone: optional(row, "phone"),
                birthDate: optional(row, "birth_date"), address: optional(row, "address"), postcode: optional(row, "postcode"))
            entries.append(PoolEntry(reference: reference, values: values, identity: identity, line: row.line))
        }
        return entries
    }
}
