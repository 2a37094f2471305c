import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// Two administrators adding the same theme, network or network member at the same moment: one is kept, the other
/// is told it exists (never a server error), on both databases.
@Suite struct CooperationConcurrencyTests {
    enum Outcome: Equatable { case added, refused }

    static func race(_ count: Int, _ add: @escaping @Sendable () async throws -> Void, refusal: StoreError) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        try await add()
                        return .added
                    } catch let error as StoreError where error == refusal {
                        return .refused
                    }
                }
            }
            var outcomes: [Outcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSameThemeNetworkOrMemberAddedAtOnceIsKeptOnce(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, _ in
            let agreements = AgreementRepository(database: site.database), networks = NetworkRepository(database: site.database)
            let themes = try await Self.race(8, { _ = try await agreements.addTheme(slug: "youth", name: LocalizedText(fr: "Jeunesse", ar: nil, en: nil)) },
                                             refusal: .duplicateName)
            #expect(themes.filter { $0 == .added }.count == 1 && themes.count == 8)
            #expect(try await agreements.themes().filter { $0.slug == "youth" }.count == 1)
            let fields = NetworkFields(slug: "cesal", name: LocalizedText(fr: "Réseau des CES d’Afrique", ar: nil, en: nil), description: LocalizedText(), website: nil,
                                       founded: nil)
            let created = try await Self.race(8, { _ = try await networks.create(fields) }, refusal: .duplicateName)
            #expect(created.filter { $0 == .added }.count == 1)
            let network = try #require(try await networks.find(slug: "cesal"))
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let member = NetworkMemberFields(councilID: france.id, name: "", country: "FR", languages: ["fr"], website: nil, hemicycleURL: nil)
            let members = try await Self.race(8, { _ = try await networks.addMember(networkID: network.id, member) }, refusal: .alreadyMember)
            #expect(members.filter { $0 == .added }.count == 1)
            #expect(try await networks.members(networkID: network.id).filter { $0.councilId == france.id }.count == 1)
        }
    }
}
