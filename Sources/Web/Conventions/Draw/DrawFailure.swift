import Foundation
import Sortition

/// Why no lottery could be computed, as stored with the draw: a key of the locale files and, for quotas that cannot
/// be met together, the criteria and the smallest relaxation as JSON, shown in the reader's language.
enum DrawFailure {
    struct Detail: Codable, Equatable {
        struct Change: Codable, Equatable {
            let criterion: String
            let value: String
            let min: [Int]
            let max: [Int]
        }

        let criteria: [String]
        let changes: [Change]
    }

    static func record(_ error: SortitionError) -> (key: String, detail: String?) {
        switch error {
        case let .infeasibleQuotas(categories, relaxation):
            let detail = Detail(criteria: categories, changes: relaxation.map {
                Detail.Change(criterion: $0.category, value: $0.value, min: [$0.min.from, $0.min.to], max: [$0.max.from, $0.max.to])
            })
            let json = (try? JSONEncoder().encode(detail)).map { String(decoding: $0, as: UTF8.self) }
            return ("convention_draw_failed_infeasible", json)
        case .impossible:
            return ("convention_draw_failed_impossible", nil)
        case .invalidInstance, .solver:
            return ("convention_draw_failed_engine", nil)
        }
    }

    static func detail(_ text: String?) -> Detail? {
        text.flatMap { try? JSONDecoder().decode(Detail.self, from: Data($0.utf8)) }
    }
}
