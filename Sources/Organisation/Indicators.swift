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

    public static func parse(_ text: String) -> Int64? {
        var digits = text.filter { !$0.isWhitespace && $0 != "'" }
        var negative = false
        if digits.hasPrefix("-") || digits.hasPrefix("\u{2212}") {
            negative = true
            digits.removeFirst()
        } else if digits.hasPrefix("+") {
            digits.removeFirst()
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
/// statistics offices publish it (`TIME_PERIOD`, `OBS_VALUE`, the series' dimensions and attributes), holding one
/// annual series. Every line is checked before any value is kept.
public enum IndicatorSeriesFile {
    public struct Point: Sendable, Equatable {
        public let year: Int
        public let milli: Int64
        public let line: Int
    }

    /// SDMX-CSV columns that describe the file or an observation, not which series it belongs to.
    static let notDimensions: Set<String> = ["DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "TIME_PERIOD", "OBS_VALUE",
                                             "UNIT_MULT", "DECIMALS", "CONF_STATUS", "COMMENT", "TITLE", "UNIT_MEASURE_NAME", "LAST UPDATE"]

    public static func read(_ text: String) throws(IndicatorFileError) -> [Point] {
        let table: CSVTable
        do { table = try CSVTable(text: text, file: "values.csv") } catch { throw IndicatorFileError("indicator_file_error_unreadable", line: error.line, column: error.column) }
        // SDMX-CSV with labels writes "FREQ: Frequency"; the code is what counts.
        let names = table.header.map { String($0.split(separator: ":").first ?? "").trimmingSpaces.uppercased() }
        let sdmx = names.contains("TIME_PERIOD") && names.contains("OBS_VALUE")
        let yearColumn: Int, valueColumn: Int
        if sdmx {
            yearColumn = names.firstIndex(of: "TIME_PERIOD") ?? 0
            valueColumn = names.firstIndex(of: "OBS_VALUE") ?? 0
        } else {
            let lower = names.map { $0.lowercased() }
            guard let year = lower.firstIndex(where: { ["year", "année", "annee", "السنة"].contains($0) }),
                  let value = lower.firstIndex(where: { ["value", "valeur", "القيمة"].contains($0) }) else {
                throw IndicatorFileError("indicator_file_error_columns", line: 1, column: 1)
            }
            yearColumn = year
            valueColumn = value
        }
        let dimensions = sdmx ? names.indices.filter { !notDimensions.contains(names[$0]) && !names[$0].hasPrefix("OBS_") } : []
        var series: [String]?, seen: [Int: Int] = [:], points: [Point] = []
        for row in table.rows {
            func field(_ index: Int) -> String { index < row.fields.count ? row.fields[index].trimmingSpaces : "" }
            func code(_ index: Int) -> String { String(field(index).split(separator: ":").first ?? "").trimmingSpaces }
            let key = dimensions.map(code)
            if let series, series != key {
                let differs = dimensions.indices.first { series[$0] != key[$0] } ?? 0
                throw IndicatorFileError("indicator_file_error_series", line: row.line, column: table.position(of: dimensions[differs], in: row),
                                         ["dimension": names[dimensions[differs]]])
            }
            series = key
            let period = field(yearColumn)
            // An annual period: "2023", or SDMX's "2023-A1".
            let yearText = period.hasSuffix("-A1") ? String(period.dropLast(3)) : period
            guard yearText.count == 4, let year = Int(yearText), (1900...2100).contains(year) else {
                throw IndicatorFileError("indicator_file_error_period", line: row.line, column: table.position(of: yearColumn, in: row), ["period": period])
            }
            let raw = field(valueColumn)
            // A missing observation ("", "NaN", ":" as Eurostat writes it) is not a value.
            if raw.isEmpty || raw == "NaN" || raw == ":" || raw == "..", sdmx { continue }
            guard let milli = IndicatorNumber.parse(raw) else {
                throw IndicatorFileError("indicator_file_error_value", line: row.line, column: table.position(of: valueColumn, in: row), ["value": raw])
            }
            if let first = seen[year] {
                throw IndicatorFileError("indicator_file_error_duplicate", line: row.line, column: table.position(of: yearColumn, in: row),
                                         ["year": String(year), "first": String(first)])
            }
            seen[year] = row.line
            points.append(Point(year: year, milli: milli, line: row.line))
        }
        guard !points.isEmpty else { throw IndicatorFileError("indicator_file_error_empty", line: 1, column: 1) }
        return points.sorted { $0.year < $1.year }
    }
}
