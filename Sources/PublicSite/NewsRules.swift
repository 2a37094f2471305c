import HemicycleDomain

/// What the communication staff do to a post.
public enum NewsAction: Sendable, Hashable, CaseIterable {
    /// Read it: the public once published, the communication staff always.
    case see
    /// Start a post (or a translation of one).
    case create
    /// Change its title, summary, body or category.
    case edit
    /// Hand a draft to the editors.
    case submit
    /// Accept it for publication, now or at a later time.
    case schedule
    /// Send it back to its writer, from review or scheduled (before it appears).
    case returnToDraft
    /// Take a published post down; its trace stays.
    case unpublish
}

/// Who writes and who publishes: the communication staff, by the duties the council's administrators give to members
/// of its staff (`Duty`). Writers draft and submit; editors, who also accept, schedule and take down, write too. The
/// council's administrators hold both.
public struct NewsActor: Sendable, Equatable {
    public let council: CouncilActor

    public init(_ council: CouncilActor) { self.council = council }

    public var isWriter: Bool { council.isAdministrator || !council.duties.isDisjoint(with: [.newsWriter, .newsEditor]) }
    public var isEditor: Bool { council.isAdministrator || council.duties.contains(.newsEditor) }
}

/// The rules of news posts: the route refuses with `decide`, the page hides with the same answer.
public enum NewsRules {
    public static func decide(_ action: NewsAction, by actor: NewsActor, status: NewsStatus) -> Decision {
        switch action {
        case .see:
            return status.isPublic || actor.isWriter ? .allowed : .forbidden("error_not_found")
        case .create:
            return actor.isWriter ? .allowed : .forbidden("news_refused_writer")
        case .edit:
            guard actor.isWriter else { return .forbidden("news_refused_writer") }
            switch status {
            case .draft: return .allowed
            // What an editor reads is what appears: once submitted, only an editor changes it.
            case .review, .scheduled, .published, .unpublished:
                return actor.isEditor ? .allowed : .forbidden("news_refused_editor")
            }
        case .submit:
            guard actor.isWriter else { return .forbidden("news_refused_writer") }
            return status == .draft ? .allowed : .conflict("news_conflict_status")
        case .schedule:
            guard actor.isEditor else { return .forbidden("news_refused_editor") }
            switch status {
            case .draft, .review, .scheduled, .unpublished: return .allowed
            case .published: return .conflict("news_conflict_status")
            }
        case .returnToDraft:
            guard actor.isEditor else { return .forbidden("news_refused_editor") }
            return status == .review || status == .scheduled ? .allowed : .conflict("news_conflict_status")
        case .unpublish:
            guard actor.isEditor else { return .forbidden("news_refused_editor") }
            return status == .published ? .allowed : .conflict("news_conflict_status")
        }
    }
}
