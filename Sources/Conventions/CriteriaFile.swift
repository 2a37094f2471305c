import Foundation
import CSVFormat
import HemicycleDomain

/// Criteria written as CSV, one line per value: `criterion,value,share`, and optionally the names shown to people in
/// each language (`criterion_fr`, `criterion_ar`, `criterion_en`, `value_fr`, `value_ar`, `value_en`). A share is a
/// fraction (`0.516`) or a percentage (`51.6%`). Values of a criterion may be on any lines; criteria keep the order
/// in which they first appear.
public enum CriteriaFile {
    public static func read(_ text: String) throws(FileError) -> [Criterion] {
        let table = try CSVTable.reading(text, file: "criteria.csv")
        let columns = table.columnsByName
        func required(_ name: String) throws(FileError) -> Int {
            guard let index = columns[name] else { throw FileError("convention_file_error_missing_column", line: 1, column: 1, ["column": name]) }
            return index
        }
        let criterionColumn = try required("criterion"), valueColumn = try required("value"), shareColumn = try required("share")
        func names(_ prefix: String, _ row: CSVTable.Row) -> [Language: String] {
            var names: [Language: String] = [:]
            for language in [Language.fr, .ar, .en] {
                if let index = columns["\(prefix)_\(language.rawValue)"], !table.field(row, index).isEmpty {
                    names[language] = unneutralised(table.field(row, index))
                }
            }
            return names
        }
        var criteria: [Criterion] = []
        var criterionIndex: [String: Int] = [:]
        var valueKeys: [Set<String>] = []
        for row in table.rows {
            func at(_ index: Int) -> Int { table.position(of: min(index, row.fields.count), in: row) }
            let criterionKey = unneutralised(table.field(row, criterionColumn)), valueKey = unneutralised(table.field(row, valueColumn))
            for (index, key, column) in [(criterionColumn, criterionKey, "criterion"), (valueColumn, valueKey, "value")] where !Criteria.isValidKey(key) {
                throw FileError(key.isEmpty ? "convention_file_error_empty_field" : "convention_file_error_invalid_key",
                                line: row.line, column: at(index), ["column": column, "text": key])
            }
            let rawShare = table.field(row, shareColumn)
            guard let share = parseShare(rawShare) else {
                throw FileError("convention_file_error_share", line: row.line, column: at(shareColumn), ["text": rawShare])
            }
            var criterionNames = names("criterion", row)
            if criterionNames.isEmpty { criterionNames[.fr] = criterionKey }
            var valueNames = names("value", row)
            if valueNames.isEmpty { valueNames[.fr] = valueKey }
            let value = CriterionValue(key: valueKey, name: LocalizedText(valueNames), populationShare: share)
            // Keys are told apart without regard to case, as pool files are read.
            if let index = criterionIndex[criterionKey.lowercased()] {
                guard valueKeys[index].insert(valueKey.lowercased()).inserted else {
                    throw FileError("convention_file_error_duplicate_value", line: row.line, column: at(valueColumn),
                                    ["criterion": criterionKey, "value": valueKey])
                }
                criteria[index].values.append(value)
            } else {
                criterionIndex[criterionKey.lowercased()] = criteria.count
                valueKeys.append([valueKey.lowercased()])
                criteria.append(Criterion(key: criterionKey, name: LocalizedText(criterionNames), values: [value]))
            }
        }
        return criteria
    }

    /// A key as written before a spreadsheet saw it: the downloaded file prefixes `'` to a field starting with
    /// `= + - @` so that spreadsheets show it as text (`'-25` is the value `-25`).
    static func unneutralised(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first, "=+-@".unicodeScalars.contains(second) else { return field }
        return String(field.dropFirst())
    }

    /// `0.516`, `51.6%` or `51,6 %` as a fraction in 0…1; nil otherwise.
    static func parseShare(_ text: String) -> Double? {
        var text = text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
        var scale = 1.0
        if text.hasSuffix("%") {
            text.removeLast()
            scale = 100
        }
        guard let number = Double(text), number.isFinite else { return nil }
        let share = number / scale
        return (0...1).contains(share) ? share : nil
    }

    /// The criteria written back in the same format: for a download, with fields that a spreadsheet would take for a
    /// formula shown as text (`forSpreadsheet`, which `read` undoes); for the page's form, as they are.
    public static func write(_ criteria: [Criterion], forSpreadsheet: Bool = true) -> String {
        var writer = CSVWriter(header: ["criterion", "value", "share", "criterion_fr", "criterion_ar", "criterion_en",
                                        "value_fr", "value_ar", "value_en"], neutralisesFormulas: forSpreadsheet)
        for criterion in criteria {
            for value in criterion.values {
                writer.append([criterion.key, value.key, "\(value.populationShare)",
                               criterion.name[.fr] ?? "", criterion.name[.ar] ?? "", criterion.name[.en] ?? "",
                               value.name[.fr] ?? "", value.name[.ar] ?? "", value.name[.en] ?? ""])
            }
        }
        return writer.text
    }
}
