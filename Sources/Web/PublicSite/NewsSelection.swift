import PublicSite
import HemicycleDomain
import Storage

/// Which language of each post a reader gets: theirs where the post has it, else the one it was first written in.
enum NewsSelection {
    /// One version per group, newest first, at most `limit`.
    static func forReader(_ posts: [NewsPostRecord], language: Language, limit: Int) -> [NewsPostRecord] {
        var byGroup: [Int64: NewsPostRecord] = [:]
        var order: [Int64] = []
        for post in posts {
            if let kept = byGroup[post.group] {
                if kept.language != language.rawValue, post.language == language.rawValue || post.translationOf == nil && kept.translationOf != nil {
                    byGroup[post.group] = post
                }
            } else {
                byGroup[post.group] = post
                order.append(post.group)
            }
        }
        // Each post in order of the version the reader gets: a translation published later does not move the others' post.
        return order.compactMap { byGroup[$0] }.sorted { ($0.publishAt ?? $0.updatedAt, $0.id) > ($1.publishAt ?? $1.updatedAt, $1.id) }
            .prefix(limit).map { $0 }
    }
}
