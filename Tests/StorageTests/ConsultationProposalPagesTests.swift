import Foundation
import HemicycleDomain
import SQLKit
import Storage
import Testing
import TestSupport

/// Proposals paged by key and searched through their words' index.
@Suite struct ConsultationProposalPagesTests {
    static let now = TestClock.start.timeIntervalSince1970

    /// An open consultation with proposals, a few of them hidden, supported by `supports(index)` each.
    static func consultation(_ database: any Database, count: Int, texts: (Int) -> (String, String)) async throws -> Int64 {
        let fixture = try await CouncilStructureTests.fixture(database)
        let consultations = ConsultationRepository(database: database)
        let id = try await consultations.create(councilID: fixture.france, ConsultationVoteRecorderTests.definition(modules: 2), at: now)
        try await consultations.publish(id: id, councilID: fixture.france)
        let participant = try await ConsultationStatementRepository(database: database)
            .participant(consultationID: id, cookieDigest: "auteur", accountID: nil, at: now)
        let proposals = ConsultationProposalRepository(database: database)
        for index in 0..<count {
            let (title, body) = texts(index)
            _ = try await proposals.add(consultationID: id, participantID: participant, title: title, body: body, pending: index % 10 == 9, at: now)
        }
        // Supports: a few ties, so that the key needs the id too.
        try await database.transaction { sql in
            try await sql.raw("UPDATE consultation_proposals SET supports = id % 7 WHERE consultation_id = \(bind: id)").run()
        }
        return id
    }

    @Test(arguments: TestDatabase.kinds)
    func everyProposalShownIsOnExactlyOnePageEitherWay(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let id = try await Self.consultation(database, count: 47) { ("Proposition \($0)", "Texte \($0).") }
            let proposals = ConsultationProposalRepository(database: database)
            for order in CitizenProposalOrder.allCases {
                let all = try await proposals.page(consultationID: id, search: nil, order: order, includeHidden: false, limit: 1_000)
                #expect(all.total == 43 && all.proposals.count == 43 && !all.hasEarlier && !all.hasLater)
                // The expected order, by supports then id, or by id, most first.
                let expected = order == .supports ? all.proposals.sorted { ($0.supports, $0.id) > ($1.supports, $1.id) } : all.proposals.sorted { $0.id > $1.id }
                #expect(all.proposals.map(\.id) == expected.map(\.id))
                // Forward by `after`, from the first page to the last.
                var forward: [Int64] = [], position = CitizenProposalPosition.first, pages = 0
                while true {
                    let page = try await proposals.page(consultationID: id, search: nil, order: order, includeHidden: false, limit: 10, from: position)
                    forward += page.proposals.map(\.id)
                    pages += 1
                    #expect(page.hasEarlier == (pages > 1))
                    guard page.hasLater, let last = page.proposals.last else { break }
                    position = .after(CitizenProposalKey(last))
                }
                #expect(forward == expected.map(\.id) && pages == 5)
                // Backward by `before`, from the last page to the first.
                var backward: [Int64] = []
                position = .last
                while true {
                    let page = try await proposals.page(consultationID: id, search: nil, order: order, includeHidden: false, limit: 10, from: position)
                    backward = page.proposals.map(\.id) + backward
                    guard page.hasEarlier, let first = page.proposals.first else { break }
                    position = .before(CitizenProposalKey(first))
                }
                #expect(backward == expected.map(\.id))
                // Staff see the waiting ones too.
                #expect(try await proposals.page(consultationID: id, search: nil, order: order, includeHidden: true, limit: 1).total == 47)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSearchFindsWordsByTheirBeginningWhateverTheCaseAndMarks(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let texts = [
                ("L’eau potable à l’école", "Des fontaines dans chaque ÉCOLE."),
                ("Le transport scolaire", "Des bus pour les élèves des villages."),
                ("الأمن المائي", "تحلية مياه البحر لكل المدن."),
                ("100% d'énergie_renouvelable", "Sans compter le 50%."),
            ]
            let id = try await Self.consultation(database, count: 4) { texts[$0] }
            let proposals = ConsultationProposalRepository(database: database)
            func titles(_ search: String) async throws -> Set<String> {
                Set(try await proposals.page(consultationID: id, search: search, order: .recent, includeHidden: true, limit: 20).proposals.map(\.title))
            }
            #expect(try await titles("ecole") == ["L’eau potable à l’école"])
            #expect(try await titles("ÉLÈV") == ["Le transport scolaire"])  // a word's beginning
            #expect(try await titles("eau ecol") == ["L’eau potable à l’école"])  // every word
            #expect(try await titles("eau transport").isEmpty)
            // Two letters: a whole word (`le`, not `les`).
            #expect(try await titles("LE") == ["Le transport scolaire", "100% d'énergie_renouvelable"])
            #expect(try await titles("الامن") == ["الأمن المائي"])  // hamza seat folded
            #expect(try await titles("مياه") == ["الأمن المائي"])
            #expect(try await titles("energie") == ["100% d'énergie_renouvelable"])
            #expect(try await titles("50%") == ["100% d'énergie_renouvelable"])
            // `%` and `_` are no wildcards, and a search without a word of two letters finds nothing.
            #expect(try await titles("%").isEmpty)
            #expect(try await titles("e_r").isEmpty)
            #expect(try await titles("  ").count == 4)
            #expect(try await proposals.page(consultationID: id, search: "ecole", order: .supports, includeHidden: true, limit: 20).total == 1)
        }
    }
}
