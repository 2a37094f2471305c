import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// Where the browser pieces are; `scripts/test` installs them and sets these variables.
enum BrowserEnvironment {
    static let chromedriver = ProcessInfo.processInfo.environment["CHROMEDRIVER"]
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"]
    static let axeScript = ProcessInfo.processInfo.environment["AXE_JS"]

    /// Under CI the browser tests always run (and fail if a piece is missing); elsewhere they need the variables.
    static var shouldRun: Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let ready = chromedriver != nil && axeScript != nil
        if !ready { print("note: CHROMEDRIVER and AXE_JS are not set: browser tests skipped (scripts/test sets them).") }
        return ready
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }
}

/// A small W3C WebDriver client over HTTP, driving headless Chromium through chromedriver.
final class WebDriver: @unchecked Sendable {
    private let process: Process
    private let base: String
    private var session = ""
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts chromedriver on a free port and opens a headless Chromium session whose browser asks for `language`;
    /// without `javaScript`, the browser runs no page script at all (as a reader who turned it off).
    init(language: String, javaScript: Bool = true) async throws {
        guard let driver = BrowserEnvironment.chromedriver else {
            throw BrowserEnvironment.Missing(description: "CHROMEDRIVER is not set: run the suite with scripts/test")
        }
        // The suite runs in parallel on two cores: chromedriver may take long to answer, and a random port may be
        // taken (chromedriver then exits). Wait up to a minute for each start, and start again on another port.
        var started: (Process, String)?
        var lastError: (any Error)?
        for _ in 0..<3 where started == nil {
            let port = Int.random(in: 20_000..<40_000)
            let candidate = Process()
            candidate.executableURL = URL(fileURLWithPath: driver)
            candidate.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            candidate.standardOutput = FileHandle.nullDevice
            candidate.standardError = FileHandle.nullDevice
            try candidate.run()
            let address = "http://127.0.0.1:\(port)"
            for _ in 0..<600 where started == nil && candidate.isRunning {
                do {
                    if try await Self.status(address)["ready"] as? Bool == true { started = (candidate, address) }
                } catch {
                    lastError = error
                }
                if started == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            if started == nil {
                if candidate.isRunning {
                    await Self.stop(candidate)
                } else {
                    lastError = Failure(description: "chromedriver exited with status \(candidate.terminationStatus)")
                }
            }
        }
        guard let (process, base) = started else {
            throw Failure(description: "chromedriver did not start: \(String(describing: lastError))")
        }
        self.process = process
        self.base = base
        var options: [String: Any] = [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=\(language)"] + (javaScript ? [] : ["--blink-settings=scriptEnabled=false"]),
            "prefs": ["intl.accept_languages": language],
        ]
        if let chromium = BrowserEnvironment.chromium { options["binary"] = chromium }
        let created = try await request("POST", "/session", [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]],
        ])
        guard let id = (created["value"] as? [String: Any])?["sessionId"] as? String else {
            await Self.stop(process)
            throw Failure(description: "no WebDriver session: \(created)")
        }
        session = id
    }

    func quit() async {
        _ = try? await request("DELETE", "/session/\(session)")
        await Self.stop(process)
    }

    /// Stops chromedriver: asked first, then killed if it is still running five seconds later (a local run left
    /// some behind otherwise).
    private static func stop(_ process: Process) async {
        process.terminate()
        // Process.waitUntilExit() spins a run loop at full CPU off the main thread on Linux: poll instead.
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private static func status(_ base: String) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: base + "/status")!)
        request.timeoutInterval = 5
        let data = try await LoopbackHTTP.send(request)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object["value"] as? [String: Any] ?? [:]
    }

    @discardableResult
    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        if ProcessInfo.processInfo.environment["WEBDRIVER_TRACE"] != nil {
            FileHandle.standardError.write(Data("webdriver \(method) \(path)\n".utf8))
        }
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data = try await LoopbackHTTP.send(request)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return path == "/status" ? (object["value"] as? [String: Any] ?? [:]) : object
    }

    @discardableResult
    private func value(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await request(method, "/session/\(session)\(path)", body)["value"]
    }

    /// The visible page as PNG.
    func screenshot() async throws -> Data {
        guard let encoded = try await value("GET", "/screenshot") as? String, let data = Data(base64Encoded: encoded) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return data
    }

    func open(_ url: String) async throws {
        try await value("POST", "/url", ["url": url])
    }

    var currentURL: String {
        get async throws { try await value("GET", "/url") as? String ?? "" }
    }

    func element(_ css: String) async throws -> String {
        let found = try await value("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any]
        guard let id = found?[Self.elementKey] as? String else { throw Failure(description: "no element \(css): \(String(describing: found))") }
        return id
    }

    /// Waits (up to `seconds`) until the page has an element matching `css`, as after a navigation.
    func waitFor(_ css: String, seconds: Int = 10) async throws {
        for _ in 0..<(seconds * 10) {
            let found = try await script("return document.readyState === 'complete' && document.querySelector(\(Self.quote(css))) !== null")
            if found as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let url = try await currentURL
        let text = try await script("return document.body ? document.body.innerText : ''") as? String ?? ""
        throw Failure(description: "timed out waiting for \(css) at \(url): \(text.prefix(600))")
    }

    static func quote(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text])
        return String(decoding: data ?? Data(), as: UTF8.self).dropFirst().dropLast().description
    }

    func type(_ text: String, into css: String) async throws {
        let id = try await element(css)
        try await value("POST", "/element/\(id)/clear", [:])
        try await value("POST", "/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        try await value("POST", "/element/\(id)/click", [:])
    }

    func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await value("GET", "/element/\(id)/text") as? String ?? ""
    }

    func script(_ source: String) async throws -> Any? {
        try await value("POST", "/execute/sync", ["script": source, "args": []])
    }

    func asyncScript(_ source: String) async throws -> Any? {
        try await value("POST", "/execute/async", ["script": source, "args": []])
    }
}

/// One HTTP/1.1 exchange over NIO. chromedriver writes headers without a space after the colon,
/// which Foundation's URLSession on Linux rejects ("Failed writing header"); NIO's parser accepts them.
enum LoopbackHTTP {
    static func send(_ request: URLRequest) async throws -> Data {
        guard let url = request.url, let host = url.host, let port = url.port else { throw WebDriver.Failure(description: "bad URL") }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let body = request.httpBody ?? Data()
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.httpMethod ?? "GET"),
                                       uri: url.path.isEmpty ? "/" : url.path)
            head.headers.add(name: "Host", value: "\(host):\(port)")
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: "\(body.count)")
            head.headers.add(name: "Connection", value: "close")
            try await outbound.write(.head(head))
            if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var received = Data()
            for try await part in inbound {
                switch part {
                case .head: continue
                case .body(let buffer): received.append(contentsOf: buffer.readableBytesView)
                case .end: return received
                }
            }
            return received
        }
    }
}
