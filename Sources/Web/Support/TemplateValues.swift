import Mustache

// The scalars page models hand to templates render as themselves: without these, each value shown goes through the
// renderer's lambda and optional checks and `String(describing:)`, a handful of dynamic casts per value.

extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}

extension Int64: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
