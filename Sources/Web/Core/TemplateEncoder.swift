/// Turns a typed page model (`Encodable`) into the dictionaries, arrays and scalars the templates read, in one pass
/// and without JSON: a `nil` optional leaves its key out (a false section), a `Bool` opens or skips a section.
enum TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> Any {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.node.resolved()
    }
}

/// A value being built: a dictionary or an array filled in place, or a finished scalar.
private final class Node {
    enum Content {
        case empty
        case scalar(Any)
        case keyed([String: Node])
        case unkeyed([Node])
    }

    var content: Content = .empty

    func resolved() -> Any {
        switch content {
        case .empty: return [String: Any]()
        case .scalar(let value): return value
        case .keyed(let children): return children.mapValues { $0.resolved() }
        case .unkeyed(let children): return children.map { $0.resolved() }
        }
    }

    func keyed() -> Self {
        if case .keyed = content { return self }
        content = .keyed([:])
        return self
    }

    func unkeyed() -> Self {
        if case .unkeyed = content { return self }
        content = .unkeyed([])
        return self
    }

    func set(_ key: String, _ child: Node) {
        guard case .keyed(var children) = content else { return }
        content = .empty
        children[key] = child
        content = .keyed(children)
    }

    func append(_ child: Node) {
        guard case .unkeyed(var children) = content else { return }
        content = .empty
        children.append(child)
        content = .unkeyed(children)
    }

    var count: Int {
        if case .unkeyed(let children) = content { return children.count }
        return 0
    }
}

private struct TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let node = Node()
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(node: node.keyed(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(node: node.unkeyed(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }

    /// The node of `value`: scalars as they are, anything else encoded further.
    static func node(for value: some Encodable, at path: [any CodingKey]) throws -> Node {
        if let scalar = Self.scalar(value) {
            let node = Node()
            node.content = .scalar(scalar)
            return node
        }
        let encoder = TreeEncoder(codingPath: path)
        try value.encode(to: encoder)
        return encoder.node
    }

    static func scalar(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Int64, is Double: value
        default: nil
        }
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        node.set(key.stringValue, try TreeEncoder.node(for: value, at: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node().keyed()
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node().unkeyed()
        node.set(key.stringValue, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws {}

    mutating func encode(_ value: some Encodable) throws {
        node.append(try TreeEncoder.node(for: value, at: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node().keyed()
        node.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node().unkeyed()
        node.append(child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [IndexKey(count)])
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {}

    mutating func encode(_ value: some Encodable) throws {
        let child = try TreeEncoder.node(for: value, at: codingPath)
        node.content = child.content
    }
}
