import Cooperation
import HemicycleDomain
import Testing

@Suite struct InstanceLinkRulesTests {
    @Test func onlyTheInstancesAdministratorsLinkInstances() {
        #expect(InstanceLinkRules.mayManageLinks(CouncilActor(role: nil, isInstanceAdministrator: true)).isAllowed)
        #expect(!InstanceLinkRules.mayManageLinks(CouncilActor(role: nil, isInstanceAdministrator: true, isVerified: false)).isAllowed)
        for role in Role.allCases { #expect(!InstanceLinkRules.mayManageLinks(CouncilActor(role: role)).isAllowed) }
    }

    @Test func theSecretariatSharesAndTheCouncilReads() {
        #expect(InstanceLinkRules.mayShare(CouncilActor(role: .staff)).isAllowed)
        #expect(InstanceLinkRules.mayShare(CouncilActor(role: .administrator)).isAllowed)
        for role in [Role.citizen, .member, .bureau, .president] { #expect(!InstanceLinkRules.mayShare(CouncilActor(role: role)).isAllowed) }
        for role in [Role.member, .staff, .bureau, .president, .administrator] { #expect(InstanceLinkRules.mayRead(CouncilActor(role: role)).isAllowed) }
        #expect(!InstanceLinkRules.mayRead(CouncilActor(role: .citizen)).isAllowed)
        #expect(!InstanceLinkRules.mayRead(.visitor).isAllowed)
        #expect(!InstanceLinkRules.mayRead(CouncilActor(role: .member, isVerified: false)).isAllowed)
    }

    @Test func linksAreChecked() {
        #expect(InstanceLinkRules.problem(name: "CESE du Maroc", address: "https://hemicycle.cese.ma", hasKey: true, allowsPlainHTTP: true) == nil)
        #expect(InstanceLinkRules.problem(name: "Local", address: "http://127.0.0.1:8081", hasKey: true, allowsPlainHTTP: true) == nil)
        #expect(InstanceLinkRules.problem(name: "", address: "https://a.example", hasKey: true, allowsPlainHTTP: true) == "federation_error_name")
        for address in ["https://a.example/", "ftp://a.example", "https://", "https://u:p@a.example", "https://a.example?x=1", "a.example",
                        "https://a .example"] {
            #expect(InstanceLinkRules.problem(name: "A", address: address, hasKey: true, allowsPlainHTTP: true) == "federation_error_address", "\(address)")
        }
        #expect(InstanceLinkRules.problem(name: "A", address: "https://a.example", hasKey: false, allowsPlainHTTP: true) == "federation_error_key")
        // In production, over TLS only.
        #expect(InstanceLinkRules.problem(name: "A", address: "http://a.example", hasKey: true, allowsPlainHTTP: false) == "federation_error_https")
        #expect(InstanceLinkRules.problem(name: "A", address: "https://a.example", hasKey: true, allowsPlainHTTP: false) == nil)
    }
}
