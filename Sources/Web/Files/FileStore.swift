import Crypto
import Foundation

/// Where the bytes of attached files live, by their content: a file sent twice is kept once.
public protocol FileStore: Sendable {
    /// Starts receiving a file; its bytes go to a temporary place until `keep` or `discard`.
    func receive() throws -> IncomingFile
    /// Keeps a received file under its digest and returns the digest (hex SHA-256).
    func keep(_ file: IncomingFile) throws -> String
    func discard(_ file: IncomingFile)
    /// The path of a kept file on local disk, to serve it.
    func path(of digest: String) -> String
    func remove(digest: String) throws
    /// Runs `body` as the only holder of `digest`: around keeping a file and recording it, and around removing its
    /// last reference and its bytes.
    func withContent<T: Sendable>(_ digest: String, _ body: @Sendable () async throws -> T) async throws -> T
}

/// A file on its way in: written to a temporary file while its digest, size, first and last bytes are taken.
public final class IncomingFile: @unchecked Sendable {
    let temporaryURL: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private(set) var size = 0
    /// The first bytes, to recognise the type.
    private(set) var head: [UInt8] = []
    /// The last 64 KiB, where an office document's archive directory lies.
    private(set) var tail: [UInt8] = []
    static let headLength = 128, tailLength = 65_536

    init(temporaryURL: URL) throws {
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        self.temporaryURL = temporaryURL
        handle = try FileHandle(forWritingTo: temporaryURL)
    }

    func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
        hasher.update(data: bytes)
        size += bytes.count
        if head.count < Self.headLength { head += bytes.prefix(Self.headLength - head.count) }
        tail += bytes
        if tail.count > 2 * Self.tailLength { tail.removeFirst(tail.count - Self.tailLength) }
    }

    private var digest: String?

    /// Closes the file and gives its digest (the same on every call).
    func finish() throws -> String {
        if let digest { return digest }
        try handle.close()
        if tail.count > Self.tailLength { tail.removeFirst(tail.count - Self.tailLength) }
        let digest = Tokens.hex(hasher.finalize())
        self.digest = digest
        return digest
    }
}

/// Files in a folder of the local disk: `ab/cd/abcd…` by digest, received first into `incoming/`.
public struct LocalFileStore: FileStore {
    let folder: URL
    private let locks = ContentLocks()

    /// The folder is made when the first file arrives.
    public init(folder: String) {
        self.folder = URL(fileURLWithPath: folder, isDirectory: true)
    }

    public func receive() throws -> IncomingFile {
        let incoming = folder.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        return try IncomingFile(temporaryURL: incoming.appendingPathComponent(UUID().uuidString))
    }

    public func keep(_ file: IncomingFile) throws -> String {
        let digest = try file.finish()
        let target = URL(fileURLWithPath: path(of: digest))
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) {
            try? manager.removeItem(at: file.temporaryURL)
        } else {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                try manager.moveItem(at: file.temporaryURL, to: target)
            } catch where manager.fileExists(atPath: target.path) {
                try? manager.removeItem(at: file.temporaryURL)  // the same content arrived at the same time
            }
        }
        return digest
    }

    public func discard(_ file: IncomingFile) {
        _ = try? file.finish()
        try? FileManager.default.removeItem(at: file.temporaryURL)
    }

    public func path(of digest: String) -> String {
        precondition(digest.count == 64 && digest.allSatisfy(\.isHexDigit), "not a digest")
        return folder.appendingPathComponent(String(digest.prefix(2))).appendingPathComponent(String(digest.dropFirst(2).prefix(2)))
            .appendingPathComponent(digest).path
    }

    public func withContent<T: Sendable>(_ digest: String, _ body: @Sendable () async throws -> T) async throws -> T {
        try await locks.run(digest, body)
    }

    public func remove(digest: String) throws {
        let path = path(of: digest)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }
}
