import Conventions
import HemicycleDomain
import Testing

@Suite("Criteria and pool files, and their errors with line and column")
struct FileTests {
    static let criteriaText = """
        criterion,value,share,criterion_fr,criterion_ar,value_fr,value_ar
        sex,female,51.6%,Sexe,الجنس,Femme,امرأة
        sex,male,"48,4 %",Sexe,الجنس,Homme,رجل
        area,urban,0.8,Milieu,الوسط,Urbain,حضري
        area,rural,0.2,Milieu,الوسط,Rural,قروي

        """

    @Test("criteria with shares as fractions or percentages, names in each language, written back the same")
    func criteria() throws {
        let criteria = try CriteriaFile.read(Self.criteriaText)
        #expect(criteria.map(\.key) == ["sex", "area"])
        #expect(criteria[0].values.map(\.key) == ["female", "male"])
        #expect(abs(criteria[0].values[1].populationShare - 0.484) < 1e-12)
        #expect(criteria[0].name[.ar] == "الجنس" && criteria[1].values[1].name[.fr] == "Rural" && criteria[1].values[1].name[.en] == nil)
        #expect(try CriteriaFile.read(CriteriaFile.write(criteria)) == criteria)
        _ = try QuotaPlan.derive(criteria: criteria, panelSize: 150)
    }

    @Test("criteria file errors name the line and column")
    func criteriaErrors() {
        #expect(throws: FileError("convention_file_error_missing_column", line: 1, column: 1, ["column": "share"])) {
            try CriteriaFile.read("criterion,value\nsex,female\n")
        }
        #expect(throws: FileError("convention_file_error_share", line: 3, column: 10, ["text": "half"])) {
            try CriteriaFile.read("criterion,value,share\nsex,female,0.5\nsex,male,half\n")
        }
        #expect(throws: FileError("convention_file_error_share", line: 2, column: 12, ["text": "150%"])) {
            try CriteriaFile.read("criterion,value,share\nsex,female,150%\n")
        }
        #expect(throws: FileError("convention_file_error_duplicate_value", line: 3, column: 5, ["criterion": "sex", "value": "female"])) {
            try CriteriaFile.read("criterion,value,share\nsex,female,0.5\nsex,female,0.5\n")
        }
        #expect(throws: FileError("convention_file_error_empty_field", line: 2, column: 5, ["column": "value", "text": ""])) {
            try CriteriaFile.read("criterion,value,share\nsex,,0.5\n")
        }
        #expect(throws: FileError("convention_file_error_unreadable", line: 2, column: 5)) {
            try CriteriaFile.read("criterion,value,share\nsex,\"female,0.5\n")
        }
    }

    @Test("a pool file: criteria columns in any order and case, values by key, contact columns, ids")
    func pool() throws {
        let criteria = try CriteriaFile.read(Self.criteriaText)
        let text = """
            person_id,Area,SEX,name,email,notes
            p1,urban,female,Hélène Dupont,helene@example.fr,ignored
            p2, Rural ,Male,كريم بنعلي,,
            p3,rural,female,,,

            """
        let entries = try PoolFile.read(text, criteria: criteria)
        #expect(entries.map(\.reference) == ["p1", "p2", "p3"])
        #expect(entries.map(\.values) == [[0, 0], [1, 1], [0, 1]])
        #expect(entries[0].identity.email == "helene@example.fr" && entries[1].identity.name == "كريم بنعلي" && entries[2].identity.email == nil)
        // Without an id column, each volunteer is known by their line.
        #expect(try PoolFile.read("sex,area\nfemale,urban\n", criteria: criteria).map(\.reference) == ["line-2"])
    }

    @Test("pool file errors name the line, the column and the criterion")
    func poolErrors() throws {
        let criteria = try CriteriaFile.read(Self.criteriaText)
        #expect(throws: FileError("convention_file_error_missing_criterion", line: 1, column: 1, ["criterion": "area"])) {
            try PoolFile.read("id,sex,region\n1,female,north\n", criteria: criteria)
        }
        #expect(throws: FileError("convention_file_error_unknown_value", line: 3, column: 10, ["criterion": "area", "text": "suburban"])) {
            try PoolFile.read("id,sex,area\n1,female,urban\n2,female,suburban\n", criteria: criteria)
        }
        #expect(throws: FileError("convention_file_error_missing_value", line: 2, column: 3, ["criterion": "sex", "text": ""])) {
            try PoolFile.read("id,sex,area\n1\n", criteria: criteria)
        }
        #expect(throws: FileError("convention_file_error_duplicate_reference", line: 3, column: 1, ["text": "1", "first": "2"])) {
            try PoolFile.read("id,sex,area\n1,female,urban\n1,male,rural\n", criteria: criteria)
        }
    }

    @Test("a key a spreadsheet would take for a formula survives the downloaded file; the form's text is as typed")
    func neutralised() throws {
        let criteria = try CriteriaFile.read("criterion,value,share\nage,-25,0.3\nage,25+,0.7\n")
        let download = CriteriaFile.write(criteria)
        #expect(download.contains("'-25"))
        #expect(try CriteriaFile.read(download) == criteria)
        #expect(!CriteriaFile.write(criteria, forSpreadsheet: false).contains("'-25"))
    }

    @Test("lines without an id take the import's prefix; an interviewer's id is not the volunteer's")
    func unnamed() throws {
        let criteria = try CriteriaFile.read(Self.criteriaText)
        let entries = try PoolFile.read("sex,area\nfemale,urban\nmale,rural\n", criteria: criteria, unnamedPrefix: "1764570000-")
        #expect(entries.map(\.reference) == ["1764570000-2", "1764570000-3"])
        let named = try PoolFile.read("interviewer_id,sex,area,person_id\n7,female,urban,A\n7,male,rural,B\n", criteria: criteria)
        #expect(named.map(\.reference) == ["A", "B"])
    }
}
