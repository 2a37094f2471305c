import CSVFormat
import Foundation
import Testing
import TestRequirements
@testable import OpinionMap

/// The one-pass byte reader against a reference reader written character by character (the rules it replaces): the
/// same records, the same values, the same errors at the same line and column, on thousands of generated files made of
/// the characters that matter (commas, quotes, line breaks, carriage returns, spaces, digits, signs, accented and
/// Arabic letters).
@Suite struct CSVReaderTests {
    /// RFC 4180 read scalar by scalar, as the project's CSV reader did before it read bytes.
    enum Reference {
        struct Failure: Error, Equatable { let line: Int; let column: Int; let message: String }

        static func records(_ text: String) -> Result<[[String]], Failure> {
            var rows: [[String]] = []
            var fields: [String] = []
            var field = ""
            var inQuotes = false
            var line = 1, column = 0
            var quoteLine = 1, quoteColumn = 1
            var afterQuote = false
            var iterator = text.unicodeScalars.makeIterator()
            var pending: Unicode.Scalar?
            func next() -> Unicode.Scalar? {
                if let scalar = pending { pending = nil; return scalar }
                return iterator.next()
            }
            while let scalar = next() {
                column += 1
                if inQuotes {
                    if scalar == "\"" {
                        if let following = iterator.next() {
                            if following == "\"" { field.unicodeScalars.append("\""); column += 1 } else { inQuotes = false; afterQuote = true; pending = following }
                        } else { inQuotes = false; afterQuote = true }
                    } else {
                        if scalar == "\n" { line += 1; column = 0 }
                        field.unicodeScalars.append(scalar)
                    }
                    continue
                }
                switch scalar {
                case ",":
                    fields.append(field); field = ""; afterQuote = false
                case "\r":
                    continue
                case "\n":
                    fields.append(field); field = ""; afterQuote = false
                    rows.append(fields); fields = []
                    line += 1; column = 0
                case "\"" where field.isEmpty && !afterQuote:
                    inQuotes = true; quoteLine = line; quoteColumn = column
                default:
                    if afterQuote { return .failure(Failure(line: line, column: column, message: "unexpected character after a closing quote")) }
                    field.unicodeScalars.append(scalar)
                }
            }
            if inQuotes { return .failure(Failure(line: quoteLine, column: quoteColumn, message: "quoted field is never closed")) }
            if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(fields) }
            return .success(rows)
        }
    }

    static func read(_ text: String) -> Result<[[String]], Reference.Failure> {
        var rows: [[String]] = []
        var bytes = Array(text.utf8)
        do {
            try bytes.withUnsafeMutableBytes { raw in
                try CSVReader.forEachRecord(in: UnsafeRawBufferPointer(raw), file: "t.csv") { record in
                    rows.append((0..<record.count).map(record.string))
                    // The emptiness test agrees with the value, whatever the field's quoting.
                    for index in 0..<record.count { #expect(record.isEmpty(index) == record.string(index).isEmpty) }
                }
            }
            return .success(rows)
        } catch let error as InterchangeError {
            return .failure(Reference.Failure(line: error.line, column: error.column, message: error.message))
        } catch {
            Issue.record("unexpected error \(error)")
            return .success([])
        }
    }

    @Test func readsAsTheReferenceOnGeneratedFiles() {
        let alphabet: [String] = [",", ",", ",", "\"", "\"", "\n", "\n", "\r", "\r\n", " ", "1", "-1", "0", "a", "é", "ع", "x y"]
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let expected = Reference.records(text), actual = Self.read(text)
            if expected != actual {
                failures += 1
                if failures <= 5 { Issue.record("\(text.debugDescription): reference \(expected), reader \(actual)") }
            }
        }
        #expect(failures == 0)
    }

    @Test func readsTheCasesThatMatterByName() {
        #expect(Self.read("a,b\r\n1,\"x, \"\"y\"\"\"\r\n") == .success([["a", "b"], ["1", "x, \"y\""]]))
        #expect(Self.read("\"two\nlines\",2\n3,4") == .success([["two\nlines", "2"], ["3", "4"]]))
        #expect(Self.read("a,\"b\"c\n") == .failure(.init(line: 1, column: 6, message: "unexpected character after a closing quote")))
        #expect(Self.read("ع,\"é\n") == .failure(.init(line: 1, column: 3, message: "quoted field is never closed")))
        #expect(Self.read("") == .success([]))
        #expect(Self.read("\"\"") == .success([]))
    }

    @Test func longRecordsGrowTheReadersBuffer() {
        // The reader keeps 256 places at first and doubles them: records just under, at and past each size.
        for width in [255, 256, 257, 511, 512, 513, 10_000] {
            let row = (0..<width).map { $0 % 3 == 0 ? "" : $0 % 3 == 1 ? "\($0)" : "\"q,\($0)\"" }.joined(separator: ",")
            for text in [row + "\n" + row + "\n", row, "x\n" + row + "\r\n"] {
                #expect(Self.read(text) == Reference.records(text), "\(width) fields")
            }
        }
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstName() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("participant,vote\n1,x\n".utf8)
        var names: [String] = []
        var failure: InterchangeError?
        try bytes.withUnsafeMutableBytes { raw in
            try CSVReader.read(UnsafeRawBufferPointer(raw), file: "bom.csv") { header in
                names = header.names
            } row: { record throws(InterchangeError) in
                do throws(InterchangeError) { _ = try record.integer(1, name: "vote") } catch { failure = error }
            }
        }
        #expect(names == ["participant", "vote"])
        #expect(failure?.description == "bom.csv:2:3: \"x\" is not a whole number (vote)")
    }

    @Test func fieldsOutsideTheRecordAreEmptyAndTextIsCheckedAsUTF8() throws {
        var bytes: [UInt8] = Array("a,".utf8) + [0xC3, 0x28] + Array(",\"é\"\n".utf8)
        var checks: [Bool] = []
        var failure: InterchangeError?
        try bytes.withUnsafeMutableBytes { raw in
            try CSVReader.forEachRecord(in: UnsafeRawBufferPointer(raw), file: "u.csv") { record throws(InterchangeError) in
                checks = [record.isEmpty(-1), record.string(-1) == "", record.isEmpty(3), record.location(of: -1) == (1, 9)]
                #expect(try record.text(2) == "é")
                do throws(InterchangeError) { _ = try record.text(1) } catch { failure = error }
            }
        }
        #expect(checks == [true, true, true, true])
        #expect(failure?.description == "u.csv:1:3: the text is not UTF-8")
    }

    @Test func wholeNumbersAndTheirErrors() throws {
        var bytes = Array("n,v\n1, 42 ,\"-7\",+3,1.0,9223372036854775807,é\n".utf8)
        var values: [Int] = []
        var errors: [InterchangeError] = []
        try bytes.withUnsafeMutableBytes { raw in
            try CSVReader.forEachRecord(in: UnsafeRawBufferPointer(raw), file: "n.csv") { record throws(InterchangeError) in
                guard record.line == 2 else { return }
                for index in 0..<6 { values.append(try record.integer(index, name: "n")) }
                do throws(InterchangeError) { _ = try record.integer(6, name: "n") } catch { errors.append(error) }
                do throws(InterchangeError) { _ = try record.integer(7, name: "n") } catch { errors.append(error) }
            }
        }
        #expect(values == [1, 42, -7, 3, 1, Int.max])
        #expect(errors.map(\.description) == [
            "n.csv:2:40: \"é\" is not a whole number (n)",
            "n.csv:2:41: missing value for \"n\"",
        ])
    }
}

/// Every shared Polis export read by `PolisConversation` gives the votes the reference reader finds in its files.
@Suite struct PolisExportReadingTests {
    @Test(.enabled(if: SharedData.isAvailable)) func theSharedExportsGiveTheReferenceVotes() throws {
        try Requirement.require(SharedData.isPresent, SharedData.root.path)
        let root = SharedData.root.appendingPathComponent("polis")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(name)
            let long = folder.appendingPathComponent("votes.csv"), wide = folder.appendingPathComponent("participants-votes.csv")
            let hasLong = FileManager.default.fileExists(atPath: long.path)
            guard hasLong || FileManager.default.fileExists(atPath: wide.path) else { continue }
            let conversation = try PolisConversation.read(folder: folder)
            let rows = try CSVReaderTests.Reference.records(String(contentsOf: hasLong ? long : wide, encoding: .utf8)).get()
            let header = rows[0]
            var expected: [VoteRecord] = []
            if hasLong {
                let at = { (column: String) in header.firstIndex(of: column)! }
                for row in rows.dropFirst() where row != [""] {
                    expected.append(VoteRecord(participant: row[at("voter-id")], statement: Int(row[at("comment-id")])!,
                                               vote: Vote(rawValue: Int8(row[at("vote")])!)!, timestamp: Int64(row[at("timestamp")])!))
                }
            } else {
                let participant = header.firstIndex(of: "participant")!
                for row in rows.dropFirst() where row != [""] {
                    for (index, column) in header.enumerated() {
                        guard let statement = Int(column), index < row.count, !row[index].isEmpty else { continue }
                        expected.append(VoteRecord(participant: row[participant], statement: statement,
                                                   vote: Vote(rawValue: Int8(row[index])!)!, timestamp: 0))
                    }
                }
            }
            #expect(conversation.votes == expected, "\(name)")
            checked += 1
        }
        #expect(checked >= 10)
    }
}
