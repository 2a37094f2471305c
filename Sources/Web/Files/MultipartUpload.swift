import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` form with one file, read as it arrives: the `_csrf` field must come before the file (it
/// does in a browser, fields are sent in page order) and is checked before any byte is kept; the file goes to the
/// store's incoming folder, never into memory; past `limit` bytes the upload stops with 413.
struct MultipartUpload {
    var fields: [String: String] = [:]
    /// Every value of each field, in order (check boxes that share a name).
    var values: [String: [String]] = [:]
    var file: IncomingFile?
    var fileName: String?

    static let maximumFieldBytes = 16_384
    static let maximumFields = 32

    static func read(_ request: Request, context: AppContext, store: any FileStore, limit: Int) async throws -> MultipartUpload {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", in: contentType), !boundary.isEmpty
        else { throw PageError(.unsupportedMediaType, "error_unsupported_media_type") }
        let state = State(store: store, token: context.csrfToken, limit: limit)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        // A whole body has its closing delimiter (an epilogue may follow it); a cut one does not. The delimiter cannot
        // occur inside a part, so its first occurrence, looked for across chunk boundaries, is the end.
        let closing = Array("\r\n--\(boundary)--".utf8)
        var window: [UInt8] = [], closed = false
        do {
            for try await chunk in request.body {
                do { try parser.execute(chunk) } catch { throw PageError.malformedForm }
                if let failure = state.failure { throw failure }
                if !closed {
                    window.append(contentsOf: chunk.readableBytesView)
                    closed = Self.contains(window, closing)
                    window.removeFirst(max(0, window.count - closing.count + 1))
                }
            }
            if let failure = state.failure { throw failure }
            guard state.csrfChecked else { throw PageError.csrf }
            // A connection cut in the middle of the file leaves the part open and the delimiter missing: nothing is kept.
            guard closed, !state.writingFile else { throw PageError.malformedForm }
        } catch {
            if let file = state.upload.file { store.discard(file) }
            throw error
        }
        return state.upload
    }

    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count, let first = pattern.first else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// A parameter of a header value: `boundary=…` of a content type, `name="…"` of a content disposition.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The parser's callbacks, on one request's task.
    private final class State {
        let store: any FileStore
        let token: String
        let limit: Int
        var upload = MultipartUpload()
        var headers: [String: String] = [:]
        var text: [UInt8] = []
        var failure: PageError?
        var csrfChecked = false
        var writingFile = false

        init(store: any FileStore, token: String, limit: Int) {
            self.store = store
            self.token = token
            self.limit = limit
        }

        func header(_ name: String, _ value: String) {
            headers[name.lowercased()] = value
        }

        var disposition: String { headers["content-disposition"] ?? "" }

        func body(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return }
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            if let name = MultipartUpload.parameter("filename", in: disposition) {
                guard !name.isEmpty else { return }  // no file chosen
                guard csrfChecked else { failure = .csrf; return }
                guard upload.file == nil || writingFile else { failure = .malformedForm; return }  // one file per form
                do {
                    if upload.file == nil {
                        upload.file = try store.receive()
                        upload.fileName = name
                        writingFile = true
                    }
                    guard (upload.file?.size ?? 0) + bytes.count <= limit else { failure = PageError(.contentTooLarge, "error_file_too_large", ["size": "\(limit / 1_048_576)"]); return }
                    try upload.file?.write(bytes)
                } catch {
                    failure = PageError(.internalServerError, "error_internal")
                }
            } else {
                guard text.count + bytes.count <= MultipartUpload.maximumFieldBytes else { failure = PageError(.contentTooLarge, "error_too_large"); return }
                text += bytes
            }
        }

        func complete() {
            defer { headers = [:]; text = []; writingFile = false }
            guard failure == nil, MultipartUpload.parameter("filename", in: disposition) == nil,
                  let name = MultipartUpload.parameter("name", in: disposition) else { return }
            let value = String(decoding: text, as: UTF8.self)
            if name == CSRFMiddleware.fieldName {
                guard Tokens.constantTimeEqual(value, token) else { failure = .csrf; return }
                csrfChecked = true
            } else {
                // A form of this site has a handful of fields: many more is not a browser's form.
                guard upload.fields.count < MultipartUpload.maximumFields else { failure = PageError(.contentTooLarge, "error_too_large"); return }
                upload.fields[name] = value
                upload.values[name, default: []].append(value)
            }
        }
    }
}
