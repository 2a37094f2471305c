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
        for text in ["", "abc", "1.2.3", "1,2,3", "12.", ".5", "1e3", "--2", "9999999999999999"] { #expect(IndicatorNumber.parse(text) == nil, "\(text)") }
        #expect(IndicatorNumber.plain(65_300) == "65.3" && IndicatorNumber.plain(-1_250) == "-1.25" && IndicatorNumber.plain(12_000) == "12")
    }

    @Test func twoColumnsInFrenchOrEnglish() throws {
        let points = try IndicatorSeriesFile.read("année,valeur\n2021,\"65,3\"\n2020,64.9\n")
        #expect(points.map(\.year) == [2020, 2021] && points.map(\.milli) == [64_900, 65_300])
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
        let points = try IndicatorSeriesFile.read(file)
        #expect(points.map(\.year) == [2021, 2022] && points.map(\.milli) == [67_300, 68_100])
    }

    @Test func faultyFilesSayWhereAndWhy() {
        #expect(throws: IndicatorFileError("indicator_file_error_series", line: 3, column: 27, ["dimension": "GEO"])) {
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
    }
}
