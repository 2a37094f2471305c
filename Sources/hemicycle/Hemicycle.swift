import ArgumentParser
import Configuration
import Foundation
import Hummingbird
import Logging
import Storage
import Web

/// The `hemicycle` command: a thin shell over the Web library.
@main
struct Hemicycle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hemicycle",
        abstract: "The Hemicycle server for economic, social and environmental councils.",
        subcommands: [Serve.self, Worker.self, Migrate.self, Demo.self, Admin.self, OpinionMapCommand.self, DrawCommand.self, BenchCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by the commands that touch the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "sqlite:PATH (default sqlite:hemicycle.sqlite) or postgres://user@host:port/db; overrides DATABASE_URL.")
    var databaseURL: String?

    func configuration() throws -> AppConfiguration {
        var configuration = try AppConfiguration(reader: ConfigReader(provider: EnvironmentVariablesProvider()))
        if let databaseURL { configuration.database = try DatabaseURL(databaseURL) }
        return configuration
    }
}

func makeLogger() -> Logger {
    var logger = Logger(label: "hemicycle")
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database, load demo data into an empty one, and serve.")

    @Option(help: "Address to listen on (or HEMICYCLE_HOST).") var hostname: String?
    @Option(help: "Port to listen on (or PORT).") var port: Int?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var configuration = try database.configuration()
        if let hostname { configuration.hostname = hostname }
        if let port { configuration.port = port }
        if ProcessInfo.processInfo.environment["BASE_URL"] == nil {
            configuration.baseURL = "http://\(configuration.hostname):\(configuration.port)"
        }
        try await HemicycleServer.preflight(configuration: configuration, logger: makeLogger())
        let app = try await HemicycleServer.buildApplication(configuration: configuration, logger: makeLogger())
        try await app.runService()
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute consultations' opinion maps and conventions' lotteries in a process of its own.",
        discussion: "Beside web servers started with HEMICYCLE_MAP_WORKER=false, on the same database; several workers share the work.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await HemicycleServer.runWorker(configuration: try database.configuration(), logger: makeLogger())
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        let applied = try await HemicycleServer.withDatabase(configuration, logger: makeLogger()) { store in
            try await Migrator(database: store, logger: makeLogger()).migrate()
        }
        print(applied.isEmpty ? "Database is up to date." : "Applied: \(applied.joined(separator: ", "))")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo councils (cese-fr, cese-ma) into an empty database.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        let loaded = try await HemicycleServer.withDatabase(configuration, logger: makeLogger()) { store in
            try await HemicycleServer.loadDemoData(configuration: configuration, database: store, logger: makeLogger())
        }
        print(loaded ? "Demo data loaded: cese-fr and cese-ma." : "The database already has councils: demo data not loaded.")
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Administration of the instance.", subcommands: [CreateAdministrator.self])
}

struct CreateAdministrator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an administrator of the instance (the first one in production).",
        discussion: "The password is read from standard input (typed without echo on a terminal); with --link, a link to choose it is queued in the outbox instead.")

    @Option(help: "The administrator's e-mail address.") var email: String
    @Option(help: "The name shown (default: the address's local part).") var name: String?
    @Flag(help: "Send a link to choose the password instead of typing it.") var link = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        var password: String?
        if !link {
            if isatty(STDIN_FILENO) != 0, let typed = getpass("Password for \(email): ") {
                password = String(cString: typed)
            } else {
                password = readLine(strippingNewline: true)
            }
            guard let typed = password, !typed.isEmpty else { throw ValidationError("No password given (or use --link).") }
        }
        let typed = password
        let message = try await HemicycleServer.withDatabase(configuration, logger: makeLogger()) { store in
            try await HemicycleServer.createAdministrator(configuration: configuration, database: store, email: email, name: name,
                                                          password: typed, logger: makeLogger())
        }
        print(message)
    }
}
