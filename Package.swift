// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "hemicycle",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hemicycle", targets: ["hemicycle"]),
        .library(name: "HemicycleDomain", targets: ["HemicycleDomain"]),
        .library(name: "OpinionMap", targets: ["OpinionMap"]),
        .library(name: "Sortition", targets: ["Sortition"]),
        .library(name: "CouncilWork", targets: ["CouncilWork"]),
        .library(name: "Conventions", targets: ["Conventions"]),
        .library(name: "Consultations", targets: ["Consultations"]),
        .library(name: "PublicSite", targets: ["PublicSite"]),
        .library(name: "Cooperation", targets: ["Cooperation"]),
        .library(name: "Organisation", targets: ["Organisation"]),
        .library(name: "Web", targets: ["Web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1",
                 traits: ["ConfigurationSupport"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-http-structured-headers.git", from: "1.7.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure domain rules: roles, permissions, languages, validation. No server or database import.
        .target(name: "HemicycleDomain", swiftSettings: strict),
        // Pure Swift: RFC 4180 CSV reading and writing with line and column errors.
        .target(name: "CSVFormat", swiftSettings: strict),
        // Pure Swift: the Polis opinion map (PCA, clustering, representative and consensus statements).
        .target(name: "OpinionMap", dependencies: ["CSVFormat"], swiftSettings: strict),
        // Pure Swift: council work rules (draft versions and diffs, amendments and their conflicts, consolidation,
        // tallies by group, the life of a work item).
        .target(name: "CouncilWork", dependencies: ["HemicycleDomain"], swiftSettings: strict),
        // Pure rules of citizens' conventions: criteria and quotas, the pool against them, duplicates, votes.
        .target(name: "Conventions", dependencies: ["HemicycleDomain", "CSVFormat"], swiftSettings: strict),
        // Pure rules of citizen consultations: phases, who may take part, moderation, the next statement, rate limits.
        .target(name: "Consultations", dependencies: ["HemicycleDomain"], swiftSettings: strict),
        // Pure rules of the council's public site: news posts' workflow, their addresses, the cleaning of their body.
        .target(name: "PublicSite", dependencies: ["HemicycleDomain"], swiftSettings: strict),
        .target(name: "Cooperation", dependencies: ["HemicycleDomain"], swiftSettings: strict),
        // Pure rules of a council's organisation: sittings and their agendas, attendance, proxies and quorum, terms of
        // office, calendars (RFC 5545).
        .target(name: "Organisation", dependencies: ["HemicycleDomain", "CSVFormat"], swiftSettings: strict),
        // Pure Swift: HTTP Message Signatures (RFC 9421, Ed25519) and Content-Digest (RFC 9530), for instances that
        // speak to each other.
        .target(
            name: "Federation",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers")],
            swiftSettings: strict),
        // COIN-OR CBC and CLP C interfaces (Debian coinor-libcbc-dev, coinor-libclp-dev).
        .systemLibrary(
            name: "CCoinOR", pkgConfig: "cbc",
            providers: [.apt(["coinor-libcbc-dev", "coinor-libclp-dev"])]),
        // A small Swift interface to linear and mixed-integer solvers; the COIN-OR back end is the only C it holds.
        .target(name: "LinearSolvers", dependencies: ["CCoinOR"], swiftSettings: strict),
        // Pure Swift: stratified sortition (LEGACY, LEXIMIN, transparent lotteries, verifiable draws).
        .target(
            name: "Sortition",
            dependencies: ["CSVFormat", "LinearSolvers", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        // C: the one SQLite setting of the reader connections that Swift cannot call (a variable argument list).
        .target(name: "CSQLiteOptions", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        // SQLKit only: database factories (SQLite, PostgreSQL), migrations, repositories.
        .target(
            name: "Storage",
            dependencies: [
                "HemicycleDomain",
                "CSQLiteOptions",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Hummingbird: composition root, routes per capability, views, API.
        .target(
            name: "Web",
            dependencies: [
                "HemicycleDomain",
                "CouncilWork",
                "Conventions",
                "Consultations",
                "PublicSite",
                "Cooperation",
                "Organisation",
                // Signed deliveries between instances, and the client that makes them.
                "Federation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // A convention's draw: the worker runs LEXIMIN and commits; the pick is instant.
                "Sortition",
                // Where a convention's members stand, from their votes on statements.
                "OpinionMap",
                "CSVFormat",
                "Storage",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The worker process stops on SIGTERM and SIGINT as the server does.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // Shared by the test targets: a test whose data, tool or service is missing fails under CI, is skipped elsewhere.
        .target(name: "TestRequirements", swiftSettings: strict),
        // Shared by the test targets: fresh SQLite and PostgreSQL databases per test, a fixed clock, a query counter.
        .target(
            name: "TestSupport",
            dependencies: [
                "Storage",
                "HemicycleDomain",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hemicycle",
            dependencies: [
                "Web",
                "OpinionMap",
                "Sortition",
                "LinearSolvers",
                "CSVFormat",
                "CouncilWork",
                "Storage",
                "HemicycleDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "HemicycleDomainTests", dependencies: ["HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "OpinionMapTests", dependencies: ["OpinionMap", "CSVFormat", "TestRequirements"], swiftSettings: strict),
        .testTarget(name: "CouncilWorkTests", dependencies: ["CouncilWork", "HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "ConventionsTests", dependencies: ["Conventions", "HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "ConsultationsTests", dependencies: ["Consultations", "HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "PublicSiteTests", dependencies: ["PublicSite", "HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "CooperationTests", dependencies: ["Cooperation", "HemicycleDomain"], swiftSettings: strict),
        .testTarget(name: "OrganisationTests", dependencies: ["Organisation", "HemicycleDomain", "CSVFormat", "TestRequirements"], swiftSettings: strict),
        .testTarget(name: "FederationTests", dependencies: ["Federation", "TestRequirements", .product(name: "Crypto", package: "swift-crypto")],
                    swiftSettings: strict),
        .testTarget(name: "LinearSolversTests", dependencies: ["LinearSolvers"], swiftSettings: strict),
        .testTarget(name: "SortitionTests", dependencies: ["Sortition", "LinearSolvers", "CSVFormat", "TestRequirements"], exclude: ["Reference"],
                    swiftSettings: strict),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "TestSupport", "HemicycleDomain", .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "TestSupport", "TestRequirements", "Storage", "HemicycleDomain", "CouncilWork", "Conventions", "Consultations", "Sortition",
                "PublicSite", "Cooperation", "Federation", "Organisation", "CSVFormat",
                "OpinionMap",  // its seeded generator, for the template tests' generated values
                .product(name: "Hummingbird", package: "hummingbird"),
                // The reference the pages' own renderer is compared with.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BrowserTests",
            dependencies: [
                "Web", "TestSupport", "TestRequirements", "Storage", "HemicycleDomain", "CouncilWork", "Federation", "Organisation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
