/// The council's news, its editors' forms and its feeds, under the `/{council}` group. A post's `{slug}` is its number
/// followed by its title (`NewsSlug`): only the number finds it.
enum NewsPaths {
    static let list = Path1("/{council}/news")
    static let new = Path1("/{council}/news/new")
    static let item = Path2("/{council}/news/{slug}")
    static let edit = Path2("/{council}/news/{slug}/edit")
    /// Submit, schedule (publish now or later), return to the writer, take down.
    static let status = Path2("/{council}/news/{slug}/status")
    /// The council's images for posts: the writers' library and upload (GET, POST).
    static let images = Path1("/{council}/news/images")
    /// One image, by its content's digest and its type's extension (`{name}` is `digest.ext`): anyone may load it.
    static let image = Path2("/{council}/news/images/{name}")
    /// Subscribing to the council's news by e-mail (POST).
    static let subscribe = Path1("/{council}/news/subscribe")
    /// The link mailed to confirm a subscription (`?s=&t=`): a page with a button (GET), the confirmation (POST).
    static let confirm = Path1("/{council}/news/subscription")
    /// The link every news mail carries (`?s=&t=`): a page with a button (GET), and the one-click end (POST, RFC 8058).
    static let unsubscribe = Path1("/{council}/news/unsubscribe")
    static let atom = Path1("/{council}/feed.atom")
    static let rss = Path1("/{council}/feed.rss")

    static let all: [any DeclaredPath] = [list, new, item, edit, status, images, image, subscribe, confirm, unsubscribe, atom, rss]
}
