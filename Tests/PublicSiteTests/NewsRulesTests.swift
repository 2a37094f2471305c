import HemicycleDomain
import PublicSite
import Testing

@Suite struct NewsRulesTests {
    let writer = NewsActor(CouncilActor(role: .staff, duties: [.newsWriter]))
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
            #expect(!NewsRules.decide(action, by: NewsActor(CouncilActor(role: .staff, isVerified: false, duties: [.newsEditor])), status: .draft).isAllowed)
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

@Suite struct NewsMentionsTests {
    @Test func linksToTheCouncilsThingsAreMentions() {
        let html = BodySanitizer.clean("""
            <p><a href="/cese-fr/members/12">Claire</a>, <a href="/cese-fr/groups/3/">UNSA</a>, \
            <a href="http://hemicycle.test/cese-fr/commissions/2#membres">la commission</a>, <a href="/cese-fr/works/1?x=1&amp;y=2">l'avis</a>, \
            <a href="/cese-ma">le Conseil du Maroc</a>, <a href="/cese-ma/consultations/4">sa consultation</a>, \
            <a href="/cese-fr/members/12">encore Claire</a>, <a href="/cese-xx/members/1">inconnu</a>, <a href="/cese-fr/members/abc">x</a>, \
            <a href="/cese-fr/members/1/edit">x</a>, <a href="https://www.lecese.fr/cese-fr/members/5">ailleurs</a>, \
            <a href="//hemicycle.test/cese-fr/members/6">x</a>, <a href="/cese-fr/conventions/7">la convention</a>, \
            <a href="/cese-fr/cooperation/missions/8">la mission</a>, <a href="/cese-fr/cooperation/other/9">x</a>, \
            <a href="/cese-fr/cooperation/agreements/5">l'accord</a>, <a href="/networks/ucesif">l'UCESIF</a>, \
            <a href="http://hemicycle.test/networks/ucesif/">encore l'UCESIF</a>, <a href="/networks/aicesis/members">x</a>, \
            <a href="/networks/inconnu">x</a>, <a href="/networks">x</a></p>
            """).html
        let found = NewsMentions.find(in: html, councils: ["cese-fr": 1, "cese-ma": 2], networks: ["ucesif": 3, "aicesis": 4],
                                      base: "http://hemicycle.test")
        #expect(found == [NewsMention(.member, 12), NewsMention(.group, 3), NewsMention(.commission, 2), NewsMention(.work, 1),
                          NewsMention(.council, 2), NewsMention(.consultation, 4), NewsMention(.convention, 7), NewsMention(.mission, 8),
                          NewsMention(.agreement, 5), NewsMention(.network, 3)])
        // A network's directory is no council's: kept whatever council the post belongs to.
        #expect(NewsMentions.find(in: html, councils: ["cese-fr": 1, "cese-ma": 2], networks: ["ucesif": 3], base: "http://hemicycle.test",
                                  ownCouncil: "cese-ma").contains(NewsMention(.network, 3)))
    }
}
