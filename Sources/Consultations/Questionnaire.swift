import Foundation

/// A question of a consultation's questionnaire: one choice among options, several, or a short text.
public enum QuestionKind: String, Sendable, CaseIterable, Codable {
    case single
    case multiple
    case text
}

/// A question as the secretariat writes it, checked.
public struct QuestionDefinition: Sendable, Hashable {
    public let kind: QuestionKind
    public let prompt: String
    /// The choices of a `single` or `multiple` question, in order; none for `text`.
    public let options: [String]

    public static let longestPrompt = 500
    public static let longestOption = 200
    public static let options = 2...20
    /// The most questions a questionnaire holds.
    public static let mostQuestions = 50

    public enum Problem: Error, Sendable, Equatable {
        case emptyPrompt
        case promptTooLong
        /// A choice question needs between 2 and 20 distinct options of at most 200 characters.
        case options
    }

    /// `options` is the text the secretariat typed, one option a line (blank lines and repeats dropped).
    public init(kind: QuestionKind, prompt rawPrompt: String, options rawOptions: String) throws(Problem) {
        let prompt: String
        do {
            prompt = try StatementText.clean(rawPrompt, limit: Self.longestPrompt)
        } catch {
            switch error {
            case .empty: throw .emptyPrompt
            case .tooLong: throw .promptTooLong
            }
        }
        var options: [String] = []
        if kind != .text {
            guard let lines = StatementText.lines(rawOptions, longest: Self.longestOption, most: Self.options.upperBound),
                  Self.options.contains(lines.count) else { throw .options }
            options = lines
        }
        self.kind = kind
        self.prompt = prompt
        self.options = options
    }

    public init(stored kind: QuestionKind, prompt: String, options: [String]) {
        self.kind = kind
        self.prompt = prompt
        self.options = options
    }
}

/// A participant's answer to one question, checked against it.
public enum QuestionAnswer: Sendable, Hashable {
    /// Indexes of the options chosen, ascending (one for a `single` question).
    case choices([Int])
    case text(String)

    public static let longestText = 1_000

    public enum Problem: Error, Sendable, Equatable {
        /// An option that is not one of the question's, or several where one is asked.
        case unknownOption
        case textTooLong
    }

    /// The answer the form's values give (nil when the participant left the question blank).
    public static func read(_ values: [String], for question: QuestionDefinition) throws(Problem) -> QuestionAnswer? {
        switch question.kind {
        case .text:
            let text = (values.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return nil }
            // Characters as a reader counts them, and bytes (a character may carry any number of marks).
            guard text.count <= longestText, text.utf8.count <= 4 * longestText else { throw .textTooLong }
            return .text(text)
        case .single, .multiple:
            var chosen = Set<Int>()
            for value in values where !value.isEmpty {
                guard let index = Int(value), question.options.indices.contains(index) else { throw .unknownOption }
                chosen.insert(index)
            }
            guard !chosen.isEmpty else { return nil }
            guard question.kind == .multiple || chosen.count == 1 else { throw .unknownOption }
            return .choices(chosen.sorted())
        }
    }

    /// As stored: the indexes joined by commas, or the text.
    public var stored: String {
        switch self {
        case .choices(let indexes): indexes.map(String.init).joined(separator: ",")
        case .text(let text): text
        }
    }

    public init(stored: String, kind: QuestionKind) {
        switch kind {
        case .text: self = .text(stored)
        case .single, .multiple: self = .choices(stored.split(separator: ",").compactMap { Int($0) })
        }
    }
}

/// How many participants chose each option of a question, and how many answered it.
public struct QuestionTally: Sendable, Hashable {
    public var counts: [Int]
    public var answered: Int

    /// From the answers counted by their stored value (each distinct set of options, or any text, and how many gave
    /// it).
    public init(question: QuestionDefinition, counted: [String: Int]) {
        counts = Array(repeating: 0, count: question.options.count)
        answered = 0
        for (value, count) in counted {
            answered += count
            if case .choices(let indexes) = QuestionAnswer(stored: value, kind: question.kind) {
                for index in indexes where counts.indices.contains(index) { counts[index] += count }
            }
        }
    }
}
