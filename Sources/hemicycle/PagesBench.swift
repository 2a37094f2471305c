import ArgumentParser
import Foundation
import Hummingbird
import NIOHTTP1
import Logging
import Storage
import Web

/// `hemicycle bench pages`: requests per second and latency percentiles of the public pages, anonymous and signed
/// in, served by this binary on a fresh demo database, beside `/healthz` in the same run.
struct PagesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Requests/s and p50/p99 of the home, a council, the works list, the published avis and its JSON, a news post, a member page and a search, on a fresh demo database.")

    @Option(name: .customLong("database-url"), help: "An empty database to load the demo into (default: a new SQLite file in a temporary folder).")
    var databaseURL: String?
    @Option(help: "Seconds of load per page and visitor.") var seconds = 5
    @Option(help: "Concurrent keep-alive connections.") var clients = 32
    @Option(help: "The member who signs in for the signed-in rows.") var member = "membre@cese-fr.example"
    @Flag(help: "Build every visitor's page for each request (no page kept rendered), as signed-in pages are.") var uncached = false

    func run() async throws {
        var server = try BenchServer(databaseURL: databaseURL)
        server.configuration.keepsVisitorPages = !uncached
        defer { server.removeFolder() }
        try await server.serve { port in try await measure(port: port) }
    }

    func measure(port: Int) async throws {
        let host = "127.0.0.1"
        let session = try await signIn(host: host, port: port)
        let works = try await HTTPLoad.once(host: host, port: port, path: "/api/v1/cese-fr/works?status=published")
        let published = (try JSONSerialization.jsonObject(with: Data(works.body.utf8)) as? [[String: Any]])?.first?["id"] as? Int ?? 1
        let news = try await HTTPLoad.once(host: host, port: port, path: "/api/v1/cese-fr/news?language=fr")
        let post = (try JSONSerialization.jsonObject(with: Data(news.body.utf8)) as? [[String: Any]])?.first?["url"] as? String ?? "/cese-fr/news"
        let postPath = URL(string: post)?.path ?? "/cese-fr/news"
        let members = try await HTTPLoad.once(host: host, port: port, path: "/api/v1/cese-fr/members")
        let member = (try JSONSerialization.jsonObject(with: Data(members.body.utf8)) as? [[String: Any]])?
            .first { $0["role"] as? String == "member" }?["id"] as? Int ?? 1
        let pages: [(label: String, path: String, target: String)] = [
            ("health check", "/healthz", ""),
            ("news post", postPath, ">= 50% of /healthz, p99 < 50 ms"),
            ("member page", "/cese-fr/members/\(member)", ">= 50% of /healthz, p99 < 50 ms"),
            ("search", "/cese-fr/search?q=francophonie", ">= 50% of /healthz, p99 < 50 ms"),
            ("home", "/", ">= 1,500/s"),
            ("council", "/cese-fr", ">= 1,500/s"),
            ("works list", "/cese-fr/works", ">= 1,500/s"),
            ("published avis", "/cese-fr/works/\(published)", ">= 500/s, p99 < 100 ms"),
            ("published avis, JSON", "/api/v1/cese-fr/works/\(published)", ">= 1,500/s"),
        ]
        emit("\(clients) keep-alive clients over loopback, \(seconds) s per row, this build, \(ProcessInfo.processInfo.activeProcessorCount) cores"
             + (uncached ? ", visitors' pages built for each request" : ", visitors' pages kept rendered"))
        emit("page | visitor | requests/s | p50 ms | p99 ms | not 200 | target")
        emit("--- | --- | --- | --- | --- | --- | ---")
        for page in pages {
            for (visitor, headers) in [("anonymous", [(String, String)]()), ("signed in", [("Cookie", session)])] {
                if page.path == "/healthz" && visitor == "signed in" { continue }
                let result = try await HTTPLoad.run(host: host, port: port, path: page.path, headers: headers, clients: clients,
                                                    duration: .seconds(seconds))
                emit("\(page.label) | \(visitor) | \(String(format: "%.0f", result.perSecond)) | "
                      + "\(String(format: "%.1f", result.milliseconds(atPercentile: 50))) | \(String(format: "%.1f", result.milliseconds(atPercentile: 99))) | "
                      + "\(result.unexpected) | \(page.target)")
            }
        }
    }

    /// Signs the member in through the form, as a browser would, and returns the session cookie.
    func signIn(host: String, port: Int) async throws -> String {
        let form = try await HTTPLoad.once(host: host, port: port, path: "/signin")
        func cookie(_ name: String, in answer: HTTPLoad.Answer) -> String? {
            answer.headers["Set-Cookie"].compactMap { header -> String? in
                let pair = header.split(separator: ";")[0]
                return pair.hasPrefix("\(name)=") ? String(pair) : nil
            }.last
        }
        guard let csrf = cookie("hemicycle_csrf", in: form) else { throw ValidationError("The sign-in page set no CSRF cookie.") }
        let token = csrf.dropFirst("hemicycle_csrf=".count)
        let body = "_csrf=\(token)&email=\(member.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? member)&password=hemicycle-demo"
        let answer = try await HTTPLoad.once(host: host, port: port, method: .POST, path: "/signin",
                                             headers: [("Cookie", csrf), ("Content-Type", "application/x-www-form-urlencoded")], body: body)
        guard answer.status == 303, let session = cookie("hemicycle_session", in: answer) else {
            throw ValidationError("Signing in as \(member) failed (\(answer.status)).")
        }
        return session
    }

    /// A line of the report, written at once (the table is read while it is made).
    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
