import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// SQLKit over one PostgresNIO connection, with rows read through PostgresNIO's own decoding.
///
/// PostgresKit's rows copy their cells into a random-access view on every row and decode every value through a chain of
/// dynamic casts and `Codable` (a third of the avis page's CPU on PostgreSQL). Here the types rows hold (integers, text,
/// reals, booleans, and their optionals) are decoded by PostgresNIO directly. Any other type, or a value PostgresNIO will not read as asked, goes through PostgresKit's
/// row as before, and so does a statement with a value of another type to bind.
struct PostgresSQL: SQLDatabase {
    let connection: PostgresConnection
    /// The names reads are kept prepared under.
    let kept: PostgresKeptStatements
    /// Whether every statement runs in a transaction the store began (`transaction`, `snapshot`).
    let isInTransaction: Bool
    /// PostgresKit's own handle on the same connection, for what the fast path does not read.
    let fallback: any SQLDatabase
    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { .trace }

    init(connection: PostgresConnection, kept: PostgresKeptStatements, isInTransaction: Bool = false) {
        self.connection = connection
        self.kept = kept
        self.isInTransaction = isInTransaction
        self.fallback = connection.sql(queryLogLevel: .trace)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        fallback.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = serialize(query)
        guard let bindings = Self.bindings(binds) else { return try await fallback.execute(sql: query, onRow) }
        if logger.logLevel <= .trace {
            logger.trace("Executing query", metadata: ["sql": .string(sql), "binds": .array(binds.map { .string("\($0)") })])
        }
        // PostgresNIO checks the number of values only for unnamed statements (the protocol counts them in 16 bits).
        guard PostgresKeptStatements.isRead(sql), binds.count <= Int(UInt16.max) else {
            return try await read(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings.values), logger: logger), onRow)
        }
        let key = PostgresKeptStatements.Key(sql: sql, types: bindings.types)
        var retried = false
        while true {
            guard let name = kept.name(for: key) else {
                return try await read(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings.values), logger: logger), onRow)
            }
            var delivered = false
            do {
                let identity = KeptStatement.Identity(name: name, sql: sql, types: key.types)
                // PostgresNIO reads the statement's name, text and types inside this call, its error path included.
                let rows = try await KeptStatement.$identity.withValue(identity) {
                    try await connection.execute(KeptStatement(bindings: bindings.values), logger: logger)
                }
                return try await read(rows) { row in
                    delivered = true
                    onRow(row)
                }
            } catch let error as PSQLError where PostgresKeptStatements.retires(error) {
                kept.retire(name, for: key)
                // A table changed under the kept statement: outside a transaction, nothing was done and nothing read,
                // so the read runs again, prepared anew. Inside one, the transaction is lost and the error stands
                // (`PostgresStore.snapshot` runs its reads again).
                guard !retried, !delivered, !isInTransaction, PostgresKeptStatements.isChangedPlan(error) else { throw error }
                retried = true
            }
        }
    }

    private func read<Rows: AsyncSequence>(_ rows: Rows, _ onRow: (any SQLRow) -> ()) async throws
    where Rows.Element == PostgresRow {
        var columns: ColumnNames?
        for try await row in rows {
            let cells = Array(row)
            // Of two columns with one name, the last answers, as in PostgresNIO's (and PostgresKit's) rows.
            let names = columns ?? ColumnNames(cells.map(\.columnName), duplicates: .last)
            columns = names
            onRow(PostgresFastRow(row: row, cells: cells, columnNames: names))
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// The values bound, when every one is of a type bound directly; otherwise nothing. A present optional is bound as
    /// its value; a NULL is left to PostgresKit, which sends it with its type (an untyped NULL would leave PostgreSQL
    /// unable to tell a parameter's type in `$1 IS NULL`).
    static func bindings(_ values: [any Encodable & Sendable]) -> (values: PostgresBindings, types: [PostgresDataType])? {
        var bindings = PostgresBindings(capacity: values.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(values.count)
        for value in values {
            switch value {
            case let value as Int64: bindings.append(value); types.append(Int64.psqlType)
            case let value as Int: bindings.append(value); types.append(Int.psqlType)
            case let value as Int32: bindings.append(value); types.append(Int32.psqlType)
            case let value as String: bindings.append(value); types.append(String.psqlType)
            case let value as Double: bindings.append(value); types.append(Double.psqlType)
            case let value as Bool: bindings.append(value); types.append(Bool.psqlType)
            default: return nil
            }
        }
        return (bindings, types)
    }
}

/// One row, its cells read once; values PostgresNIO decodes directly, anything else through PostgresKit's row.
struct PostgresFastRow: PositionedRow {
    let row: PostgresRow
    let cells: [PostgresCell]
    let columnNames: ColumnNames

    func isNull(at index: Int) -> Bool { cells[index].bytes == nil }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        if let index = columnNames.index(of: column) { return try decode(at: index, column: column, as: D.self) }
        return try row.sql().decode(column: column, as: D.self)
    }

    func decode<D: Decodable>(at index: Int, column: String, as type: D.Type) throws -> D {
        // Not `try?`: it would fold a NULL read as an optional into a failure.
        do { return try fast(cells[index], as: D.self) } catch {}
        return try row.sql().decode(column: column, as: D.self)
    }

    /// A type the fast path leaves to PostgresKit.
    private struct NotDirect: Error {}

    /// The cell as `D` when PostgresNIO reads that type itself.
    private func fast<D>(_ cell: PostgresCell, as type: D.Type) throws -> D {
        if D.self == Int64.self { return try cell.decode(Int64.self) as! D }
        if D.self == Int.self { return try cell.decode(Int.self) as! D }
        if D.self == String.self { return try cell.decode(String.self) as! D }
        if D.self == Double.self { return try cell.decode(Double.self) as! D }
        if D.self == Bool.self { return try cell.decode(Bool.self) as! D }
        if D.self == Int64?.self { return try cell.decode(Int64?.self) as! D }
        if D.self == Int?.self { return try cell.decode(Int?.self) as! D }
        if D.self == String?.self { return try cell.decode(String?.self) as! D }
        if D.self == Double?.self { return try cell.decode(Double?.self) as! D }
        if D.self == Bool?.self { return try cell.decode(Bool?.self) as! D }
        throw NotDirect()
    }
}
