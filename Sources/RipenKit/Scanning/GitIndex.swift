import Foundation

/// The paths git tracks, read from `.git/index` without running git.
///
/// A tracked file is part of the repository even when a `.gitignore` pattern matches it (it was added
/// before the pattern, or with `git add -f`): GitHub runs a tracked workflow under an ignored `.github/`,
/// and a reviewer reads it. The walk asks this only for paths its ignore rules would skip.
struct GitIndex: Sendable {
    /// Tracked file paths, and every folder that holds one.
    private(set) var files: Set<[UInt8]> = []
    private(set) var folders: Set<[UInt8]> = []

    /// Indexes past this size are not read (a 100,000-file index is about 10 MiB).
    static let limit = 256 << 20

    func tracks(file path: [UInt8]) -> Bool { files.contains(path) }
    func holds(folder path: [UInt8]) -> Bool { folders.contains(path) }

    /// The index of the git folder at `gitDirectory`; empty when absent, unreadable or of an unknown form.
    static func load(gitDirectory: String) -> GitIndex {
        guard let bytes = FileReader.bytes(Array((gitDirectory + "/index").utf8), limit: limit) else { return GitIndex() }
        return parse(bytes) ?? GitIndex()
    }

    /// Versions 2–4 of the index format (git's `Documentation/gitformat-index.txt`), SHA-1 object names.
    /// Nil when the bytes are not such an index: a partial reading would be worse than none.
    static func parse(_ bytes: [UInt8]) -> GitIndex? {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("DIRC".utf8) else { return nil }
        func word(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        let version = word(4)
        let count = word(8)
        guard (2...4).contains(version), count >= 0 else { return nil }
        var index = GitIndex()
        var offset = 12
        var previous: [UInt8] = []
        for _ in 0..<count {
            // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), object name (20), flags (2).
            let start = offset
            guard offset + 62 <= bytes.count else { return nil }
            let flags = Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])
            offset += 62
            if flags & 0x4000 != 0 {
                guard version >= 3 else { return nil }
                offset += 2
            }
            var path: [UInt8]
            if version == 4 {
                // The path is the previous one, less N trailing bytes, plus a NUL-terminated suffix.
                guard let (strip, next) = varint(bytes, at: offset), strip <= previous.count else { return nil }
                offset = next
                guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                path = Array(previous.dropLast(strip)) + bytes[offset..<end]
                offset = end + 1
            } else {
                guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                path = Array(bytes[offset..<end])
                // Padded with 1–8 NULs to a multiple of eight bytes from the entry's start.
                offset = start + ((end - start) / 8 + 1) * 8
            }
            guard offset <= bytes.count else { return nil }
            index.add(path)
            previous = path
        }
        return index
    }

    private mutating func add(_ path: [UInt8]) {
        files.insert(path)
        var end = path.count
        while let slash = path[..<end].lastIndex(of: UInt8(ascii: "/")) {
            if !folders.insert(Array(path[..<slash])).inserted { break }
            end = slash
        }
    }

    /// git's offset encoding: each continuation adds one before shifting, so no value has two spellings.
    private static func varint(_ bytes: [UInt8], at start: Int) -> (Int, Int)? {
        var offset = start
        guard offset < bytes.count else { return nil }
        var byte = bytes[offset]
        var value = Int(byte & 0x7F)
        while byte & 0x80 != 0 {
            offset += 1
            guard offset < bytes.count, value < (1 << 48) else { return nil }
            byte = bytes[offset]
            value = ((value + 1) << 7) | Int(byte & 0x7F)
        }
        return (value, offset + 1)
    }
}
