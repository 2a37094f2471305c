import Foundation

/// An independent checker written in Python (from the test venv): runs `script` with `arguments`, returns its exit
/// status and what it printed.
public enum PythonChecker {
    public static func run(_ python: String, script: String, arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
