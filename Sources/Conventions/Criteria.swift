import Foundation
import HemicycleDomain

/// One value of a criterion (a woman, aged 25–34, living in a rural area…) and the share of the population that has
/// it, which the panel should mirror.
public struct CriterionValue: Sendable, Hashable, Codable {
    /// Stable key, as in the pool's files (`female`, `25-34`).
    public var key: String
    public var name: LocalizedText
    /// Share of the population with this value, between 0 and 1.
    public var populationShare: Double

    public init(key: String, name: LocalizedText, populationShare: Double) {
        self.key = key
        self.name = name
        self.populationShare = populationShare
    }
}

/// A criterion of the draw (sex, age band, education, socio-professional category, region, urban or rural…): every
/// volunteer has exactly one of its values.
public struct Criterion: Sendable, Hashable, Codable {
    public var key: String
    public var name: LocalizedText
    public var values: [CriterionValue]

    public init(key: String, name: LocalizedText, values: [CriterionValue]) {
        self.key = key
        self.name = name
        self.values = values
    }

    /// The index of the value with this key, if any.
    public func index(of valueKey: String) -> Int? { values.firstIndex { $0.key == valueKey } }
}

/// What is wrong with a set of criteria or quotas: each case names the criterion (and value) so the page can point at
/// it. `key` is the message's localisation key.
public enum CriteriaError: Error, Sendable, Equatable {
    case noCriteria
    case duplicateCriterion(String)
    case criterionWithoutValues(String)
    case duplicateValue(criterion: String, value: String)
    case invalidKey(String)
    case shareOutOfRange(criterion: String, value: String)
    /// The shares of a criterion's values do not add up to the whole population (to within half a percent).
    case sharesDoNotAddUp(criterion: String, total: Double)
    case panelSizeOutOfRange(Int)
    case minimumAboveMaximum(criterion: String, value: String)
    case quotaOutOfRange(criterion: String, value: String)
    /// The criterion's minimums ask for more seats than the panel has.
    case minimumsExceedPanel(criterion: String, total: Int)
    /// The criterion's maximums leave seats that nobody may take.
    case maximumsBelowPanel(criterion: String, total: Int)
    case unknownValue(criterion: String, value: String)
    /// More criteria than a draw can use (`Criteria.maximumCriteria`).
    case tooManyCriteria(Int)
    /// More values in one criterion than `Criteria.maximumValues`.
    case tooManyValues(criterion: String)

    public var key: String {
        switch self {
        case .noCriteria: "convention_error_no_criteria"
        case .duplicateCriterion: "convention_error_duplicate_criterion"
        case .criterionWithoutValues: "convention_error_criterion_without_values"
        case .duplicateValue: "convention_error_duplicate_value"
        case .invalidKey: "convention_error_invalid_key"
        case .shareOutOfRange: "convention_error_share_out_of_range"
        case .sharesDoNotAddUp: "convention_error_shares_do_not_add_up"
        case .panelSizeOutOfRange: "convention_error_panel_size"
        case .minimumAboveMaximum: "convention_error_minimum_above_maximum"
        case .quotaOutOfRange: "convention_error_quota_out_of_range"
        case .minimumsExceedPanel: "convention_error_minimums_exceed_panel"
        case .maximumsBelowPanel: "convention_error_maximums_below_panel"
        case .unknownValue: "convention_error_unknown_value"
        case .tooManyCriteria: "convention_error_too_many_criteria"
        case .tooManyValues: "convention_error_too_many_values"
        }
    }

    /// The criterion the error is about, if any.
    public var criterion: String? {
        switch self {
        case .noCriteria, .panelSizeOutOfRange, .tooManyCriteria: nil
        case .duplicateCriterion(let c), .criterionWithoutValues(let c), .invalidKey(let c), .tooManyValues(let c): c
        case .duplicateValue(let c, _), .shareOutOfRange(let c, _), .sharesDoNotAddUp(let c, _), .minimumAboveMaximum(let c, _),
             .quotaOutOfRange(let c, _), .minimumsExceedPanel(let c, _), .maximumsBelowPanel(let c, _), .unknownValue(let c, _): c
        }
    }
}

public enum Criteria {
    /// The tolerance on a criterion's total share: shares published as whole or one-decimal percentages may miss
    /// 100% by rounding.
    public static let shareTolerance = 0.005
    /// Councils draw on six to eight criteria; more would leave most volunteers alone in their profile.
    public static let maximumCriteria = 20
    /// Regions, departments or occupations rarely pass a hundred values.
    public static let maximumValues = 200

    /// A key as the pool's files write it (`female`, `65+`, `Île-de-France`, `prefer not to say`): 1 to 100 characters,
    /// no control character, no space at either end.
    public static func isValidKey(_ key: String) -> Bool {
        guard !key.isEmpty, key.count <= 100, key.trimmingCharacters(in: .whitespacesAndNewlines) == key else { return false }
        return !key.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// Checks criteria as the secretariat defines them. Keys are told apart without regard to case, as pool files
    /// are read (`Female` and `female` are one value).
    public static func validate(_ criteria: [Criterion]) throws(CriteriaError) {
        guard !criteria.isEmpty else { throw .noCriteria }
        guard criteria.count <= maximumCriteria else { throw .tooManyCriteria(criteria.count) }
        var seen: Set<String> = []
        for criterion in criteria {
            guard isValidKey(criterion.key) else { throw .invalidKey(criterion.key) }
            guard seen.insert(criterion.key.lowercased()).inserted else { throw .duplicateCriterion(criterion.key) }
            guard !criterion.values.isEmpty else { throw .criterionWithoutValues(criterion.key) }
            guard criterion.values.count <= maximumValues else { throw .tooManyValues(criterion: criterion.key) }
            var values: Set<String> = []
            var total = 0.0
            for value in criterion.values {
                guard isValidKey(value.key) else { throw .invalidKey(value.key) }
                guard values.insert(value.key.lowercased()).inserted else { throw .duplicateValue(criterion: criterion.key, value: value.key) }
                guard value.populationShare.isFinite, (0...1).contains(value.populationShare) else {
                    throw .shareOutOfRange(criterion: criterion.key, value: value.key)
                }
                total += value.populationShare
            }
            guard abs(total - 1) <= shareTolerance else { throw .sharesDoNotAddUp(criterion: criterion.key, total: total) }
        }
    }
}
