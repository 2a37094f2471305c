import HemicycleDomain
import PublicSite
import Storage

/// A post's form as typed, and what it becomes once checked: the body cleaned, every refusal a sentence key.
struct NewsInput {
    static let maximumTitle = 200
    static let maximumSummary = 600
    static let maximumBody = 200_000

    var language: String
    var category: String
    var title: String
    var summary: String
    var body: String

    init(form: Form, defaultLanguage: Language) {
        language = form.text("language") ?? defaultLanguage.rawValue
        category = form.text("category") ?? NewsCategory.institution.rawValue
        title = form.text("title") ?? ""
        summary = form.text("summary") ?? ""
        body = form["body"] ?? ""
    }

    init(record: NewsPostRecord) {
        language = record.language
        category = record.category
        title = record.title
        summary = record.summary
        body = record.body
    }

    /// The content to store, or the key of the first problem. `languages` are the council's.
    func checked(languages: [Language]) -> Result<NewsPostContent, NewsInputError> {
        guard let language = Language(rawValue: language), languages.contains(language) else { return .failure(.init("news_error_language")) }
        guard NewsCategory(rawValue: category) != nil else { return .failure(.init("news_error_category")) }
        guard !title.isEmpty, title.count <= Self.maximumTitle else { return .failure(.init("news_error_title")) }
        guard !summary.isEmpty, summary.count <= Self.maximumSummary else { return .failure(.init("news_error_summary")) }
        guard body.utf8.count <= Self.maximumBody else { return .failure(.init("news_error_body_length")) }
        let cleaned = BodySanitizer.clean(body)
        guard cleaned.imagesWithoutAlternative == 0 else { return .failure(.init("news_error_image_alternative")) }
        guard cleaned.hasContent else { return .failure(.init("news_error_body")) }
        return .success(NewsPostContent(language: language.rawValue, category: category, title: title, summary: summary, body: cleaned.html))
    }
}

struct NewsInputError: Error {
    let key: String
    init(_ key: String) { self.key = key }
}
