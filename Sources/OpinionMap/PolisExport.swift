import CSVFormat
import Foundation

/// A conversation read from a Polis export folder or from Polis API JSON.
public struct PolisConversation: Sendable {
    public var statements: [Statement]
    /// Statement texts by id, when known.
    public var texts: [Int: String]
    /// Polis's moderation of each statement from `comments.csv` (1 accepted, 0 not moderated, -1 rejected).
    public var moderation: [Int: Int] = [:]
    public var votes: [VoteRecord]
    /// Polis's own group of each participant (from `participants-votes.csv`), when present.
    public var polisGroups: [String: Int]
    public var topic: String?

    /// Reads `comments.csv` and `votes.csv` (or `participants-votes.csv` when `votes.csv` is absent),
    /// and `summary.csv` for the topic; or `comments.json` and `votes.json` from the Polis API.
    public static func read(folder: URL) throws -> PolisConversation {
        var files: [String: Data] = [:]
        for name in ["votes.json", "comments.json", "comments.csv", "participants-votes.csv", "votes.csv", "summary.csv"] {
            let path = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path.path) { files[name] = try Data(contentsOf: path) }
        }
        return try read(files: files, origin: folder.path)
    }

    /// The same from the files' contents by name (an upload): `comments.csv` with `votes.csv` and/or
    /// `participants-votes.csv`, `summary.csv` optional; or `comments.json` with `votes.json`. `origin` names where
    /// they come from in an error about missing files.
    public static func read(files: [String: Data], origin: String = "the export") throws -> PolisConversation {
        var conversation = PolisConversation(statements: [], texts: [:], votes: [], polisGroups: [:], topic: nil)
        if let votes = files["votes.json"] {
            guard let comments = files["comments.json"] else {
                throw InterchangeError(file: "comments.json", line: 0, column: 0, message: "votes.json needs comments.json beside it")
            }
            try conversation.readJSON(comments: comments, votes: votes)
            return conversation
        }
        if let comments = files["comments.csv"] {
            try conversation.readComments(comments)
        }
        if let wide = files["participants-votes.csv"] {
            try conversation.readParticipantsVotes(wide, keepVotes: files["votes.csv"] == nil)
        }
        if let votes = files["votes.csv"] {
            try conversation.readVotes(votes)
        }
        if let summary = files["summary.csv"] {
            let table = try CSVTable(text: "key,value\n" + String(decoding: summary, as: UTF8.self), file: "summary.csv")
            conversation.topic = table.rows.first { $0.fields.first == "topic" }?.fields.dropFirst().joined(separator: ",")
        }
        guard files["votes.csv"] != nil || files["participants-votes.csv"] != nil else {
            throw InterchangeError(file: origin, line: 0, column: 0, message: "no votes.csv, participants-votes.csv or votes.json in this folder")
        }
        return conversation
    }

    /// Reads a CSV file's bytes as a table (`CSVReader`).
    static func table(_ data: Data, file: String, header: (CSVHeader) throws(InterchangeError) -> Void,
                      row: (CSVRecord) throws(InterchangeError) -> Void) throws(InterchangeError) {
        // `withUnsafeBytes` does not carry a typed error through; the reader's error is kept and thrown after it.
        let failure = data.withUnsafeBytes { bytes -> InterchangeError? in
            do throws(InterchangeError) {
                try CSVReader.read(bytes, file: file, header: header, row: row)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// The files `read(folder:)` reads in `folder`, in the order it reads them.
    public static func readFiles(in folder: URL) -> [String] {
        let present = { (name: String) in FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }
        if present("votes.json") { return ["comments.json", "votes.json"] }
        return ["comments.csv", "participants-votes.csv", "votes.csv", "summary.csv"].filter(present)
    }

    mutating func readComments(_ data: Data) throws(InterchangeError) {
        var statements: [Statement] = [], texts: [Int: String] = [:], moderation: [Int: Int] = [:]
        var id = 0, moderated: Int?, body: Int?
        try Self.table(data, file: "comments.csv") { header throws(InterchangeError) in
            id = try header.column("comment-id")
            moderated = header.index(of: "moderated")
            body = header.index(of: "comment-body")
        } row: { row throws(InterchangeError) in
            let statement = try row.integer(id, name: "comment-id")
            let mod = try moderated.map { index throws(InterchangeError) in try row.integer(index, name: "moderated") } ?? 0
            statements.append(Statement(id: statement, isModeratedOut: mod == -1))
            moderation[statement] = mod
            if let body, body < row.count { texts[statement] = try row.text(body) }
        }
        self.statements.append(contentsOf: statements)
        self.texts.merge(texts) { _, new in new }
        self.moderation.merge(moderation) { _, new in new }
    }

    mutating func readVotes(_ data: Data) throws(InterchangeError) {
        var votes: [VoteRecord] = []
        var time = 0, statement = 0, voter = 0, vote = 0
        try Self.table(data, file: "votes.csv") { header throws(InterchangeError) in
            time = try header.column("timestamp")
            statement = try header.column("comment-id")
            voter = try header.column("voter-id")
            vote = try header.column("vote")
        } row: { row throws(InterchangeError) in
            let value = try row.integer(vote, name: "vote")
            guard (-1...1).contains(value), let parsed = Vote(rawValue: Int8(value)) else {
                let (line, column) = row.location(of: vote)
                throw InterchangeError(file: row.file, line: line, column: column,
                                       message: "vote must be 1 (agree), -1 (disagree) or 0 (pass), not \(value)")
            }
            votes.append(VoteRecord(participant: String(try row.integer(voter, name: "voter-id")),
                                    statement: try row.integer(statement, name: "comment-id"), vote: parsed,
                                    timestamp: Int64(try row.integer(time, name: "timestamp"))))
        }
        if self.votes.isEmpty { self.votes = votes } else { self.votes.append(contentsOf: votes) }
    }

    /// One row per participant: Polis's group, then one column per statement (1, -1, 0 or empty).
    mutating func readParticipantsVotes(_ data: Data, keepVotes: Bool) throws(InterchangeError) {
        var votes: [VoteRecord] = [], groups: [String: Int] = [:]
        var participant = 0, group = 0
        // The columns holding votes, in order, with the statement of each.
        var statements: [(index: Int, id: Int)] = []
        try Self.table(data, file: "participants-votes.csv") { header throws(InterchangeError) in
            participant = try header.column("participant")
            group = try header.column("group-id")
            statements = header.names.enumerated().compactMap { index, name in Int(name).map { (index, $0) } }
        } row: { row throws(InterchangeError) in
            let id = String(try row.integer(participant, name: "participant"))
            if !row.isEmpty(group) {
                groups[id] = try row.integer(group, name: "group-id")
            }
            guard keepVotes else { return }
            let count = row.count
            for (index, statement) in statements {
                guard index < count else { break }
                guard !row.isEmpty(index) else { continue }
                let value = try row.integer(index, name: "vote")
                guard (-1...1).contains(value), let parsed = Vote(rawValue: Int8(value)) else {
                    let (line, column) = row.location(of: index)
                    throw InterchangeError(file: row.file, line: line, column: column, message: "vote must be 1, -1 or 0, not \(value)")
                }
                votes.append(VoteRecord(participant: id, statement: statement, vote: parsed, timestamp: 0))
            }
        }
        if self.votes.isEmpty { self.votes = votes } else { self.votes.append(contentsOf: votes) }
        self.polisGroups.merge(groups) { _, new in new }
    }

    mutating func readJSON(comments: Data, votes data: Data) throws {
        func list(_ data: Data, file: String) throws -> [[String: Any]] {
            guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw InterchangeError(file: file, line: 1, column: 1, message: "expected a JSON array of objects")
            }
            return list
        }
        for comment in try list(comments, file: "comments.json") {
            let id = (comment["tid"] ?? comment["statement_id"]) as? Int ?? 0
            let mod = (comment["mod"] ?? comment["moderated"]) as? Int ?? 0
            statements.append(Statement(id: id, isModeratedOut: mod == -1, isMeta: comment["is_meta"] as? Bool ?? false))
            texts[id] = comment["txt"] as? String
        }
        for vote in try list(data, file: "votes.json") {
            let modified = vote["modified"]
            let timestamp = (modified as? String).flatMap { Int64($0) } ?? (modified as? Double).map { Int64($0) } ?? 0
            votes.append(VoteRecord(participant: String((vote["pid"] ?? vote["participant_id"]) as? Int ?? 0),
                                    statement: (vote["tid"] ?? vote["statement_id"]) as? Int ?? 0,
                                    vote: Vote(rawValue: Int8(clamping: vote["vote"] as? Int ?? 0)) ?? .pass, timestamp: timestamp))
        }
    }
}
