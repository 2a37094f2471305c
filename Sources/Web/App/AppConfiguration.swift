import Configuration
import Foundation
import HemicycleDomain
import Storage

/// Settings of a running server, read from environment variables (via swift-configuration) with sane defaults.
public struct AppConfiguration: Sendable {
    public var hostname: String = "127.0.0.1"
    public var port: Int = 8080
    public var database: DatabaseURL = .default
    /// `smtp://user:password@host:port`; when nil, mail stays in the outbox.
    public var smtpURL: String?
    /// A PEM file of certificate authorities to trust for the SMTP server's certificate (a private relay).
    public var smtpCAFile: String?
    /// Sender of outgoing mail.
    public var mailFrom: String = "Hemicycle <no-reply@hemicycle.localhost>"
    /// Public address of the site, used in links sent by mail.
    public var baseURL: String = "http://127.0.0.1:8080"
    /// Cookies carry `Secure` when the site is served over TLS (by a proxy in front).
    public var secureCookies: Bool = false
    /// Bcrypt work factor (4...31); lower only in tests.
    public var bcryptCost: UInt8 = 12
    /// `development` shows the outbox to administrators; `production` does not.
    public var environment: String = "development"
    /// Loads the demo councils on first start against an empty database (never in production).
    public var loadDemoData: Bool = true
    /// Behind a reverse proxy that sets `X-Forwarded-For`: the client's address is the last one it lists.
    public var trustForwardedFor: Bool = false
    /// The folder where attached files are kept, by content (`HEMICYCLE_FILES`).
    public var filesFolder: String = "hemicycle-files"
    /// The largest file accepted, in bytes (`HEMICYCLE_UPLOAD_LIMIT`, at most `DocumentType.maximumBytes`).
    public var uploadLimit: Int = DocumentType.maximumBytes
    /// The bytes one account may attach in 24 hours (`HEMICYCLE_UPLOAD_QUOTA`, default 200 MB).
    public var uploadQuota: Int = 209_715_200

    /// Whether this server also computes consultations' opinion maps (`HEMICYCLE_MAP_WORKER`, default on); off when
    /// `hemicycle worker` processes do it beside several web servers.
    public var runsMapWorker: Bool = true
    /// Whether visitors' public pages are kept rendered (`PageCache`; `HEMICYCLE_PAGE_CACHE`, default on); off to
    /// measure the pages as they are built.
    public var keepsVisitorPages: Bool = true

    public init() {}

    /// Reads `HOSTNAME`, `PORT`, `DATABASE_URL`, `SMTP_URL`, `SMTP_CA_FILE`, `MAIL_FROM`, `BASE_URL`, `SECURE_COOKIES`,
    /// `BCRYPT_COST`, `HEMICYCLE_ENV`, `DEMO_DATA`, `TRUST_FORWARDED_FOR`, `HEMICYCLE_MAP_WORKER` and `HEMICYCLE_PAGE_CACHE`.
    public init(reader: ConfigReader) throws {
        hostname = reader.string(forKey: "hemicycle.host", default: hostname)
        port = reader.int(forKey: "port", default: port)
        if let url = reader.string(forKey: "database.url") { database = try DatabaseURL(url) }
        smtpURL = reader.string(forKey: "smtp.url")
        smtpCAFile = reader.string(forKey: "smtp.ca.file")
        mailFrom = reader.string(forKey: "mail.from", default: mailFrom)
        secureCookies = reader.bool(forKey: "secure.cookies", default: false)
        bcryptCost = UInt8(clamping: reader.int(forKey: "bcrypt.cost", default: Int(bcryptCost)))
        // Only two values, so that a typo never leaves production running as development (demo data, outbox).
        let environment = reader.string(forKey: "hemicycle.env", default: self.environment).trimmingCharacters(in: .whitespaces).lowercased()
        guard ["development", "production"].contains(environment) else {
            throw InvalidSetting(description: "HEMICYCLE_ENV is \"\(environment)\": it must be development or production")
        }
        self.environment = environment
        loadDemoData = reader.bool(forKey: "demo.data", default: true)
        trustForwardedFor = reader.bool(forKey: "trust.forwarded.for", default: false)
        filesFolder = reader.string(forKey: "hemicycle.files", default: filesFolder)
        uploadLimit = min(max(reader.int(forKey: "hemicycle.upload.limit", default: uploadLimit), 1), DocumentType.maximumBytes)
        uploadQuota = max(reader.int(forKey: "hemicycle.upload.quota", default: uploadQuota), 1)
        runsMapWorker = reader.bool(forKey: "hemicycle.map.worker", default: true)
        keepsVisitorPages = reader.bool(forKey: "hemicycle.page.cache", default: true)
        // Links are the base followed by a path: a trailing slash would make them `//path`, another host.
        var base = reader.string(forKey: "base.url", default: "http://\(hostname):\(port)")
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
    }

    public var isDevelopment: Bool { environment == "development" }

    public struct InvalidSetting: Error, CustomStringConvertible {
        public let description: String
    }
}
