import Foundation
import Yams

/// Runs every content and YAML search of an audit in one pass over the files: each file is read at
/// most once, scanned once for all required literals, and only the lines that hit meet a regex.
///
/// Files are taken in path order in fixed-size chunks, two cores at a time; once a search has its
/// evidence quota from earlier paths it stops looking, so results are the same on every run.
struct ContentScanner: Sendable {
    let queries: [SearchQuery]
    let maxFileSize: Int
    var evidenceLimit = 5
    var perFileLimit = 2
    var chunkSize = 1024

    struct Result: Sendable, Equatable {
        var matches: [LineMatch] = []
        /// More matches may exist beyond `matches`.
        var truncated = false
    }

    struct Statistics: Sendable, Equatable {
        var filesRead = 0
        var bytesRead = 0
        var skippedBinary = 0
        var skippedLarge: [String] = []
        var unreadable: [String] = []
    }

    private struct Plan: Sendable {
        var selectors: SelectorIndex
        var selectorOfQuery: [Int] = []
        var literalIDs: [[[Int]]] = []
        var matcher: LiteralMatcher
    }

    private let plan: Plan

    init(queries: [SearchQuery], maxFileSize: Int) {
        self.queries = queries
        self.maxFileSize = maxFileSize
        var selectors: [PathSelector] = []
        var selectorOfQuery: [Int] = []
        var literals: [String] = []
        var literalIndex: [String: Int] = [:]
        var literalIDs: [[[Int]]] = []
        for query in queries {
            if let index = selectors.firstIndex(of: query.selector) {
                selectorOfQuery.append(index)
            } else {
                selectorOfQuery.append(selectors.count)
                selectors.append(query.selector)
            }
            literalIDs.append(query.literalGroups.map { group in
                group.map { literal in
                    if let id = literalIndex[literal] { return id }
                    literalIndex[literal] = literals.count
                    literals.append(literal)
                    return literals.count - 1
                }
            })
        }
        plan = Plan(selectors: SelectorIndex(selectors), selectorOfQuery: selectorOfQuery, literalIDs: literalIDs,
                    matcher: LiteralMatcher(literals))
    }

    func run(files: [RepositoryFile], root: String) -> ([Result], Statistics) {
        run(FileChunks(files, chunkSize: chunkSize), root: root)
    }

    /// Takes chunks until the walk is done (or every search has its evidence).
    func run(_ chunks: FileChunks, root: String) -> ([Result], Statistics) {
        var results = Array(repeating: Result(), count: queries.count)
        var statistics = Statistics()
        guard !queries.isEmpty else { return (results, statistics) }
        var satisfied = Array(repeating: false, count: queries.count)
        let rootBytes = Array(root.utf8) + [UInt8(ascii: "/")]
        while satisfied.contains(false), let chunk = chunks.next() {
            let active = satisfied
            let outcomes = ConcurrentMap.map(chunk) { file in
                process(file, rootBytes: rootBytes, skip: active)
            }
            for (file, outcome) in zip(chunk, outcomes) {
                switch outcome.read {
                case .text: statistics.filesRead += 1; statistics.bytesRead += outcome.bytes
                case .binary: statistics.skippedBinary += 1
                case .tooLarge: statistics.skippedLarge.append(file.path)
                case .unreadable: statistics.unreadable.append(file.path)
                case nil: break
                }
                for (query, matches) in outcome.matches where !satisfied[query] {
                    for match in matches {
                        if results[query].matches.count == evidenceLimit {
                            results[query].truncated = true
                            break
                        }
                        results[query].matches.append(match)
                    }
                    if results[query].matches.count == evidenceLimit { satisfied[query] = true }
                }
            }
        }
        for index in results.indices where satisfied[index] { results[index].truncated = true }
        return (results, statistics)
    }

    private struct FileOutcome: Sendable {
        var read: FileReader.Outcome?
        var bytes = 0
        var matches: [(Int, [LineMatch])] = []
    }

    private func process(_ file: RepositoryFile, rootBytes: [UInt8], skip: [Bool]) -> FileOutcome {
        var outcome = FileOutcome()
        let selected = plan.selectors.matches(file.matchPath)
        var wanted = queries.indices.filter { !skip[$0] && selected[plan.selectorOfQuery[$0]] }
        // Path matches need no reading.
        wanted.removeAll { query in
            guard case .files = queries[query] else { return false }
            outcome.matches.append((query, [LineMatch(path: file.path, line: nil, text: file.note ?? "file present")]))
            return true
        }
        guard !wanted.isEmpty else { return outcome }
        var path = rootBytes
        path.append(contentsOf: file.rawPath)
        path.append(0)
        let read = FileReader.read(terminated: path, limit: maxFileSize)
        outcome.read = read
        guard case let .text(bytes) = read else { return outcome }
        outcome.bytes = bytes.count
        if file.isNotebook {
            var content = wanted.filter { if case .content = queries[$0] { true } else { false } }
            // Parse the JSON only if a wanted literal occurs in the raw text. Literals with a quote or a
            // backslash would be escaped in JSON, so their queries are always kept.
            let raw = literalHits(bytes)
            content = content.filter { query in
                plan.literalIDs[query].allSatisfy { group in
                    raw.contains(any: group) || group.contains {
                        plan.matcher.literals[$0].contains(UInt8(ascii: "\"")) || plan.matcher.literals[$0].contains(UInt8(ascii: "\\"))
                    }
                }
            }
            if content.isEmpty { return outcome }
            if let cells = Notebook.codeCells(bytes) {
                for query in content {
                    var found: [LineMatch] = []
                    for cell in cells where found.count < perFileLimit {
                        found += searchLines(Array(cell.source.utf8), query: query, path: file.path, cell: cell.index,
                                             limit: perFileLimit - found.count)
                    }
                    if !found.isEmpty { outcome.matches.append((query, found)) }
                }
                return outcome
            }
        }
        let hits = literalHits(bytes)
        var documents: [Node]?
        for query in wanted {
            let groups = plan.literalIDs[query]
            guard groups.allSatisfy({ hits.contains(any: $0) }) else { continue }
            switch queries[query] {
            case .files:
                continue
            case let .content(_, pattern, comments):
                let offsets = groups.first.map { hits.offsets(of: $0) }
                let found = searchLines(bytes, query: query, path: file.path, cell: nil, limit: perFileLimit,
                                        candidates: offsets, pattern: pattern, comments: comments)
                if !found.isEmpty { outcome.matches.append((query, found)) }
            case let .yaml(_, key, pattern):
                if documents == nil {
                    let text = String(decoding: bytes, as: UTF8.self)
                    documents = (try? Array(Yams.compose_all(yaml: text))) ?? []
                }
                let found = searchYAML(documents ?? [], bytes: bytes, key: key, pattern: pattern, path: file.path)
                if !found.isEmpty { outcome.matches.append((query, found)) }
            }
        }
        return outcome
    }

    /// End offsets of each literal's occurrences (at most 32 per literal), in file order.
    private func literalHits(_ bytes: [UInt8]) -> LiteralHits {
        var hits = LiteralHits(count: plan.matcher.literals.count)
        guard !plan.matcher.isEmpty else { return hits }
        bytes.withUnsafeBufferPointer { buffer in
            plan.matcher.scan(buffer) { id, end in
                if hits.counts[id] < 32 {
                    hits.counts[id] += 1
                    hits.ids.append(Int32(id))
                    hits.ends.append(end)
                }
                return true
            }
        }
        return hits
    }

    /// Occurrences as two flat arrays: cheap to build and to throw away for every file.
    struct LiteralHits {
        /// Occurrences per literal id (capped), which also answers "is it there?" in one load.
        var counts: [UInt8]
        var ids: [Int32] = []
        var ends: [Int] = []

        init(count: Int) { counts = [UInt8](repeating: 0, count: count) }

        func contains(any group: [Int]) -> Bool { group.contains { counts[$0] > 0 } }

        func offsets(of group: [Int]) -> [Int] {
            zip(ids, ends).filter { group.contains(Int($0.0)) }.map(\.1)
        }
    }

    private func searchLines(_ bytes: [UInt8], query: Int, path: String, cell: Int?, limit: Int) -> [LineMatch] {
        guard case let .content(_, pattern, comments) = queries[query] else { return [] }
        var offsets: [Int]?
        if !pattern.literals.isEmpty {
            // Cells are small: find the literals directly.
            let hits = literalHits(bytes)
            offsets = plan.literalIDs[query].first.map { hits.offsets(of: $0) } ?? []
            if offsets?.isEmpty == true { return [] }
        }
        return searchLines(bytes, query: query, path: path, cell: cell, limit: limit, candidates: offsets,
                           pattern: pattern, comments: comments)
    }

    /// Runs the pattern on the lines holding a candidate offset (or on every line when `candidates` is nil).
    private func searchLines(_ bytes: [UInt8], query: Int, path: String, cell: Int?, limit: Int,
                             candidates: [Int]?, pattern: LinePattern, comments: Bool) -> [LineMatch] {
        var found: [LineMatch] = []
        let newline = UInt8(ascii: "\n")
        var lineStarts: [Int] = []
        if let candidates {
            var seen = Set<Int>()
            for end in candidates.sorted() {
                var start = min(end, bytes.count) - 1
                while start > 0, bytes[start - 1] != newline { start -= 1 }
                if start < 0 { start = 0 }
                if seen.insert(start).inserted { lineStarts.append(start) }
            }
        }
        var lineNumber = 1
        var counted = 0
        func check(_ start: Int) -> Bool {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if !comments, Self.isComment(bytes[start..<lineEnd]) { return false }
            let line = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
            guard pattern.firstMatch(in: line) != nil else { return false }
            while counted < start {
                if bytes[counted] == newline { lineNumber += 1 }
                counted += 1
            }
            found.append(LineMatch(path: path, cell: cell, line: lineNumber, text: LineMatch.excerpt(Substring(line))))
            return true
        }
        if candidates != nil {
            for start in lineStarts where found.count < limit { _ = check(start) }
        } else {
            var start = 0
            while start <= bytes.count, found.count < limit {
                _ = check(start)
                guard let next = bytes[start...].firstIndex(of: newline) else { break }
                start = next + 1
            }
        }
        return found
    }

    /// `#` or `//` as the first thing on the line.
    static func isComment(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
            return false
        }
        if line[first] == UInt8(ascii: "#") { return true }
        return line[first] == UInt8(ascii: "/") && first + 1 < line.endIndex && line[first + 1] == UInt8(ascii: "/")
    }

    private func searchYAML(_ documents: [Node], bytes: [UInt8], key: YAMLSignal.KeyPath, pattern: LinePattern?,
                            path: String) -> [LineMatch] {
        var found: [LineMatch] = []
        lazy var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func sourceLine(_ number: Int) -> String {
            guard number >= 1, number <= lines.count else { return "" }
            return LineMatch.excerpt(Substring(String(decoding: lines[number - 1], as: UTF8.self)))
        }
        for document in documents {
            for node in YAMLPathMatcher.select(ArraySlice(key.segments), in: document) {
                guard found.count < perFileLimit else { return found }
                guard let pattern else {
                    let line = node.mark?.line ?? 1
                    found.append(LineMatch(path: path, line: line, text: sourceLine(line)))
                    continue
                }
                for (line, text) in YAMLPathMatcher.texts(of: node) where found.count < perFileLimit {
                    guard pattern.firstMatch(in: text) != nil else { continue }
                    let excerpt = sourceLine(line)
                    found.append(LineMatch(path: path, line: line, text: excerpt.isEmpty ? LineMatch.excerpt(Substring(text)) : excerpt))
                }
            }
        }
        return found
    }
}

/// `map` over two cores, keeping order.
enum ConcurrentMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let box = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            box.set(index, transform(items[index]))
        }
        return box.values()
    }

    /// Each index is written by exactly one iteration; raw memory avoids exclusivity checks on an array.
    private final class Slots<R>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<R?>
        private let count: Int
        init(count: Int) {
            self.count = count
            buffer = .allocate(capacity: max(count, 1))
            buffer.initialize(repeating: nil, count: count)
        }
        deinit {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }
        func set(_ index: Int, _ value: R) { buffer[index] = value }
        func values() -> [R] { (0..<count).map { buffer[$0]! } }
    }
}
