import Organisation
import Testing

/// An indicator's yearly values read from what people and statistics offices write, in thousandths, every faulty line
/// named with its column.
@Suite struct IndicatorSeriesFileTests {
    @Test(arguments: [("65.3", 65_300), ("65,3", 65_300), ("-1.25", -1_250), ("1 234.5", 1_234_500), ("12", 12_000), ("0.0004", 0), ("0.0005", 1),
                      ("2.1999", 2_200), ("+3", 3_000)] as [(String, Int64)])
    func numbersAreReadInThousandths(text: String, milli: Int64) {
        #expect(IndicatorNumber.parse(text) == milli, "\(text)")
    }

    @Test func unreadableNumbersAreRefused() {
        for text in ["", "abc", "1.2.3", "1,2,3", "12.", ".5", "1e3", "--2", "9999999999999999", "1,234", "1.5,2"] {
            #expect(IndicatorNumber.parse(text) == nil, "\(text)")
        }
        #expect(IndicatorNumber.parse("٦٥٫٣") == 65_300 && IndicatorNumber.parse("65,3", decimalComma: false) == nil)
        #expect(IndicatorNumber.plain(65_300) == "65.3" && IndicatorNumber.plain(-1_250) == "-1.25" && IndicatorNumber.plain(12_000) == "12")
    }

    @Test func twoColumnsInFrenchOrEnglish() throws {
        let points = try IndicatorSeriesFile.read("année,valeur\n2021,\"65,3\"\n2020,64.9\n").points
        #expect(points.map(\.year) == [2020, 2021] && points.map(\.milli) == [64_900, 65_300])
        // As a spreadsheet in French saves it: semicolons, decimal commas.
        let semicolons = try IndicatorSeriesFile.read("\u{FEFF}année;valeur\r\n2021;65,3\r\n2022;1 012,5\r\n").points
        #expect(semicolons.map(\.milli) == [65_300, 1_012_500])
    }

    /// As Eurostat's and INSEE's SDMX-CSV files are laid out: the dataflow, the series' dimensions, the period, the value
    /// and its attributes; a missing observation is skipped.
    @Test func oneSeriesInSDMXCSV() throws {
        let file = """
            DATAFLOW,freq: Time frequency,unit,sex,age,geo: Geopolitical entity,TIME_PERIOD,OBS_VALUE,OBS_FLAG
            ESTAT:LFSI_EMP_A(1.0),A,PC_POP,T,Y15-64,FR: France,2021,67.3,
            ESTAT:LFSI_EMP_A(1.0),A,PC_POP,T,Y15-64,FR: France,2022,68.1,p
            ESTAT:LFSI_EMP_A(1.0),A,PC_POP,T,Y15-64,FR: France,2023,,
            """
        let series = try IndicatorSeriesFile.read(file)
        #expect(series.points.map(\.year) == [2021, 2022] && series.points.map(\.milli) == [67_300, 68_100] && series.missing == [2023])
    }

    @Test func faultyFilesSayWhereAndWhy() {
        #expect(throws: IndicatorFileError("indicator_file_error_series", line: 3, column: 27, ["dimension": "geo"])) {
            try IndicatorSeriesFile.read("""
                DATAFLOW,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE
                ESTAT:X,A,PC_POP,T,Y15-64,FR,2021,67.3
                ESTAT:X,A,PC_POP,T,Y15-64,DE,2021,77.1
                """)
        }
        #expect(throws: IndicatorFileError("indicator_file_error_period", line: 2, column: 1, ["period": "2021-Q1"])) {
            try IndicatorSeriesFile.read("year,value\n2021-Q1,3\n")
        }
        #expect(throws: IndicatorFileError("indicator_file_error_value", line: 3, column: 6, ["value": "n/a"])) {
            try IndicatorSeriesFile.read("year,value\n2020,3\n2021,n/a\n")
        }
        #expect(throws: IndicatorFileError("indicator_file_error_duplicate", line: 3, column: 1, ["year": "2020", "first": "2"])) {
            try IndicatorSeriesFile.read("year,value\n2020,3\n2020,4\n")
        }
        #expect(throws: IndicatorFileError("indicator_file_error_columns", line: 1, column: 1)) { try IndicatorSeriesFile.read("a,b\n1,2\n") }
        #expect(throws: IndicatorFileError("indicator_file_error_empty", line: 1, column: 1)) { try IndicatorSeriesFile.read("year,value\n") }
        #expect(throws: IndicatorFileError.self) { try IndicatorSeriesFile.read("year,value\n\"2020,3\n") }
        // A decimal comma outside quotes makes a third field: refused rather than read as 65.
        #expect(throws: IndicatorFileError("indicator_file_error_fields", line: 2, column: 9, ["found": "3", "expected": "2"])) {
            try IndicatorSeriesFile.read("year,value\n2023,65,3\n")
        }
        // "1,234" may be a thousand or 1.234: refused. In SDMX-CSV the decimal mark is a point only.
        #expect(throws: IndicatorFileError.self) { try IndicatorSeriesFile.read("year;value\n2023;1,234\n") }
        #expect(throws: IndicatorFileError.self) { try IndicatorSeriesFile.read("TIME_PERIOD,OBS_VALUE\n2023,\"65,3\"\n") }
        // Values in thousands are not taken for units.
        #expect(throws: IndicatorFileError("indicator_file_error_unit_mult", line: 2, column: 11, ["power": "3"])) {
            try IndicatorSeriesFile.read("TIME_PERIOD,OBS_VALUE,UNIT_MULT\n2023,65.3,3\n")
        }
        // Another column that changes down a two-column file is another series.
        #expect(throws: IndicatorFileError("indicator_file_error_series", line: 3, column: 1, ["dimension": "geo"])) {
            try IndicatorSeriesFile.read("geo,year,value\nFR,2020,1\nDE,2021,2\n")
        }
    }
}
