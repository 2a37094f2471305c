import Foundation

/// axe-core, injected into the page under test.
struct Axe {
    struct Violation: CustomStringConvertible {
        let id: String
        let impact: String
        let targets: [String]
        var description: String { "\(id) (\(impact)) at \(targets.prefix(3).joined(separator: ", "))" }
    }

    let source: String

    init() throws {
        guard let path = BrowserEnvironment.axeScript else {
            throw BrowserEnvironment.Missing(description: "AXE_JS is not set: run the suite with scripts/test")
        }
        source = try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs the WCAG 2.1 A and AA rules on the current page.
    func violations(in driver: WebDriver) async throws -> [Violation] {
        _ = try await driver.script(source + "\nreturn typeof axe;")
        let result = try await driver.asyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact || 'none',
                targets: v.nodes.map(n => n.target.join(' ')) })))))
              .catch(e => done('ERROR ' + e));
            """) as? String ?? "ERROR no result"
        guard !result.hasPrefix("ERROR") else { throw WebDriver.Failure(description: "axe: \(result)") }
        let list = try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [[String: Any]] ?? []
        return list.map {
            Violation(id: $0["id"] as? String ?? "", impact: $0["impact"] as? String ?? "", targets: $0["targets"] as? [String] ?? [])
        }
    }
}
