import Foundation
import HemicycleDomain
import Logging
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct DemoDataTests {
    @Test(arguments: TestDatabase.kinds)
    func twoRealCouncilsWithPeopleInEveryRole(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let councils = try await site.councils.all()
            #expect(councils.map(\.slug) == ["cese-fr", "cese-ma"])
            for council in councils {
                #expect(council.networkList.contains("UCESIF"))
                let roles = Set(try await site.memberships.all(councilID: council.id).map(\.roleValue))
                #expect(roles == Set(Role.allCases), "\(council.slug) has someone in every role")
                #expect(try await site.groups.all(councilID: council.id).count >= 5)
                #expect(try await site.commissions.all(councilID: council.id).count >= 7)
            }
            // Every demo log-in of the README works.
            for email in ["admin@hemicycle.example", "secretariat@cese-fr.example", "presidence@cese-fr.example",
                          "membre@cese-fr.example", "citoyen@hemicycle.example", "secretariat@cese-ma.example",
                          "membre@cese-ma.example"] {
                try await Visitor(client).signIn(email)
            }
        }
    }

    @Test func loadingTwiceIsRefusedByTheCommandAndLeavesOneCopy() async throws {
        try await TestDatabase.with(.sqlite) { database in
            var configuration = Harness.configuration()
            configuration.bcryptCost = 4
            let first = try await HemicycleServer.loadDemoData(configuration: configuration, database: database, logger: .init(label: "t"))
            let second = try await HemicycleServer.loadDemoData(configuration: configuration, database: database, logger: .init(label: "t"))
            let count = try await CouncilRepository(database: database).count()
            #expect(first && !second && count == 2)
        }
    }
}
