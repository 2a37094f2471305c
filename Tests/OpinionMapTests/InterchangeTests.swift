import CSVFormat
import Foundation
@testable import OpinionMap
import Testing

@Suite struct InterchangeTests {
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("polis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func readsAnExportWithQuotedCommentsAndReVotes() throws {
        let url = try folder([
            "comments.csv": """
                timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
                1,x,0,0,1,0,1,"Plain, with a comma"
                2,x,1,0,0,1,-1,"Two
                lines and ""quotes\"\"\"
                """,
            "votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n10,x,0,7,1\n11,x,1,7,-1\n12,x,0,7,-1\n",
            "summary.csv": "topic,Budget participatif\nurl,https://pol.is/x\n",
        ])
        let conversation = try PolisConversation.read(folder: url)
        #expect(conversation.texts[0] == "Plain, with a comma")
        #expect(conversation.texts[1] == "Two\nlines and \"quotes\"")
        #expect(conversation.statements.map(\.isModeratedOut) == [false, true])
        #expect(conversation.votes.count == 3)
        #expect(conversation.topic == "Budget participatif")
        let matrix = VoteMatrix(statements: conversation.statements, votes: conversation.votes)
        #expect(matrix.votes(inRow: 0).map(\.vote) == [.disagree, .disagree], "the re-vote on statement 0 wins")
    }

    @Test func fallsBackToParticipantsVotesAndKeepsPolisGroups() throws {
        let url = try folder([
            "comments.csv": "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,0,0,1,a\n1,x,1,0,0,0,1,b\n",
            "participants-votes.csv": "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n3,0,0,2,1,1,1,-1\n4,,0,1,0,0,0,\n",
        ])
        let conversation = try PolisConversation.read(folder: url)
        #expect(conversation.votes.count == 3)
        #expect(conversation.polisGroups == ["3": 0])
    }

    @Test func malformedFilesNameTheLineAndColumn() throws {
        let badVote = try folder(["votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n10,x,0,7,1\n11,x,1,7,2\n"])
        #expect(throws: InterchangeError(file: "votes.csv", line: 3, column: 10,
                                         message: "vote must be 1 (agree), -1 (disagree) or 0 (pass), not 2")) {
            try PolisConversation.read(folder: badVote)
        }
        let notANumber = try folder(["votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n10,x,zero,7,1\n"])
        #expect(throws: InterchangeError(file: "votes.csv", line: 2, column: 6, message: "\"zero\" is not a whole number (comment-id)")) {
            try PolisConversation.read(folder: notANumber)
        }
        let missingColumn = try folder(["votes.csv": "timestamp,comment-id,vote\n1,2,3\n"])
        #expect(throws: InterchangeError.self) { try PolisConversation.read(folder: missingColumn) }
        let unclosed = try folder(["comments.csv": "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,0,0,1,\"never closed\n",
                                   "votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n"])
        #expect(throws: InterchangeError(file: "comments.csv", line: 2, column: 15, message: "quoted field is never closed")) {
            try PolisConversation.read(folder: unclosed)
        }
        let empty = try folder(["notes.txt": "nothing"])
        #expect(throws: InterchangeError.self) { try PolisConversation.read(folder: empty) }
    }

    @Test func theSVGDrawsEveryParticipantWithATitle() {
        let (statements, votes) = EngineTests.twoCamps()
        let map = OpinionMapEngine.compute(statements: statements, votes: votes)
        let svg = MapSVG.render(map, title: "Budget <2026>")
        #expect(svg.components(separatedBy: "<circle").count - 1 == map.participants.count)
        #expect(svg.contains("<title id=\"map-title\">Budget &lt;2026&gt;</title>"))
        #expect(svg.contains(">A</text>") && svg.contains(">B</text>"))
    }
}
