/// The council's news: the public posts, each in the reader's language where it has one, and for the communication
/// staff the posts not yet public.
struct NewsListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: String
        let summary: String
        /// The post's language, when it is not the reader's (it has no translation in it).
        let foreignLang: String?
        let foreignDir: String?
        let languageNote: String?
        let category: String
        let date: String
        /// For the staff's list: where the post stands.
        let status: String?
        let statusCode: String?
    }

    struct CategoryLink: Encodable {
        let url: String
        let label: String
        let current: Bool
    }

    let heading: String
    let rows: [Row]
    let hasRows: Bool
    let categories: [CategoryLink]
    let allURL: String
    let filtered: Bool
    let feeds: [FeedLink]
    let newURL: String?
    let pending: [Row]
    let hasPending: Bool
    let subscribe: NewsSubscribeForm
}

/// A feed a page offers (`<link rel="alternate">` in its head, and a link in its body).
struct FeedLink: Encodable {
    let type: String
    let title: String
    let url: String
}

/// One post in one language, its translations, and for the staff its workflow and the actions their rules allow.
struct NewsPostPage: Encodable {
    struct Translation: Encodable {
        let url: String
        let label: String
        let lang: String
    }

    struct Action: Encodable {
        let action: String
        let value: String
        let label: String
        /// The schedule form asks for a time.
        let asksTime: Bool
        let timeValue: String
        let zoneNote: String
    }

    let postTitle: String
    let postLang: String
    let postDir: String
    let summary: String
    /// Cleaned on the way in (`BodySanitizer`): shown as it is.
    let body: String
    let category: String
    let date: String?
    /// Set when the reader's language has no version of this post.
    let missingTranslation: String?
    let translations: [Translation]
    let hasTranslations: Bool
    let status: String?
    let statusCode: String?
    let history: [String]
    let hasHistory: Bool
    let editURL: String?
    let translateURLs: [Translation]
    let actions: [Action]
    let hasActions: Bool
    let backURL: String
    let feeds: [FeedLink]
    /// The post in each language it has, at its own address (it overrides the layout's `?lang=` alternates).
    let alternates: [Alternate]
    /// Its own address: its language is in it.
    let canonical: String
    let ogArticle: Bool
    let ogDescription: String
}

/// A language version of a page, for `<link rel="alternate" hreflang>`.
struct Alternate: Encodable {
    let hreflang: String
    let url: String
}

/// Writing or changing a post.
struct NewsFormPage: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    let heading: String
    let action: String
    let languages: [Option]
    /// A translation or an existing post keeps its language.
    let languageFixed: Bool
    let languageLabel: String
    let categories: [Option]
    let draftTitle: String
    let summary: String
    let body: String
    let translationOf: String?
    let error: String?
    let backURL: String
    let imagesURL: String
    /// What a new post may start from (an adopted avis, a drawn convention), by a form that reloads this page.
    let starters: [Option]
    let hasStarters: Bool
    let startAction: String
    /// What the post may mention, as links to paste.
    let mentions: [NewsMentionPicker.Group]
}

/// The council's images for posts, each with the element to paste into a post, and the form to add one.
struct NewsImagesPage: Encodable {
    struct Image: Encodable {
        let url: String
        let alt: String
        let snippet: String
        let date: String
    }

    let images: [Image]
    let hasImages: Bool
    let action: String
    let limit: String
    let backURL: String
}


/// The form to subscribe to the council's news, on its news page.
struct NewsSubscribeForm: Encodable {
    struct Theme: Encodable {
        let value: String
        let label: String
    }

    let action: String
    let themes: [Theme]
}
