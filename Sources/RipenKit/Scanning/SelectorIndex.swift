/// Answers "which selectors take this path?" for many selectors at once.
///
/// Each glob alternative is filed under what a path must have for it to match: its extension
/// (`**/*.py`, `**/*_test.py`), its file name (`**/Dockerfile`) or its whole path (`Jenkinsfile`);
/// only the rest meet the general matcher. A path then costs three dictionary look-ups instead of a
/// match against every glob of every check, which matters on a 100,000-file tree.
final class SelectorIndex: Sendable {
    let count: Int
    private let byExtension: [String: [Entry]]
    private let byName: [String: [Entry]]
    private let byPath: [String: [Entry]]
    private let general: [General]
    private let generalByExtension: [String: [Int]]
    private let generalAlways: [Int]
    /// Each distinct exclusion glob once (many selectors share `**/tests/**`), and each selector's.
    private let exclusionGlobs: [Glob]
    private let excludes: [[Int]]
    /// Selectors with exclusions, and the longest exact path: most paths skip both.
    private let excluding: [Int]
    private let longestPath: Int

    private struct Entry: Sendable {
        var selector: Int
        /// For extension entries: the suffix the path must end with.
        var suffix: [UInt8] = []
    }

    /// A glob alternative that needs the general matcher, shared by every selector that uses it,
    /// with the literal text a path must start and end with checked first.
    private final class General: Sendable {
        let glob: Glob
        let prefix: [UInt8]
        let suffix: [UInt8]
        let selectors: [Int]

        init(glob: Glob, selectors: [Int]) {
            self.glob = glob
            prefix = Array(glob.alternatives[0].prefix { if case .byte = $0 { true } else { false } }.map {
                if case let .byte(byte) = $0 { byte } else { 0 }
            })
            suffix = glob.literalSuffix
            self.selectors = selectors
        }

        func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
            guard path.count >= prefix.count + suffix.count,
                  path.prefix(prefix.count).elementsEqual(prefix),
                  path.suffix(suffix.count).elementsEqual(suffix) else { return false }
            return glob.matches(bytes: path)
        }
    }

    init(_ selectors: [PathSelector]) {
        count = selectors.count
        var byExtension: [String: [Entry]] = [:]
        var byName: [String: [Entry]] = [:]
        var byPath: [String: [Entry]] = [:]
        var general: [Glob: [Int]] = [:]
        var generalOrder: [Glob] = []
        func addGeneral(_ glob: Glob, _ index: Int) {
            if general[glob] == nil { generalOrder.append(glob) }
            if general[glob]?.contains(index) != true { general[glob, default: []].append(index) }
        }
        for (index, selector) in selectors.enumerated() {
            for glob in selector.include {
                for (shape, tokens) in zip(glob.shapes, glob.alternatives) {
                    switch shape {
                    case let .suffix(bytes):
                        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot + 1 < bytes.count {
                            let ext = String(decoding: bytes[(dot + 1)...], as: UTF8.self)
                            byExtension[ext, default: []].append(Entry(selector: index, suffix: bytes))
                        } else {
                            addGeneral(Glob(alternative: tokens.map { $0 }, source: glob.source), index)
                        }
                    case let .name(bytes):
                        byName[String(decoding: bytes, as: UTF8.self), default: []].append(Entry(selector: index))
                    case let .exact(bytes):
                        byPath[String(decoding: bytes, as: UTF8.self), default: []].append(Entry(selector: index))
                    case .general:
                        addGeneral(Glob(alternative: tokens.map { $0 }, source: glob.source), index)
                    }
                }
            }
        }
        self.byExtension = byExtension
        self.byName = byName
        self.byPath = byPath
        self.general = generalOrder.map { General(glob: $0, selectors: general[$0]!) }
        // A general glob whose literal ending holds the extension (`**/models/*.json.gz`, `ci/**/*.yml`)
        // can only take paths with that extension: filed under it, most meet a path of another kind never.
        var generalByExtension: [String: [Int]] = [:]
        var generalAlways: [Int] = []
        for (index, entry) in self.general.enumerated() {
            if let dot = entry.suffix.lastIndex(of: UInt8(ascii: ".")), !entry.suffix[dot...].contains(UInt8(ascii: "/")) {
                generalByExtension[String(decoding: entry.suffix[(dot + 1)...], as: UTF8.self), default: []].append(index)
            } else {
                generalAlways.append(index)
            }
        }
        self.generalByExtension = generalByExtension
        self.generalAlways = generalAlways
        var exclusionGlobs: [Glob] = []
        var exclusionIndex: [Glob: Int] = [:]
        let excludes = selectors.map { selector in
            selector.exclude.map { glob in
                if let known = exclusionIndex[glob] { return known }
                exclusionIndex[glob] = exclusionGlobs.count
                exclusionGlobs.append(glob)
                return exclusionGlobs.count - 1
            }
        }
        self.exclusionGlobs = exclusionGlobs
        self.excludes = excludes
        excluding = excludes.indices.filter { !excludes[$0].isEmpty }
        longestPath = byPath.keys.map(\.utf8.count).max() ?? 0
    }

    /// The selectors whose globs take `path`.
    func matches(_ path: String) -> [Bool] {
        var path = path
        return path.withUTF8 { matches(bytes: $0) }
    }

    // Called for every file of the tree from several threads: no captured state, no nested closures.
    private func matches(bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var result = [Bool](repeating: false, count: count)
        let slash = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[slash...]), as: UTF8.self)
        if bytes.count <= longestPath, let entries = byPath[String(decoding: bytes, as: UTF8.self)] {
            for entry in entries { result[entry.selector] = true }
        }
        if let entries = byName[name] {
            for entry in entries { result[entry.selector] = true }
        }
        if let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) {
            let ext = String(name[name.utf8.index(after: dot)...])
            if let entries = byExtension[ext] {
                for entry in entries where !result[entry.selector] {
                    let suffix = entry.suffix
                    if bytes.count >= suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) {
                        result[entry.selector] = true
                    }
                }
            }
            if let indices = generalByExtension[ext] {
                for index in indices where general[index].matches(bytes) {
                    for selector in general[index].selectors { result[selector] = true }
                }
            }
        }
        for index in generalAlways where general[index].matches(bytes) {
            for selector in general[index].selectors { result[selector] = true }
        }
        // Each exclusion glob is matched at most once per path, whichever selectors share it.
        var excluded: [Int8] = []
        for index in excluding where result[index] {
            if excluded.isEmpty { excluded = [Int8](repeating: -1, count: exclusionGlobs.count) }
            for glob in excludes[index] {
                if excluded[glob] < 0 { excluded[glob] = exclusionGlobs[glob].matches(bytes: bytes) ? 1 : 0 }
                if excluded[glob] == 1 { result[index] = false; break }
            }
        }
        return result
    }
}
