import Cooperation
import Federation
import Foundation
import HemicycleDomain
import Storage

/// An item a council's secretariat may share with a council on a partner instance: its practice notes kept for more
/// than the council, the agreements it is party to, the contributions it sent, its works' summaries.
struct ShareableItem: Sendable {
    let kind: SharedDocument.Kind
    let id: Int64
    let title: String

    /// The form's value: `practice_note:12`.
    var value: String { "\(kind.rawValue):\(id)" }

    static func parse(_ value: String) -> (kind: SharedDocument.Kind, id: Int64)? {
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = SharedDocument.Kind(rawValue: parts[0]), let id = Int64(parts[1]), id > 0 else { return nil }
        return (kind, id)
    }
}

extension FederationServices {
    /// What the council may share, kind by kind, titles in `language` where the item has several.
    func shareable(_ council: Council, language: Language) async throws -> [ShareableItem] {
        var items: [ShareableItem] = []
        for note in try await notes.all(councilID: council.id) where PracticeAudience(rawValue: note.audience) != .council {
            items.append(ShareableItem(kind: .practiceNote, id: note.id, title: note.title))
        }
        for agreement in try await agreements.all(councilID: council.id) {
            items.append(ShareableItem(kind: .agreement, id: agreement.id, title: Self.pick(agreement.title, language, council)))
        }
        for contribution in try await contributions.all(councilID: council.id) where contribution.status != "draft" {
            items.append(ShareableItem(kind: .contribution, id: contribution.id, title: contribution.title))
        }
        for work in try await works.all(councilID: council.id) {
            items.append(ShareableItem(kind: .workSummary, id: work.id, title: Self.pick(work.title, language, council)))
        }
        return items
    }

    /// The item as the partner receives it, in the council's own language where it has several; `nil` when the
    /// council may not share it (another council's, a note kept to the council, a contribution still a draft).
    func item(_ kind: SharedDocument.Kind, id: Int64, of council: Council) async throws -> SharedDocument.Item? {
        let language = council.language
        func address(_ path: String) -> String { baseURL + path }
        switch kind {
        case .practiceNote:
            guard let note = try await notes.find(id: id, councilID: council.id), PracticeAudience(rawValue: note.audience) != .council
            else { return nil }
            let noteLanguage = Language(rawValue: note.language) ?? language
            let theme = try await agreements.themes().first { $0.id == note.themeId }.map { Self.pick($0.name, noteLanguage, council) } ?? ""
            return SharedDocument.Item(title: note.title, summary: note.summary, body: note.body, language: noteLanguage.rawValue,
                                       url: address(PracticePaths.item.url(council.slug, note.id)), detail: theme)
        case .agreement:
            guard let agreement = try await agreements.find(id: id, partyID: council.id) else { return nil }
            let textLanguage = Self.written(agreement.text, preferring: language)
            let detail = agreement.signedOn.map { localizer.text("federation_detail_signed", textLanguage, ["place": agreement.place, "date": $0]) } ?? ""
            return SharedDocument.Item(title: Self.pick(agreement.title, textLanguage, council), summary: "",
                                       body: agreement.text[textLanguage] ?? "", language: textLanguage.rawValue,
                                       url: address(AgreementPaths.item.url(council.slug, agreement.id)), detail: detail)
        case .contribution:
            guard let contribution = try await contributions.find(id: id, councilID: council.id), contribution.status != "draft" else { return nil }
            let work = try await works.find(id: contribution.workId)
            let detail = work.map { localizer.text("federation_detail_contribution", language, ["work": Self.pick($0.title, language, council)]) } ?? ""
            return SharedDocument.Item(title: contribution.title, summary: "", body: contribution.body, language: language.rawValue,
                                       url: address(ContributionPaths.item.url(council.slug, contribution.id)), detail: detail)
        case .workSummary:
            guard let work = try await works.find(id: id, councilID: council.id) else { return nil }
            let textLanguage = Self.written(work.title, preferring: language)
            return SharedDocument.Item(title: Self.pick(work.title, textLanguage, council), summary: work.summary[textLanguage] ?? "", body: "",
                                       language: textLanguage.rawValue, url: address(WorkPaths.item.url(council.slug, work.id)),
                                       detail: localizer.text("work_status_\(work.status)", textLanguage))
        }
    }

    /// The text in `language`, else in the council's language, else in any.
    static func pick(_ text: LocalizedText, _ language: Language, _ council: Council) -> String {
        text[language] ?? text[council.language] ?? Language.allCases.lazy.compactMap { text[$0] }.first ?? ""
    }

    /// The language a text is written in: `language` when it has it, else the first it has.
    static func written(_ text: LocalizedText, preferring language: Language) -> Language {
        if let value = text[language], !value.isEmpty { return language }
        return Language.allCases.first { !(text[$0] ?? "").isEmpty } ?? language
    }
}
