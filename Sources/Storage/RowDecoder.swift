import SQLKit

extension SQLRow {
    /// The row as a model. A row of the project's own readers (`PositionedRow`) is decoded by `PositionedRowDecoder`,
    /// any other through SQLKit's `SQLRowDecoder`; both read the model's `CodingKeys` as column names (after `prefix`).
    func decodeModel<D: Decodable>(_ type: D.Type, prefix: String = "") throws -> D {
        if let row = self as? any PositionedRow { return try row.decodeModel(D.self, prefix: prefix) }
        return try decode(model: D.self, prefix: prefix.isEmpty ? nil : prefix)
    }
}

extension PositionedRow {
    fileprivate func decodeModel<D: Decodable>(_ type: D.Type, prefix: String) throws -> D {
        try D(from: PositionedRowDecoder(row: self, prefix: prefix))
    }
}

extension SQLQueryFetcher {
    /// Every row as a model (`SQLRow.decodeModel`).
    func decodeAll<D: Decodable>(_ type: D.Type) async throws -> [D] {
        try await all().map { try $0.decodeModel(D.self) }
    }

    /// The first row as a model, if there is one.
    func decodeFirst<D: Decodable>(_ type: D.Type) async throws -> D? {
        try await first().map { try $0.decodeModel(D.self) }
    }
}

/// Decodes a model from a row whose values are found by position: each key's column is found once (SQLKit's decoder
/// builds the column's name as a new string for every field, then scans the columns two or three times for each),
/// and the values rows hold most are read without the generic path.
private struct PositionedRowDecoder<Row: PositionedRow>: Decoder {
    let row: Row
    let prefix: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(row: row, prefix: prefix))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "A row is not a list."))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Row.self, .init(codingPath: [], debugDescription: "A row is not a single value."))
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: Row
        let prefix: String
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] {
            row.columnNames.names.compactMap { name in
                name.hasPrefix(prefix) ? Key(stringValue: String(name.dropFirst(prefix.count))) : nil
            }
        }

        private func column(_ key: Key) -> String { prefix.isEmpty ? key.stringValue : prefix + key.stringValue }

        private func index(_ key: Key) -> (index: Int, column: String)? {
            let column = column(key)
            return row.columnNames.index(of: column).map { ($0, column) }
        }

        private func required(_ key: Key) throws -> (index: Int, column: String) {
            guard let found = index(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "The row has no column \(column(key))."))
            }
            return found
        }

        func contains(_ key: Key) -> Bool { index(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let (index, _) = index(key) else { return true }
            return row.isNull(at: index)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (index, column) = try required(key)
            return try row.decode(at: index, column: column, as: T.self)
        }

        /// An absent column or a NULL is `nil`, found with one scan of the columns instead of three.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let (index, column) = index(key), !row.isNull(at: index) else { return nil }
            return try row.decode(at: index, column: column, as: T.self)
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            let (index, column) = try required(key)
            return try row.decode(at: index, column: column, as: String.self)
        }

        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            let (index, column) = try required(key)
            return try row.decode(at: index, column: column, as: Int64.self)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let (index, column) = index(key), !row.isNull(at: index) else { return nil }
            return try row.decode(at: index, column: column, as: String.self)
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            guard let (index, column) = index(key), !row.isNull(at: index) else { return nil }
            return try row.decode(at: index, column: column, as: Int64.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "A column holds no nested value."))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "A column holds no list."))
        }

        // A row has no superclass part nor nested values: refused, rather than handing out the whole row again.
        func superDecoder() throws -> any Decoder {
            throw DecodingError.typeMismatch(Row.self, .init(codingPath: [], debugDescription: "A row has no super decoder."))
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            throw DecodingError.typeMismatch(Row.self, .init(codingPath: [key], debugDescription: "A column has no decoder of its own."))
        }
    }
}
