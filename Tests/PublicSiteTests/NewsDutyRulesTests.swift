import HemicycleDomain
import PublicSite
import Testing

/// Who writes and who publishes the news: the duties of staff seats, and only of them.
@Suite struct NewsDutyRulesTests {
    @Test func dutiesFollowTheRoleAndOnlyOnStaff() {
        let writer = NewsActor(CouncilActor(role: .staff, duties: [.newsWriter]))
        #expect(writer.isWriter && !writer.isEditor)
        let editor = NewsActor(CouncilActor(role: .staff, duties: [.newsEditor]))
        #expect(editor.isWriter && editor.isEditor)
        #expect(!NewsActor(CouncilActor(role: .staff)).isWriter)
        // A member or a citizen holds no duty, whatever their seat carries; an unverified address holds none either.
        #expect(!NewsActor(CouncilActor(role: .member, duties: [.newsEditor])).isWriter)
        // The finance duty writes no news.
        #expect(!NewsActor(CouncilActor(role: .staff, duties: [.budgetOfficer])).isWriter)
        #expect(!NewsActor(CouncilActor(role: .staff, isVerified: false, duties: [.newsEditor])).isWriter)
        #expect(NewsActor(CouncilActor(role: .administrator)).isEditor)
        #expect(Duty.parse("news_editor,bogus,news_writer") == [.newsWriter, .newsEditor])
        #expect(Duty.stored([.newsEditor, .newsWriter]) == "news_writer,news_editor")
        #expect(!Duty.mayAssign(by: CouncilActor(role: .staff, duties: [.newsEditor])).isAllowed)
    }
}
