import Foundation
import SQLKit

/// Ballots in commission and in plenary: who may vote (fixed when the ballot opens), and one vote per member.
public struct BallotRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all(workID: Int64) async throws -> [BallotRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM ballots WHERE work_id = \(bind: workID) ORDER BY opened_at, id")
                .decodeAll(BallotRecord.self)
        }
    }

    public func find(id: Int64, workID: Int64) async throws -> BallotRecord? {
        try await database.read { sql in
            try await sql.select().column("*").from("ballots").where("id", .equal, id).where("work_id", .equal, workID)
                .decodeFirst(BallotRecord.self)
        }
    }

    /// Opens a ballot for `voters` (membership id → group id at this moment). With `workStatus`, only while the work
    /// item is still in that state (its row is claimed first, so a concurrent move and this wait for each other).
    @discardableResult
    public func open(workID: Int64, amendmentID: Int64?, body: String, majority: String, quorum: Double?,
                     voters: [(membershipID: Int64, groupID: Int64?)], workStatus: String? = nil, sittingID: Int64? = nil,
                     at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            if let workStatus {
                guard try await sql.raw("UPDATE works SET status = status WHERE id = \(bind: workID) AND status = \(bind: workStatus) RETURNING id")
                    .first() != nil else { throw StoreError.stateChanged }
            }
            let id = try await sql.insert(into: "ballots").columns("work_id", "amendment_id", "body", "majority", "quorum", "opened_at", "sitting_id")
                .values(SQLBind(workID), SQLBind(amendmentID), SQLBind(body), SQLBind(majority), SQLBind(quorum), SQLBind(at), SQLBind(sittingID))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            for chunk in stride(from: 0, to: voters.count, by: 200).map({ Array(voters[$0..<min($0 + 200, voters.count)]) }) {
                var insert = sql.insert(into: "ballot_voters").columns("ballot_id", "membership_id", "group_id")
                for voter in chunk { insert = insert.values(SQLBind(id), SQLBind(voter.membershipID), SQLBind(voter.groupID)) }
                try await insert.run()
            }
            return id
        }
    }

    /// Records a member's vote: refused when the ballot is closed, the member is not called to vote, or has voted.
    /// `castBy` names the member who cast it by proxy.
    public func vote(ballotID: Int64, membershipID: Int64, choice: String, castBy: Int64? = nil, at: Double) async throws {
        try await database.transaction { sql in
            // Claims the open ballot's row: a concurrent close waits for this vote, and a vote after the close finds it
            // closed.
            guard try await sql.raw("UPDATE ballots SET closed_at = closed_at WHERE id = \(bind: ballotID) AND closed_at IS NULL RETURNING id")
                .first() != nil else {
                let exists = try await sql.select().column("id").from("ballots").where("id", .equal, ballotID).first() != nil
                throw exists ? StoreError.ballotClosed : StoreError.notFound
            }
            guard try await sql.select().column("membership_id").from("ballot_voters")
                .where("ballot_id", .equal, ballotID).where("membership_id", .equal, membershipID).first() != nil
            else { throw StoreError.notEligible }
            guard try await sql.select().column("membership_id").from("ballot_votes")
                .where("ballot_id", .equal, ballotID).where("membership_id", .equal, membershipID).first() == nil
            else { throw StoreError.alreadyVoted }
            try await sql.insert(into: "ballot_votes").columns("ballot_id", "membership_id", "choice", "cast_at", "cast_by")
                .values(SQLBind(ballotID), SQLBind(membershipID), SQLBind(choice), SQLBind(at), SQLBind(castBy)).run()
        }
    }

    /// Everyone called to vote, with their group and vote, ordered by name.
    public func voters(ballotID: Int64) async throws -> [BallotVoter] {
        try await database.read { sql in try await Self.voters(ballotID: ballotID, on: sql) }
    }

    static func voters(ballotID: Int64, on sql: any SQLDatabase) async throws -> [BallotVoter] {
        try await sql.raw("""
                SELECT v.membership_id, v.group_id, COALESCE(m.public_name, a.display_name) AS display_name, b.choice, b.cast_by FROM ballot_voters v
                JOIN memberships m ON m.id = v.membership_id JOIN accounts a ON a.id = m.account_id
                LEFT JOIN ballot_votes b ON b.ballot_id = v.ballot_id AND b.membership_id = v.membership_id
                WHERE v.ballot_id = \(bind: ballotID) ORDER BY display_name, v.membership_id
                """).all().map { row in
                BallotVoter(membershipID: try row.decode(column: "membership_id", as: Int64.self),
                            groupID: try row.decode(column: "group_id", as: Int64?.self),
                            name: try row.decode(column: "display_name", as: String.self),
                            choice: try row.decode(column: "choice", as: String?.self), castBy: try row.decode(column: "cast_by", as: Int64?.self))
            }
    }

    /// The voters of every ballot of a work item, by ballot, in one query (a page shows them all).
    public func voters(workID: Int64) async throws -> [Int64: [BallotVoter]] {
        try await database.read { sql in
            var byBallot: [Int64: [BallotVoter]] = [:]
            for row in try await sql.raw("""
                SELECT v.ballot_id, v.membership_id, v.group_id, COALESCE(m.public_name, a.display_name) AS display_name, b.choice, b.cast_by
                FROM ballot_voters v JOIN ballots l ON l.id = v.ballot_id
                JOIN memberships m ON m.id = v.membership_id JOIN accounts a ON a.id = m.account_id
                LEFT JOIN ballot_votes b ON b.ballot_id = v.ballot_id AND b.membership_id = v.membership_id
                WHERE l.work_id = \(bind: workID) ORDER BY v.ballot_id, display_name, v.membership_id
                """).all() {
                byBallot[try row.decode(column: "ballot_id", as: Int64.self), default: []].append(
                    BallotVoter(membershipID: try row.decode(column: "membership_id", as: Int64.self),
                                groupID: try row.decode(column: "group_id", as: Int64?.self),
                                name: try row.decode(column: "display_name", as: String.self),
                                choice: try row.decode(column: "choice", as: String?.self),
                                castBy: try row.decode(column: "cast_by", as: Int64?.self)))
            }
            return byBallot
        }
    }

    /// The counts of every ballot of a work item by group (nil: members without a group), made by the database: one
    /// query whatever the number of ballots and members, and no member's name read. Groups in no order.
    public func counts(workID: Int64) async throws -> [Int64: [BallotGroupCount]] {
        try await database.read { sql in
            var byBallot: [Int64: [Int64?: BallotGroupCount]] = [:]
            for row in try await sql.raw("""
                SELECT v.ballot_id, v.group_id, b.choice, COUNT(*) AS members
                FROM ballot_voters v JOIN ballots l ON l.id = v.ballot_id
                LEFT JOIN ballot_votes b ON b.ballot_id = v.ballot_id AND b.membership_id = v.membership_id
                WHERE l.work_id = \(bind: workID) GROUP BY v.ballot_id, v.group_id, b.choice
                """).all() {
                let ballot = try row.decode(column: "ballot_id", as: Int64.self), group = try row.decode(column: "group_id", as: Int64?.self)
                let members = Int(try row.decode(column: "members", as: Int64.self))
                byBallot[ballot, default: [:]][group, default: BallotGroupCount(groupID: group)]
                    .add(try row.decode(column: "choice", as: String?.self), members: members)
            }
            return byBallot.mapValues { Array($0.values) }
        }
    }

    public func close(ballotID: Int64, adopted: Bool, at: Double) async throws {
        _ = try await close(ballotID: ballotID, at: at) { _ in adopted }
    }

    /// Closes an open ballot and records its result, decided by `result` from the votes as they stand once no vote
    /// can be added any more (the same transaction): the published result always matches the published votes.
    public func close(ballotID: Int64, at: Double, result: @Sendable ([BallotVoter]) -> Bool) async throws -> Bool {
        try await database.transaction { sql in
            guard try await sql.raw("UPDATE ballots SET closed_at = \(bind: at) WHERE id = \(bind: ballotID) AND closed_at IS NULL RETURNING id")
                .first() != nil else { throw StoreError.ballotClosed }
            let adopted = result(try await Self.voters(ballotID: ballotID, on: sql))
            try await sql.update("ballots").set("adopted", to: adopted).where("id", .equal, ballotID).run()
            return adopted
        }
    }
}
