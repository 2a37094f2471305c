import CSVFormat
import Foundation

/// A conversation read from a Polis export folder or from Polis API JSON.
public struct PolisConversation: Sendable {
    public var statements: [Statement]
    /// Statement texts by id, when known.
    public var texts: [Int: String]
    public var votes: [VoteRecord]
    /// Polis's own group of each participant (from `participants-votes.csv`), when present.
    public var polisGroups: [String: Int]
    public var topic: String?

    /// Reads `comments.csv` and `votes.csv` (or `participants-votes.csv` when `votes.csv` is absent),
    /// and `summary.csv` for the topic; or `comments.json` and `votes.json` from the Polis API.
    public static func read(folder: URL) throws -> PolisConversation {
        let manager = FileManager.default
        func path(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func text(_ name: String) throws -> String { try String(contentsOf: path(name), encoding: .utf8) }
        var conversation = PolisConversation(statements: [], texts: [:], votes: [], polisGroups: [:], topic: nil)
        if manager.fileExists(atPath: path("votes.json").path) {
            try conversation.readJSON(comments: Data(contentsOf: path("comments.json")), votes: Data(contentsOf: path("votes.json")))
            return conversation
        }
        if manager.fileExists(atPath: path("comments.csv").path) {
            try conversation.readComments(try text("comments.csv"))
        }
        if manager.fileExists(atPath: path("participants-votes.csv").path) {
            try conversation.readParticipantsVotes(try text("participants-votes.csv"), keepVotes: !manager.fileExists(atPath: path("votes.csv").path))
        }
        if manager.fileExists(atPath: path("votes.csv").path) {
            try conversation.readVotes(try text("votes.csv"))
        }
        if manager.fileExists(atPath: path("summary.csv").path) {
            let summary = try CSVTable(text: "key,value\n" + text("summary.csv"), file: "summary.csv")
            conversation.topic = summary.rows.first { $0.fields.first == "topic" }?.fields.dropFirst().joined(separator: ",")
        }
        guard !conversation.votes.isEmpty || manager.fileExists(atPath: path("votes.csv").path)
                || manager.fileExists(atPath: path("participants-votes.csv").path)
        else {
            throw InterchangeError(file: folder.path, line: 0, column: 0,
                                   message: "no votes.csv, participants-votes.csv or votes.json in this folder")
        }
        return conversation
    }

    mutating func readComments(_ text: String) throws(InterchangeError) {
        let table = try CSVTable(text: text, file: "comments.csv")
        let id = try table.column("comment-id")
        let moderated = table.header.firstIndex(of: "moderated")
        let body = table.header.firstIndex(of: "comment-body")
        for row in table.rows {
            let statement = try table.integer(row, id, name: "comment-id")
            let mod = try moderated.map { index throws(InterchangeError) in try table.integer(row, index, name: "moderated") } ?? 0
            statements.append(Statement(id: statement, isModeratedOut: mod == -1))
            if let body, body < row.fields.count { texts[statement] = row.fields[body] }
        }
    }

    mutating func readVotes(_ text: String) throws(InterchangeError) {
        let table = try CSVTable(text: text, file: "votes.csv")
        let time = try table.column("timestamp"), statement = try table.column("comment-id")
        let voter = try table.column("voter-id"), vote = try table.column("vote")
        votes.reserveCapacity(table.rows.count)
        for row in table.rows {
            let value = try table.integer(row, vote, name: "vote")
            guard let parsed = Vote(rawValue: Int8(clamping: value)), (-1...1).contains(value) else {
                throw InterchangeError(file: table.file, line: row.line, column: table.position(of: vote, in: row),
                                       message: "vote must be 1 (agree), -1 (disagree) or 0 (pass), not \(value)")
            }
            votes.append(VoteRecord(participant: String(try table.integer(row, voter, name: "voter-id")),
                                    statement: try table.integer(row, statement, name: "comment-id"), vote: parsed,
                                    timestamp: Int64(try table.integer(row, time, name: "timestamp"))))
        }
    }

    /// One row per participant: Polis's group, then one column per statement (1, -1, 0 or empty).
    mutating func readParticipantsVotes(_ text: String, keepVotes: Bool) throws(InterchangeError) {
        let table = try CSVTable(text: text, file: "participants-votes.csv")
        let participant = try table.column("participant"), group = try table.column("group-id")
        let statementColumns = table.header.enumerated().compactMap { index, name in Int(name).map { (index, $0) } }
        for row in table.rows {
            let id = String(try table.integer(row, participant, name: "participant"))
            if group < row.fields.count, !row.fields[group].isEmpty {
                polisGroups[id] = try table.integer(row, group, name: "group-id")
            }
            guard keepVotes else { continue }
            for (index, statement) in statementColumns where index < row.fields.count && !row.fields[index].isEmpty {
                let value = try table.integer(row, index, name: "vote")
                guard let parsed = Vote(rawValue: Int8(clamping: value)), (-1...1).contains(value) else {
                    throw InterchangeError(file: table.file, line: row.line, column: table.position(of: index, in: row),
                                           message: "vote must be 1, -1 or 0, not \(value)")
                }
                votes.append(VoteRecord(participant: id, statement: statement, vote: parsed, timestamp: 0))
            }
        }
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
