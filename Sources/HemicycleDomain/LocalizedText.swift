/// Text written by a council in up to three languages, side by side.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var values: [Language: String]

    public init(_ values: [Language: String] = [:]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    public init(fr: String?, ar: String?, en: String?) {
        var values: [Language: String] = [:]
        if let fr, !fr.isEmpty { values[.fr] = fr }
        if let ar, !ar.isEmpty { values[.ar] = ar }
        if let en, !en.isEmpty { values[.en] = en }
        self.values = values
    }

    public subscript(language: Language) -> String? { values[language] }

    public var isEmpty: Bool { values.isEmpty }

    /// The text to show a reader of `language`.
    ///
    /// When no version exists in that language, the council's default language is used, then
    /// French, English and Arabic; `fallback` tells the view to mark the text with its real language.
    public func resolved(for language: Language, councilDefault: Language = .fr) -> Resolved? {
        if let text = values[language] { return Resolved(text: text, language: language, isFallback: false) }
        for candidate in [councilDefault] + Language.allCases {
            if let text = values[candidate] {
                return Resolved(text: text, language: candidate, isFallback: true)
            }
        }
        return nil
    }

    public struct Resolved: Sendable, Hashable {
        public let text: String
        public let language: Language
        public let isFallback: Bool
    }
}
