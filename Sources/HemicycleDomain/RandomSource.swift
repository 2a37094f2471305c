/// Random numbers for choices that should vary (which statement a participant sees next), behind a protocol so
/// that tests choose them.
public protocol RandomSource: Sendable {
    /// A number in [0, 1).
    func unit() -> Double
}

/// The system's generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func unit() -> Double { Double.random(in: 0..<1) }
}
