import CSVFormat

/// Reads a pool and its quotas from the two formats in use:
/// - the replication format of Flanigan et al. (`categories.csv`: `category,feature,min,max`, where "feature" is
///   the value; `respondents.csv`: one column per category, no id column);
/// - the Sortition Foundation format (`features.csv`: `feature,value,min,max[,min_flex,max_flex]`, with the aliases
///   `category` for `feature` and `name` or `category value` for `value`; `candidates.csv` with an id column).
/// People files without an id column give ids `p0`, `p1`... by row.
public struct InstanceReader: Sendable {
    /// Name of the id column in the people file; when nil, a column named `id` or ending in `_id` is used if any.
    public var idColumn: String?
    /// Columns that together give a household's address; when set, at most one person per household sits.
    public var householdColumns: [String]

    public init(idColumn: String? = nil, householdColumns: [String] = []) {
        self.idColumn = idColumn
        self.householdColumns = householdColumns
    }

    public func read(people: String, peopleFile: String, quotas: String, quotasFile: String,
                     panelSize: Int) throws(InterchangeError) -> SortitionInstance {
        let categories = try Self.readQuotas(CSVTable(text: quotas, file: quotasFile))
        let volunteers = try readPeople(CSVTable(text: people, file: peopleFile), categories: categories)
        return SortitionInstance(categories: categories, people: volunteers, panelSize: panelSize,
                                 onePerHousehold: !householdColumns.isEmpty)
    }

    static func readQuotas(_ table: CSVTable) throws(InterchangeError) -> [QuotaCategory] {
        let header = table.header.map { $0.lowercased() }
        func index(_ names: String...) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        let categoryIndex: Int, valueIndex: Int
        if let value = index("value", "name", "category value") {
            guard let category = index("feature", "category") else {
                throw InterchangeError(file: table.file, line: 1, column: 1, message: "missing column \"feature\" (the category)")
            }
            (categoryIndex, valueIndex) = (category, value)
        } else if let category = index("category"), let value = index("feature") {
            (categoryIndex, valueIndex) = (category, value)
        } else {
            throw InterchangeError(file: table.file, line: 1, column: 1,
                                   message: "expected the columns category,feature,min,max or feature,value,min,max (found \(table.header.joined(separator: ",")))")
        }
        guard let minColumn = index("min") else { throw InterchangeError(file: table.file, line: 1, column: 1, message: "missing column \"min\"") }
        guard let maxColumn = index("max") else { throw InterchangeError(file: table.file, line: 1, column: 1, message: "missing column \"max\"") }
        let minFlexColumn = index("min_flex"), maxFlexColumn = index("max_flex")

        var categories: [QuotaCategory] = []
        for row in table.rows {
            func field(_ column: Int, _ name: String) throws(InterchangeError) -> String {
                guard column < row.fields.count, !row.fields[column].trimmingSpaces.isEmpty else {
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: min(column, row.fields.count), in: row),
                                           message: "missing value for \"\(name)\"")
                }
                return row.fields[column].trimmingSpaces
            }
            let categoryName = try field(categoryIndex, "category")
            let valueName = try field(valueIndex, "value")
            let low = try table.integer(row, minColumn, name: "min"), high = try table.integer(row, maxColumn, name: "max")
            guard low >= 0 else {
                throw InterchangeError(file: table.file, line: row.line, column: table.position(of: minColumn, in: row), message: "the minimum cannot be negative")
            }
            guard low <= high else {
                throw InterchangeError(file: table.file, line: row.line, column: table.position(of: maxColumn, in: row),
                                       message: "the maximum (\(high)) is below the minimum (\(low)) for \(categoryName)=\(valueName)")
            }
            func optional(_ column: Int?, _ name: String) throws(InterchangeError) -> Int? {
                guard let column, column < row.fields.count, !row.fields[column].trimmingSpaces.isEmpty else { return nil }
                return try table.integer(row, column, name: name)
            }
            let value = QuotaValue(name: valueName, min: low, max: high,
                                   minFlex: try optional(minFlexColumn, "min_flex"), maxFlex: try optional(maxFlexColumn, "max_flex"))
            if let c = categories.firstIndex(where: { $0.name == categoryName }) {
                guard !categories[c].values.contains(where: { $0.name == valueName }) else {
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: valueIndex, in: row),
                                           message: "\(categoryName)=\(valueName) is listed twice")
                }
                categories[c].values.append(value)
            } else {
                categories.append(QuotaCategory(name: categoryName, values: [value]))
            }
        }
        guard !categories.isEmpty else { throw InterchangeError(file: table.file, line: 2, column: 1, message: "no quotas in the file") }
        return categories
    }

    func readPeople(_ table: CSVTable, categories: [QuotaCategory]) throws(InterchangeError) -> [Volunteer] {
        func find(_ name: String) -> Int? {
            table.header.firstIndex(of: name) ?? table.header.firstIndex { $0.lowercased() == name.lowercased() }
        }
        var columns: [Int] = []
        for category in categories {
            guard let column = find(category.name) else {
                throw InterchangeError(file: table.file, line: 1, column: 1,
                                       message: "missing column \"\(category.name)\" (a category of the quotas; columns: \(table.header.joined(separator: ", ")))")
            }
            columns.append(column)
        }
        let idIndex: Int?
        if let idColumn {
            guard let found = find(idColumn) else {
                throw InterchangeError(file: table.file, line: 1, column: 1, message: "missing id column \"\(idColumn)\"")
            }
            idIndex = found
        } else {
            idIndex = table.header.firstIndex { $0.lowercased() == "id" } ?? table.header.firstIndex { $0.lowercased().hasSuffix("_id") }
        }
        var householdIndices: [Int] = []
        for name in householdColumns {
            guard let found = find(name) else {
                throw InterchangeError(file: table.file, line: 1, column: 1, message: "missing address column \"\(name)\"")
            }
            householdIndices.append(found)
        }
        var people: [Volunteer] = []
        var seen: [String: Int] = [:]
        for (number, row) in table.rows.enumerated() {
            let id: String
            if let idIndex {
                id = idIndex < row.fields.count ? row.fields[idIndex].trimmingSpaces : ""
                guard !id.isEmpty else {
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: min(idIndex, row.fields.count), in: row), message: "missing id")
                }
                if let first = seen[id] {
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: idIndex, in: row),
                                           message: "id \"\(id)\" is already used on line \(first)")
                }
                seen[id] = row.line
            } else {
                id = "p\(number)"
            }
            var values: [Int] = []
            for (c, column) in columns.enumerated() {
                let text = column < row.fields.count ? row.fields[column].trimmingSpaces : ""
                guard let value = categories[c].values.firstIndex(where: { $0.name == text }) else {
                    let known = categories[c].values.map(\.name).joined(separator: ", ")
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: min(column, row.fields.count), in: row),
                                           message: text.isEmpty ? "missing value for \"\(categories[c].name)\" (one of: \(known))"
                                               : "\"\(text)\" is not a value of \(categories[c].name) in the quotas (one of: \(known))")
                }
                values.append(value)
            }
            let address = householdIndices.map { $0 < row.fields.count ? row.fields[$0].trimmingSpaces.lowercased() : "" }
            let household = address.allSatisfy(\.isEmpty) ? nil : address.joined(separator: "\u{1F}")
            people.append(Volunteer(id: id, values: values, household: household))
        }
        return people
    }
}
