import Foundation
import ZIPFoundation

/// A ZIP archive of text files, built in memory (ZIPFoundation), for downloads that bundle several files.
enum ZipArchive {
    static func make(_ files: [(name: String, text: String)], modified: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}

extension ZipArchive {
    /// The archive is not one, or unpacks to more than allowed.
    struct Unreadable: Error {}

    /// The files of an archive by their names without folders (an export's folder zipped whole), refusing an archive
    /// whose files would unpack to more than `limit` bytes (counted as they are read, whatever the archive claims).
    static func read(_ data: Data, limit: Int) throws -> [String: Data] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Unreadable() }
        var files: [String: Data] = [:]
        var total = 0
        for entry in archive where entry.type == .file {
            let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            guard !name.hasPrefix("."), entry.uncompressedSize <= Int64(limit) else { continue }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    guard total <= limit else { throw Unreadable() }
                    content.append(chunk)
                }
            } catch {
                throw Unreadable()
            }
            files[name] = content
        }
        return files
    }
}
