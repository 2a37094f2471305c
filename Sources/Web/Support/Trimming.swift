import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: set)`, without Foundation's bridged search when neither end has anything to trim
    /// (most form values and header fields): the same result, a fraction of the cost on every request.
    func trimmed(of set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !set.contains(first) && !set.contains(last) { return String(self) }
        return trimmingCharacters(in: set)
    }
}
