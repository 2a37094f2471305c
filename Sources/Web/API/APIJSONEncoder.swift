import Foundation

/// The API's JSON, written as Foundation's `JSONEncoder` writes it with `[.sortedKeys, .withoutEscapingSlashes]` and
/// ISO 8601 dates (keys in the order of their UTF-8 bytes, `nil` optionals left out, integral numbers without a
/// fraction, bytes in Base64), byte for byte, which a test checks, but without its per-value boxing and coding paths (a tenth of the
/// published avis's JSON CPU).
enum APIJSONEncoder {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let node = JSONNode()
        try value.encode(to: JSONTreeEncoder(node: node))
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        node.write(to: &output)
        return output
    }

    /// A string as a JSON string: quotes, backslashes and control characters escaped, everything else as it is.
    static func write(string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                               hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                run = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// A number as Foundation writes it: Swift's shortest form, without a `.0` on integral values; like Foundation,
    /// refuses a value JSON cannot hold.
    static func text<F: BinaryFloatingPoint & LosslessStringConvertible>(of number: F) throws -> String {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "\(number) is not a JSON number"))
        }
        var text = "\(number)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A date as ISO 8601 in UTC to the second (`2026-11-30T09:00:00Z`), the fraction dropped.
    static func text(of date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(yearText)-\(two(month))-\(two(day))T\(two(time / 3_600)):\(two(time % 3_600 / 60)):\(two(time % 60))Z"
    }
}

/// A value being encoded: a scalar already written as JSON, an object, an array, or nothing yet.
private final class JSONNode {
    enum Content {
        case empty
        case scalar([UInt8])
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
    }

    var content = Content.empty

    init() {}
    init(scalar: [UInt8]) { content = .scalar(scalar) }

    func write(to output: inout [UInt8]) {
        switch content {
        case .empty: output.append(contentsOf: Array("{}".utf8))
        case .scalar(let bytes): output.append(contentsOf: bytes)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            // Keys in the order of their UTF-8 bytes; for a key given twice, the last value wins, as in a dictionary.
            let sorted = members.enumerated().sorted { a, b in
                a.element.key == b.element.key ? a.offset < b.offset : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
            }
            var first = true
            for (index, member) in sorted.enumerated() {
                if index + 1 < sorted.count, sorted[index + 1].element.key == member.element.key { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                APIJSONEncoder.write(string: member.element.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.element.node.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    func append(_ key: String, _ node: JSONNode) {
        if case .object(var members) = content {
            content = .empty
            members.append((key, node))
            content = .object(members)
        } else {
            content = .object([(key, node)])
        }
    }

    func append(_ node: JSONNode) {
        if case .array(var items) = content {
            content = .empty
            items.append(node)
            content = .array(items)
        } else {
            content = .array([node])
        }
    }

    static func of<T: Encodable>(_ value: T) throws -> JSONNode {
        if T.self == Date.self, let date = value as? Date { return .string(APIJSONEncoder.text(of: date)) }
        // Bytes as Foundation writes them by default: Base64.
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        let node = JSONNode()
        try value.encode(to: JSONTreeEncoder(node: node))
        return node
    }

    static func string(_ value: String) -> JSONNode {
        var bytes: [UInt8] = []
        APIJSONEncoder.write(string: value, to: &bytes)
        return JSONNode(scalar: bytes)
    }

    static func literal(_ text: String) -> JSONNode { JSONNode(scalar: Array(text.utf8)) }
}

private struct JSONTreeEncoder: Encoder {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return JSONUnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleContainer(node: node) }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.append(key.stringValue, .literal("null")) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.append(key.stringValue, .literal(value ? "true" : "false")) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.append(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.append(key.stringValue, .literal(try APIJSONEncoder.text(of: value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.append(key.stringValue, .literal(try APIJSONEncoder.text(of: value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.append(key.stringValue, .literal(String(value))) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { node.append(key.stringValue, try .of(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode()
        child.content = .object([])
        node.append(key.stringValue, child)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONNode()
        child.content = .array([])
        node.append(key.stringValue, child)
        return JSONUnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let child = JSONNode()
        node.append(name, child)
        return JSONTreeEncoder(node: child)
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { if case .array(let items) = node.content { items.count } else { 0 } }

    mutating func encodeNil() throws { node.append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { node.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { node.append(.string(value)) }
    mutating func encode(_ value: Double) throws { node.append(.literal(try APIJSONEncoder.text(of: value))) }
    mutating func encode(_ value: Float) throws { node.append(.literal(try APIJSONEncoder.text(of: value))) }
    mutating func encode(_ value: Int) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: Int8) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { node.append(.literal(String(value))) }
    mutating func encode(_ value: some Encodable) throws { node.append(try .of(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode()
        child.content = .object([])
        node.append(child)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONNode()
        child.content = .array([])
        node.append(child)
        return JSONUnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONNode()
        node.append(child)
        return JSONTreeEncoder(node: child)
    }
}

private struct JSONSingleContainer: SingleValueEncodingContainer {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.content = .scalar(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { node.content = .scalar(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String) throws { node.content = JSONNode.string(value).content }
    mutating func encode(_ value: Double) throws { node.content = .scalar(Array(try APIJSONEncoder.text(of: value).utf8)) }
    mutating func encode(_ value: Float) throws { node.content = .scalar(Array(try APIJSONEncoder.text(of: value).utf8)) }
    mutating func encode(_ value: Int) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: Int8) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: Int16) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: Int32) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt8) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt16) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt32) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt64) throws { node.content = .scalar(Array(String(value).utf8)) }
    mutating func encode(_ value: some Encodable) throws { node.content = try JSONNode.of(value).content }
}
