import HemicycleDomain
import PublicSite
import Testing

@Suite struct NewsRulesTests {
    let writer = NewsActor(CouncilActor(role: .staff))
    let editor = NewsActor(CouncilActor(role: .administrator))
    let member = NewsActor(CouncilActor(role: .member))
    let visitor = NewsActor(.visitor)

    @Test func aScheduledPostIsPublishedWhenItsTimeComes() {
        #expect(NewsStatus.at("scheduled", publishAt: 100, now: 99) == .scheduled)
        #expect(NewsStatus.at("scheduled", publishAt: 100, now: 100) == .published)
        #expect(NewsStatus.at("draft", publishAt: 50, now: 100) == .draft)
        #expect(NewsStatus.at("unpublished", publishAt: 50, now: 100) == .unpublished)
        #expect(NewsStatus.at("nonsense", publishAt: nil, now: 100) == .draft)
    }

    @Test func onlyPublishedPostsArePublic() {
        for status in NewsStatus.allCases {
            #expect(NewsRules.decide(.see, by: visitor, status: status).isAllowed == (status == .published))
            #expect(NewsRules.decide(.see, by: member, status: status).isAllowed == (status == .published))
            #expect(NewsRules.decide(.see, by: writer, status: status).isAllowed)
        }
    }

    @Test func writersDraftAndEditorsPublish() {
        #expect(NewsRules.decide(.create, by: writer, status: .draft) == .allowed)
        #expect(NewsRules.decide(.create, by: member, status: .draft) == .forbidden("news_refused_writer"))
        #expect(NewsRules.decide(.create, by: visitor, status: .draft) == .forbidden("news_refused_writer"))
        #expect(NewsRules.decide(.edit, by: writer, status: .draft) == .allowed)
        #expect(NewsRules.decide(.edit, by: writer, status: .review) == .forbidden("news_refused_editor"))
        #expect(NewsRules.decide(.edit, by: editor, status: .published) == .allowed)
        #expect(NewsRules.decide(.submit, by: writer, status: .draft) == .allowed)
        #expect(NewsRules.decide(.submit, by: writer, status: .review) == .conflict("news_conflict_status"))
        #expect(NewsRules.decide(.schedule, by: writer, status: .review) == .forbidden("news_refused_editor"))
        #expect(NewsRules.decide(.schedule, by: editor, status: .review) == .allowed)
        #expect(NewsRules.decide(.schedule, by: editor, status: .published) == .conflict("news_conflict_status"))
        #expect(NewsRules.decide(.unpublish, by: editor, status: .scheduled) == .conflict("news_conflict_status"))
        #expect(NewsRules.decide(.unpublish, by: editor, status: .published) == .allowed)
        #expect(NewsRules.decide(.unpublish, by: writer, status: .published) == .forbidden("news_refused_editor"))
        #expect(NewsRules.decide(.returnToDraft, by: editor, status: .scheduled) == .allowed)
        #expect(NewsRules.decide(.returnToDraft, by: editor, status: .published) == .conflict("news_conflict_status"))
        for action in NewsAction.allCases where action != .see {
            #expect(!NewsRules.decide(action, by: member, status: .draft).isAllowed)
            #expect(!NewsRules.decide(action, by: NewsActor(CouncilActor(role: .staff, isVerified: false)), status: .draft).isAllowed)
        }
    }

    @Test func slugsReadWellAndOnlyTheNumberFinds() {
        #expect(NewsSlug.make(id: 12, title: "Mission à Rabat : l’accord-cadre finalisé") == "12-mission-a-rabat-l-accord-cadre-finalise")
        #expect(NewsSlug.make(id: 3, title: "Œuvre et cœur") == "3-oeuvre-et-coeur")
        #expect(NewsSlug.make(id: 7, title: "بعثة إلى الرباط") == "7")
        #expect(NewsSlug.make(id: 8, title: String(repeating: "mot ", count: 40)).count <= 62)
        #expect(NewsSlug.id(of: "12-mission-a-rabat") == 12)
        #expect(NewsSlug.id(of: "7") == 7)
        #expect(NewsSlug.id(of: "7x") == nil)
        #expect(NewsSlug.id(of: "mission") == nil)
        #expect(NewsSlug.id(of: "") == nil)
        #expect(NewsSlug.id(of: "99999999999999999999-a") == nil)
    }
}
