extension Array {
    /// The first non-nil result of `transform`, in order.
    func asyncFirst<T>(where transform: (Element) async throws -> T?) async rethrows -> T? {
        for element in self { if let value = try await transform(element) { return value } }
        return nil
    }
}
