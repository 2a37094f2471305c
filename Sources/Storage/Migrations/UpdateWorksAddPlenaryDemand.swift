import SQLKit

/// Simplified procedure: the date until which members may demand a plenary debate, and when one was demanded.
struct UpdateWorksAddPlenaryDemand: Migration {
    let name = "UpdateWorksAddPlenaryDemand"

    func prepare(on sql: any SQLDatabase) async throws {
        let timestamp = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.alter(table: "works").column("plenary_demand_deadline", type: timestamp).run()
        try await sql.alter(table: "works").column("plenary_demanded_at", type: timestamp).run()
    }
}
