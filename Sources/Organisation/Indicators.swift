import CSVFormat
import HemicycleDomain

/// Who keeps the state-of-the-nation indicators: they are public statistics; the secretariat defines them, records
/// and imports their yearly values, and annexes them to an annual report.
public enum IndicatorRules {
    public static func mayKeep(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat ? .allowed : .forbidden("indicator_refused")
    }
}

/// An indicator's value in thousandths (65.3 % is 65 300), read from what a person or a statistics office writes:
/// "65.3", "65,3", "-1.25", "1 234.5"; more than three decimals are rounded to the nearest thousandth (half away from
/// zero). Never a floating-point number on the way.
public enum IndicatorNumber {
    /// A trillion, in thousandths: statistics beyond it are written in a larger unit.
    public static let limit: Int64 = 1_000_000_000_000_000

    /// - Parameter decimalComma: whether a comma may be the decimal mark (never in SDMX, where it is a point). A lone
    ///   comma followed by exactly three digits ("1,234") is refused: English writes a thousand so, French 1.234.
    public static func parse(_ text: String, decimalComma: Bool = true) -> Int64? {
        var digits = String(text.compactMap { character -> Character? in
            if character.isWhitespace || character == "'" { return nil }
            // Arabic-Indic digits and the Arabic decimal mark, as a reader in Arabic types them.
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
                if (0x660...0x669).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0x660 + 0x30)!) }
                if (0x6F0...0x6F9).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0x6F0 + 0x30)!) }
                if scalar.value == 0x66B { return decimalComma ? "," : "." }
            }
            return character
        })
        var negative = false
        if digits.hasPrefix("-") || digits.hasPrefix("\u{2212}") {
            negative = true
            digits.removeFirst()
        } else if digits.hasPrefix("+") {
            digits.removeFirst()
        }
        if digits.contains(",") {
            guard decimalComma, !digits.contains(".") else { return nil }
            let after = digits.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
            if after.count == 3 { return nil }
        }
        let parts = digits.split(separator: digits.contains(".") ? "." : ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 15 else { return nil }
        let whole = Int64(parts[0]) ?? 0
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        guard parts.count == 1 || !fraction.isEmpty else { return nil }
        // The fourth decimal rounds the third.
        let roundUp = fraction.count > 3 && (fraction[3].wholeNumberValue ?? 0) >= 5
        fraction = Array(fraction.prefix(3)) + Array(repeating: "0", count: max(0, 3 - fraction.count))
        var milli = whole * 1000 + (Int64(String(fraction)) ?? 0) + (roundUp ? 1 : 0)
        if negative { milli = -milli }
        return abs(milli) <= limit ? milli : nil
    }

    /// Thousandths as plain text with a point and no useless zero ("65.3", "-1.25", "12"), for files.
    public static func plain(_ milli: Int64) -> String {
        let sign = milli < 0 ? "-" : "", magnitude = milli.magnitude
        let whole = magnitude / 1000, fraction = magnitude % 1000
        guard fraction > 0 else { return "\(sign)\(whole)" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(sign)\(whole).\(decimals)"
    }
}

/// A file of an indicator's yearly values that cannot be used: where (1-based line and column) and why (`key`).
public struct IndicatorFileError: Error, Sendable, Equatable {
    public let key: String
    public let line: Int
    public let column: Int
    public let values: [String: String]

    public init(_ key: String, line: Int, column: Int, _ values: [String: String] = [:]) {
        self.key = key
        self.line = line
        self.column = column
        self.values = values
    }
}

/// An indicator's yearly series read from CSV: either two columns `year,value` (or `année,valeur`), or SDMX-CSV as
/// statistics offices publish it (its dimensions before `TIME_PERIOD`, then `OBS_VALUE`, then attributes), holding one
/// annual series. Fields are separated by commas, or by semicolons (or tabs) as spreadsheets in French write them.
/// Every line is checked before any value is kept.
public enum IndicatorSeriesFile {
    public struct Point: Sendable, Equatable {
        public let year: Int
        public let milli: Int64
        public let line: Int
    }

    public struct Series: Sendable, Equatable {
        /// The values, in order of year.
        public let points: [Point]
        /// The years the file says have no value (an observation missing or withdrawn).
        public let missing: [Int]
    }

    /// SDMX-CSV columns before `TIME_PERIOD` that describe the file, not the series.
    static let notDimensions: Set<String> = ["STRUCTURE", "STRUCTURE_NAME", "ACTION", "LAST UPDATE"]

    public static func read(_ text: String) throws(IndicatorFileError) -> Series {
        // "\r\n" is one character to Swift: any line break ends the header.
        let firstLine = text.prefix { !$0.isNewline }
        let delimiter: UInt8 = !firstLine.contains(",") && firstLine.contains(";") ? UInt8(ascii: ";")
            : !firstLine.contains(",") && firstLine.contains("\t") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        let table: CSVTable
        do { table = try CSVTable(text: text, file: "values.csv", delimiter: delimiter) } catch {
            throw IndicatorFileError(error.message == "the file is empty" ? "indicator_file_error_empty" : "indicator_file_error_unreadable",
                                     line: error.line, column: error.column)
        }
        // SDMX-CSV with labels writes "FREQ: Frequency"; the code is what counts.
        let names = table.header.map { String($0.filter { $0 != "\u{FEFF}" }.split(separator: ":").first ?? "").trimmingSpaces.uppercased() }
        let sdmx = names.contains("TIME_PERIOD") && names.contains("OBS_VALUE")
        let yearColumn: Int, valueColumn: Int, keyColumns: [Int]
        if sdmx {
            yearColumn = names.firstIndex(of: "TIME_PERIOD") ?? 0
            valueColumn = names.firstIndex(of: "OBS_VALUE") ?? 0
            // The series key: the dataflow and the dimensions, every column before the period but those describing the file.
            keyColumns = names.indices.filter { $0 < yearColumn && !notDimensions.contains(names[$0]) }
        } else {
            let lower = names.map { $0.lowercased() }
            guard let year = lower.firstIndex(where: { ["year", "année", "annee", "السنة"].contains($0) }),
                  let value = lower.firstIndex(where: { ["value", "valeur", "القيمة"].contains($0) }) else {
                throw IndicatorFileError("indicator_file_error_columns", line: 1, column: 1)
            }
            yearColumn = year
            valueColumn = value
            // Any other column must say the same all the way down: one series.
            keyColumns = names.indices.filter { $0 != year && $0 != value }
        }
        let multiplier = names.firstIndex(of: "UNIT_MULT")
        var series: [String]?, seen: [Int: Int] = [:], points: [Point] = [], missing: [Int] = []
        for row in table.rows {
            guard row.fields.count == names.count else {
                throw IndicatorFileError("indicator_file_error_fields", line: row.line, column: table.position(of: min(row.fields.count, names.count), in: row),
                                         ["found": String(row.fields.count), "expected": String(names.count)])
            }
            func field(_ index: Int) -> String { row.fields[index].trimmingSpaces }
            func code(_ index: Int) -> String { String(field(index).split(separator: ":").first ?? "").trimmingSpaces }
            let key = keyColumns.map(code)
            if let series, series != key {
                let differs = keyColumns.indices.first { series[$0] != key[$0] } ?? 0
                throw IndicatorFileError("indicator_file_error_series", line: row.line, column: table.position(of: keyColumns[differs], in: row),
                                         ["dimension": table.header[keyColumns[differs]].trimmingSpaces])
            }
            series = key
            // Values in thousands or millions (UNIT_MULT 3, 6): recorded in the unit the indicator states, so refused.
            if let multiplier, !field(multiplier).isEmpty, field(multiplier) != "0" {
                throw IndicatorFileError("indicator_file_error_unit_mult", line: row.line, column: table.position(of: multiplier, in: row),
                                         ["power": field(multiplier)])
            }
            let period = field(yearColumn)
            // An annual period: "2023", or SDMX's "2023-A1".
            let yearText = period.hasSuffix("-A1") ? String(period.dropLast(3)) : period
            guard yearText.count == 4, let year = Int(yearText), (1900...2100).contains(year) else {
                throw IndicatorFileError("indicator_file_error_period", line: row.line, column: table.position(of: yearColumn, in: row),
                                         ["period": String(period.prefix(40))])
            }
            if let first = seen[year] {
                throw IndicatorFileError("indicator_file_error_duplicate", line: row.line, column: table.position(of: yearColumn, in: row),
                                         ["year": String(year), "first": String(first)])
            }
            seen[year] = row.line
            let raw = field(valueColumn)
            // A missing observation ("", "NaN", ":" as Eurostat writes it, ".." as the OECD does) is no value for that year.
            if raw.isEmpty || raw == "NaN" || raw == ":" || raw == ".." {
                missing.append(year)
                continue
            }
            guard let milli = IndicatorNumber.parse(raw, decimalComma: !sdmx) else {
                throw IndicatorFileError("indicator_file_error_value", line: row.line, column: table.position(of: valueColumn, in: row),
                                         ["value": String(raw.prefix(40))])
            }
            points.append(Point(year: year, milli: milli, line: row.line))
        }
        guard !points.isEmpty else { throw IndicatorFileError("indicator_file_error_empty", line: 1, column: 1) }
        return Series(points: points.sorted { $0.year < $1.year }, missing: missing.sorted())
    }
}
