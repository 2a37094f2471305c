import HemicycleDomain
import SQLKit

/// The index of the proposals' words (`consultation_proposal_words`): each proposal's distinct `SearchWords`, its title
/// and text together, written in the transaction that writes the proposal.
enum ProposalWords {
    /// Rows a statement inserts (three values each).
    static let rowsPerInsert = 500

    static func index(proposalID: Int64, consultationID: Int64, title: String, body: String, on sql: any SQLDatabase) async throws {
        try await insert(SearchWords.words(in: title + "\n" + body).map { (consultationID, $0, proposalID) }, on: sql)
    }

    /// Indexes the proposals that have no words yet (all of them in a new index; those written straight into the table
    /// by an import), a thousand at a time.
    static func indexAll(consultationID: Int64? = nil, on sql: any SQLDatabase) async throws {
        var after: Int64 = 0
        while true {
            var query = sql.select().columns("id", "consultation_id", "title", "body").from("consultation_proposals")
                .where("id", .greaterThan, after)
                .where(SQLQueryString("NOT EXISTS (SELECT 1 FROM consultation_proposal_words w WHERE w.proposal_id = consultation_proposals.id)"))
            if let consultationID { query = query.where("consultation_id", .equal, consultationID) }
            let rows = try await query.orderBy("id").limit(1_000).all()
            guard !rows.isEmpty else { return }
            var words: [(Int64, String, Int64)] = []
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self), consultation = try row.decode(column: "consultation_id", as: Int64.self)
                let text = try row.decode(column: "title", as: String.self) + "\n" + row.decode(column: "body", as: String.self)
                words += SearchWords.words(in: text).map { (consultation, $0, id) }
                after = id
            }
            try await insert(words, on: sql)
        }
    }

    static func insert(_ rows: [(consultation: Int64, word: String, proposal: Int64)], on sql: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerInsert) {
            let insert = sql.insert(into: "consultation_proposal_words").columns("consultation_id", "word", "proposal_id")
            for row in rows[start..<min(start + rowsPerInsert, rows.count)] {
                insert.values(SQLBind(row.consultation), SQLBind(row.word), SQLBind(row.proposal))
            }
            try await insert.run()
        }
    }

    /// For each term, the condition that a proposal (a row of `consultation_proposals`) has a word beginning with it; a
    /// term of two letters (`de`, `la`, `في`) is a whole word, or it would match most of the index.
    static func matching(_ terms: [String], consultationID: Int64) -> [SQLQueryString] {
        terms.map { term in
            term.count <= SearchWords.shortest ? """
            consultation_proposals.id IN (SELECT proposal_id FROM consultation_proposal_words WHERE consultation_id = \(bind: consultationID) \
            AND word = \(bind: term))
            """ : """
            consultation_proposals.id IN (SELECT proposal_id FROM consultation_proposal_words WHERE consultation_id = \(bind: consultationID) \
            AND word >= \(bind: term) AND word < \(bind: SearchWords.upperBound(of: term)))
            """
        }
    }
}
