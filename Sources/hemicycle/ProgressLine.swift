import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error: one line rewritten in place on a terminal (when the stage or the whole percentage
/// changes), or a plain line per stage and tenth done when standard error goes to a file or a pipe.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ""
    private let interactive = isatty(STDERR_FILENO) != 0

    func show(_ stage: String, _ fraction: Double) {
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        let text = "\(stage): \(interactive ? percent : percent / 10 * 10)%"
        lock.lock()
        defer { lock.unlock() }
        guard text != last else { return }
        last = text
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K\(text)" : "\(text)\n").utf8))
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
