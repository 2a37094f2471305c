/// Turns a typed page model (`Encodable`) into the `TemplateValue`s the templates read, without JSON: a `nil` optional
/// leaves its key out (a false section), a `Bool` opens or skips a section. Strings, numbers and booleans are stored as
/// they are, without a node of their own; no coding path is kept (nothing here fails on a key).
enum TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> TemplateValue {
        let node = Node()
        try value.encode(to: TreeEncoder(node: node))
        return node.resolved()
    }
}

/// A member of a container: a finished scalar, or a node still being filled.
private enum Value {
    case scalar(TemplateValue)
    case node(Node)

    func resolved() -> TemplateValue {
        switch self {
        case .scalar(let value): value
        case .node(let node): node.resolved()
        }
    }

    /// `value` as a member: scalars as they are, anything else encoded into a node of its own.
    static func of<T: Encodable>(_ value: T) throws -> Value {
        // The type is compared, not cast to: a page's rows are mostly structures, for which five failed casts cost more.
        if T.self == String.self { return .scalar(.string(value as! String)) }
        if T.self == Bool.self { return .scalar(.bool(value as! Bool)) }
        if T.self == Int.self { return .scalar(.int(value as! Int)) }
        if T.self == Int64.self { return .scalar(.int(Int(value as! Int64))) }
        if T.self == Double.self { return .scalar(.double(value as! Double)) }
        let node = Node()
        try value.encode(to: TreeEncoder(node: node))
        return .node(node)
    }
}

/// A value being built: a dictionary or an array filled in place, or a single value.
private final class Node {
    enum Kind { case empty, keyed, unkeyed, single }

    var kind = Kind.empty
    var keyed: [String: Value] = [:]
    var unkeyed: [Value] = []
    var single: Value?

    func resolved() -> TemplateValue {
        switch kind {
        case .empty: .object([:])
        case .keyed: .object(keyed.mapValues { $0.resolved() })
        case .unkeyed: .list(unkeyed.map { $0.resolved() })
        case .single: single?.resolved() ?? .object([:])
        }
    }
}

private struct TreeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .keyed
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kind = .unkeyed
        return UnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        node.kind = .single
        return SingleContainer(node: node)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: String, forKey key: Key) throws { node.keyed[key.stringValue] = .scalar(.string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.keyed[key.stringValue] = .scalar(.bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.keyed[key.stringValue] = .scalar(.int(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.keyed[key.stringValue] = .scalar(.int(Int(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.keyed[key.stringValue] = .scalar(.double(value)) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        node.keyed[key.stringValue] = try Value.of(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .keyed
        node.keyed[key.stringValue] = .node(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .unkeyed
        node.keyed[key.stringValue] = .node(child)
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Node()
        node.keyed[key.stringValue] = .node(child)
        return TreeEncoder(node: child)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.unkeyed.count }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.unkeyed.append(.scalar(.string(value))) }
    mutating func encode(_ value: Bool) throws { node.unkeyed.append(.scalar(.bool(value))) }
    mutating func encode(_ value: Int) throws { node.unkeyed.append(.scalar(.int(value))) }
    mutating func encode(_ value: Int64) throws { node.unkeyed.append(.scalar(.int(Int(value)))) }
    mutating func encode(_ value: Double) throws { node.unkeyed.append(.scalar(.double(value))) }

    mutating func encode(_ value: some Encodable) throws {
        node.unkeyed.append(try Value.of(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .keyed
        node.unkeyed.append(.node(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .unkeyed
        node.unkeyed.append(.node(child))
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = Node()
        node.unkeyed.append(.node(child))
        return TreeEncoder(node: child)
    }
}

/// A value that encodes itself as one value (a raw-value enum, a wrapper): stored as that value.
private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.single = .scalar(.string(value)) }
    mutating func encode(_ value: Bool) throws { node.single = .scalar(.bool(value)) }
    mutating func encode(_ value: Int) throws { node.single = .scalar(.int(value)) }
    mutating func encode(_ value: Int64) throws { node.single = .scalar(.int(Int(value))) }
    mutating func encode(_ value: Double) throws { node.single = .scalar(.double(value)) }

    mutating func encode(_ value: some Encodable) throws {
        node.single = try Value.of(value)
    }
}
