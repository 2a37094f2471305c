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
