import Foundation
import HemicycleDomain
import Organisation
import Storage
import Testing
@testable import Web

@Suite struct LocalizationTests {
    let localizer: Localizer

    init() throws {
        localizer = try Localizer.bundled()
    }

    @Test func everyLanguageHasEveryKey() {
        let french = Set(localizer.table(.fr).keys)
        #expect(french.count > 100)
        for language in Language.allCases {
            let keys = Set(localizer.table(language).keys)
            #expect(keys == french, "\(language): missing \(french.subtracting(keys).sorted()), extra \(keys.subtracting(french).sorted())")
            for (key, value) in localizer.table(language) {
                #expect(!value.trimmingCharacters(in: .whitespaces).isEmpty, "\(language).\(key) is empty")
            }
        }
    }

    /// A sentence with a count has, in each language, exactly the forms of that language's plural categories,
    /// each writing the count where the language writes it.
    @Test func everyPluralSentenceHasTheFormsOfItsLanguage() {
        let french = Set(localizer.plurals[.fr]?.keys.map { $0 } ?? [])
        #expect(french.count >= 5)
        for language in Language.allCases {
            let entries = localizer.plurals[language] ?? [:]
            #expect(Set(entries.keys) == french, "\(language): plural sentences differ from French")
            #expect(Set(entries.keys).isDisjoint(with: localizer.table(language).keys), "\(language): a key is both a sentence and a plural")
            for (key, forms) in entries {
                #expect(Set(forms.keys) == Set(PluralRules.categories(of: language)), "\(language).\(key) has forms \(forms.keys.map(\.rawValue).sorted())")
                #expect(forms[.other]?.contains("{count}") == true, "\(language).\(key).other does not write the count")
                for (category, text) in forms {
                    #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language).\(key).\(category) is empty")
                }
            }
        }
    }

    @Test func aPluralSentenceFollowsTheCount() {
        let format = { (language: Language) in Formatting(language: language) }
        #expect(localizer.plural("stat_groups", count: 1, number: format(.fr).number(1), .fr) == "1 groupe")
        #expect(localizer.plural("stat_groups", count: 0, number: format(.fr).number(0), .fr) == "0 groupe")
        #expect(localizer.plural("stat_groups", count: 12, number: format(.fr).number(12), .fr) == "12 groupes")
        #expect(localizer.plural("stat_groups", count: 0, number: format(.en).number(0), .en) == "0 groups")
        #expect(localizer.plural("stat_groups", count: 2, number: "2", .ar) == "مجموعتان")
        #expect(localizer.plural("stat_groups", count: 5, number: "5", .ar) == "5 مجموعات")
        #expect(localizer.plural("stat_groups", count: 11, number: "11", .ar) == "11 مجموعة")
        #expect(localizer.plural("stat_groups", count: 100, number: "100", .ar) == "100 مجموعة")
    }

    @Test func placeholdersAreFilledInOnePass() {
        #expect(Localizer.fill("Déposé par {author} ({group}).", ["author": "{group}", "group": "UNSA"]) == "Déposé par {group} (UNSA).")
        #expect(Localizer.fill("{a}{b} {c} {", ["a": "1", "b": "2"]) == "12 {c} {")
    }

    @Test func everyKeyUsedByATemplateExists() throws {
        let directory = try Views.directory()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= Views.required.count)
        var used = Set<String>()
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            used.formUnion(text.matches(of: /\{\{[#^\/]?t\.([a-z0-9_]+)\}\}/).map { String($0.1) })
        }
        #expect(used.count > 50)
        for key in used { #expect(localizer.has(key), "template key t.\(key) has no translation") }
    }

    @Test func everyKeyBuiltInCodeExists() {
        var keys = Role.allCases.map(\.labelKey)
        keys += ["FR", "MA"].map { "country_\($0)" }
        keys += ["verify_email", "reset_password", "password_changed", "signup_existing", "reset_no_account", "invitation"]
            .flatMap { ["mail_\($0)_subject", "mail_\($0)_body"] }
        keys += ["signed_out", "profile_saved", "password_changed", "password_reset", "account_deleted", "saved", "deleted", "invited",
                 "invitation_accepted", "cosigned"].map { "notice_\($0)" }
        keys += Language.allCases.map { "language_\($0.rawValue)" }
        // The budget's states, levels, what a line serves, the audit trail's changes, an amount's problems; duties.
        keys += BudgetYearStatus.allCases.map { "budget_status_\($0.rawValue)" } + BudgetLevel.allCases.map { "budget_level_\($0.rawValue)" }
        keys += BudgetLinkKind.allCases.map { "budget_link_\($0.rawValue)" } + BudgetAmount.Problem.allCases.map(\.rawValue)
        keys += ["year_create", "line_add", "line_update", "line_remove", "status", "transfer", "commitment", "payment"].map { "budget_audit_\($0)" }
        keys += Duty.allCases.map(\.labelKey) + SecretariatUnitKind.allCases.map { "secretariat_kind_\($0.rawValue)" }
        for key in keys { #expect(localizer.has(key), "\(key) has no translation") }
    }

    /// Every key written in the Swift sources (`site.pages.text("…")`, `t("…")`, errors and decisions with a key) exists
    /// in all three locale files, which are the one source of strings.
    @Test func everyKeyWrittenInSwiftExistsInEveryLanguage() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        // Calls whose first argument is a key: `site.pages.text("…")` (not `form.text`), `t("…")`, `invalid("…")`,
        // `.forbidden("…")`, `.conflict("…")`; and `PageError(.status, "…")`, `key: "…"`.
        let call = /([A-Za-z_.]*)\(\s*"([a-z][a-z0-9_]+)"/
        let others = /(?:PageError\(\.[a-zA-Z]+,\s*|key:\s*)"([a-z][a-z0-9_]+)"/
        var keys = Set<String>(), plurals = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: call) {
                let callee = String(match.1)
                let isKey = (callee.hasSuffix(".text") && !callee.hasSuffix("form.text")) || callee == "t" || callee.hasSuffix(".t")
                    || callee.hasSuffix("invalid") || callee == ".forbidden" || callee == ".conflict"
                if callee.hasSuffix("plural") {
                    plurals.insert(String(match.2))
                } else if isKey {
                    keys.insert(String(match.2))
                }
            }
            keys.formUnion(text.matches(of: others).map { String($0.1) })
        }
        #expect(keys.count > 80 && plurals.count >= 5)
        for key in plurals.sorted() {
            for language in Language.allCases {
                #expect(localizer.plurals[language]?[key] != nil, "\(key) has no \(language.rawValue) plural forms")
            }
        }
        for key in keys.sorted() {
            for language in Language.allCases {
                #expect(localizer.table(language)[key] != nil, "\(key) has no \(language.rawValue) text")
            }
        }
    }

    /// The moderation history's sentences are chosen by decision, not written as literals the test above finds.
    @Test func everyModerationDecisionIsSaidInEveryLanguage() {
        for decision in ModerationDecisionRecord.Decision.allCases {
            for hasReason in [false, true] {
                let key = ModerationHistory.key(decision, hasReason: hasReason)
                for language in Language.allCases {
                    #expect(localizer.table(language)[key] != nil, "\(key) has no \(language.rawValue) text")
                }
            }
        }
    }

    @Test func placeholdersAreTheSameInEveryLanguage() {
        for (key, french) in localizer.table(.fr) {
            let expected = Set(french.matches(of: /\{[a-z]+\}/).map { String($0.0) })
            for language in [Language.ar, .en] {
                let value = localizer.table(language)[key] ?? ""
                #expect(Set(value.matches(of: /\{[a-z]+\}/).map { String($0.0) }) == expected, "\(language).\(key)")
            }
        }
    }
}
