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

/// A member's value: scalars as they are, anything else encoded into a node of its own and finished at once (its
/// `encode(to:)` has returned), so each object is built once, as the dictionary the templates read.
private enum Value {
    static func of<T: Encodable>(_ value: T) throws -> TemplateValue {
        // The type is compared, not cast to: a page's rows are mostly structures, for which five failed casts cost more.
        if T.self == String.self { return .string(value as! String) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Int.self { return .int(value as! Int) }
        if T.self == Int64.self { return .int(Int(value as! Int64)) }
        if T.self == Double.self { return .double(value as! Double) }
        let node = Node()
        try value.encode(to: TreeEncoder(node: node))
        return node.resolved()
    }
}

/// A value being built: a dictionary or an array filled in place, or a single value. A nested container (which the
/// synthesised conformances never ask for) is filled after it is handed out, so it is finished with its parent.
private final class Node {
    enum Kind { case empty, keyed, unkeyed, single }

    var kind = Kind.empty
    var keyed: [String: TemplateValue] = [:]
    var unkeyed: [TemplateValue] = []
    var single: TemplateValue?
    var nestedKeyed: [(key: String, node: Node)] = []
    var nestedUnkeyed: [(index: Int, node: Node)] = []

    func resolved() -> TemplateValue {
        switch kind {
        case .empty: return .object([:])
        case .keyed:
            for (key, node) in nestedKeyed { keyed[key] = node.resolved() }
            return .object(keyed)
        case .unkeyed:
            for (index, node) in nestedUnkeyed { unkeyed[index] = node.resolved() }
            return .list(unkeyed)
        case .single: return single ?? .object([:])
        }
    }

    /// A member written at once; it replaces a nested container handed out earlier for the same key.
    func set(_ value: TemplateValue, forKey key: String) {
        keyed[key] = value
        if !nestedKeyed.isEmpty { nestedKeyed.removeAll { $0.key == key } }
    }

    func nest(_ child: Node, forKey key: String) {
        keyed[key] = .null
        nestedKeyed.removeAll { $0.key == key }
        nestedKeyed.append((key, child))
    }

    func nest(_ child: Node) {
        nestedUnkeyed.append((unkeyed.count, child))
        unkeyed.append(.null)
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
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(.string(value), forKey: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(.bool(value), forKey: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(.int(value), forKey: key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.set(.int(Int(value)), forKey: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.set(.double(value), forKey: key.stringValue) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        node.set(try Value.of(value), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .keyed
        node.nest(child, forKey: key.stringValue)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .unkeyed
        node.nest(child, forKey: key.stringValue)
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Node()
        node.nest(child, forKey: key.stringValue)
        return TreeEncoder(node: child)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.unkeyed.count }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.unkeyed.append(.string(value)) }
    mutating func encode(_ value: Bool) throws { node.unkeyed.append(.bool(value)) }
    mutating func encode(_ value: Int) throws { node.unkeyed.append(.int(value)) }
    mutating func encode(_ value: Int64) throws { node.unkeyed.append(.int(Int(value))) }
    mutating func encode(_ value: Double) throws { node.unkeyed.append(.double(value)) }

    mutating func encode(_ value: some Encodable) throws {
        node.unkeyed.append(try Value.of(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .keyed
        node.nest(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .unkeyed
        node.nest(child)
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = Node()
        node.nest(child)
        return TreeEncoder(node: child)
    }
}

/// A value that encodes itself as one value (a raw-value enum, a wrapper): stored as that value.
private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.single = .string(value) }
    mutating func encode(_ value: Bool) throws { node.single = .bool(value) }
    mutating func encode(_ value: Int) throws { node.single = .int(value) }
    mutating func encode(_ value: Int64) throws { node.single = .int(Int(value)) }
    mutating func encode(_ value: Double) throws { node.single = .double(value) }

    mutating func encode(_ value: some Encodable) throws {
        node.single = try Value.of(value)
    }
}
