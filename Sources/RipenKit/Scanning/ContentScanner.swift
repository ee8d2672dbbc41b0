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
        /// Files the query's paths selected (exact when the query found nothing): what a miss looked at.
        var filesSearched = 0
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
        var pathSelectors: [PathSelector]
        var selectorOfQuery: [Int] = []
        var literalIDs: [[[Int]]] = []
        /// For content queries: each pattern's group in `literalIDs` (nil when the pattern has no literals).
        var patternGroups: [[Int?]] = []
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
        var patternGroups: [[Int?]] = []
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
            if case let .content(_, search) = query {
                var next = 0
                patternGroups.append(search.patterns.map { pattern in
                    guard !pattern.literals.isEmpty else { return nil }
                    defer { next += 1 }
                    return next
                })
            } else {
                patternGroups.append([])
            }
        }
        plan = Plan(selectors: SelectorIndex(selectors), pathSelectors: selectors, selectorOfQuery: selectorOfQuery, literalIDs: literalIDs,
                    patternGroups: patternGroups, matcher: LiteralMatcher(literals))
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
        // One path index per slice, built apart: threads that share one index's storage contend on its
        // reference counts for every file, which cost more than the matching itself.
        // Two slices a core, so a core that finishes early takes another; a small chunk (a small
        // repository, a fleet's member) is not worth the split nor the indexes.
        let workers = ConcurrentMap.cores * 2
        var indexes = [plan.selectors]
        while satisfied.contains(false), let chunk = chunks.next() {
            let active = satisfied
            let slices = chunk.count >= Self.sliceThreshold ? workers : 1
            if indexes.count < slices { indexes += (indexes.count..<slices).map { _ in SelectorIndex(plan.pathSelectors) } }
            let outcomes = ConcurrentMap.mapSlices(chunk, count: slices) { [indexes] slice, files in
                let selectors = indexes[slice]
                return files.map { process($0, rootBytes: rootBytes, skip: active, selectors: selectors) }
            }
            for (file, outcome) in zip(chunk, outcomes) {
                switch outcome.read {
                case .text: statistics.filesRead += 1; statistics.bytesRead += outcome.bytes
                case .binary: statistics.skippedBinary += 1
                case .tooLarge: statistics.skippedLarge.append(file.path)
                case .unreadable: statistics.unreadable.append(file.path)
                case nil: break
                }
                for query in outcome.selected { results[query].filesSearched += 1 }
                for (query, matches) in outcome.matches where !satisfied[query] {
                    let limit = evidenceLimit(query)
                    for match in matches {
                        if results[query].matches.count == limit {
                            results[query].truncated = true
                            break
                        }
                        results[query].matches.append(match)
                    }
                    if results[query].matches.count == limit { satisfied[query] = true }
                }
            }
        }
        for index in results.indices where satisfied[index] { results[index].truncated = true }
        return (results, statistics)
    }

    static let sliceThreshold = 256

    /// A multi-pattern search keeps one whole scope's evidence.
    private func evidenceLimit(_ query: Int) -> Int {
        guard case let .content(_, search) = queries[query] else { return evidenceLimit }
        return max(evidenceLimit, search.patterns.count)
    }

    private func perFileLimit(_ search: SearchQuery.ContentSearch) -> Int {
        search.patterns.count > 1 ? search.patterns.count : perFileLimit
    }

    private struct FileOutcome: Sendable {
        var read: FileReader.Outcome?
        var bytes = 0
        /// Queries whose paths selected the file.
        var selected: [Int] = []
        var matches: [(Int, [LineMatch])] = []
    }

    private func process(_ file: RepositoryFile, rootBytes: [UInt8], skip: [Bool], selectors: SelectorIndex) -> FileOutcome {
        var outcome = FileOutcome()
        let selected = selectors.matches(file.matchPath)
        var wanted = queries.indices.filter { !skip[$0] && selected[plan.selectorOfQuery[$0]] }
        if wanted.isEmpty { return outcome }
        outcome.selected = wanted
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
        let hits = literalHits(bytes)
        if file.isNotebook {
            // Parse the JSON only if a wanted query's literals occur in the raw text. Literals with a quote or
            // a backslash would be escaped in JSON, so their groups always count as present.
            let content = wanted.filter { query in
                guard case .content = queries[query] else { return false }
                return plan.literalIDs[query].allSatisfy { group in
                    hits.contains(any: group) || group.contains {
                        plan.matcher.literals[$0].contains(UInt8(ascii: "\"")) || plan.matcher.literals[$0].contains(UInt8(ascii: "\\"))
                    }
                }
            }
            if content.isEmpty { return outcome }
            if let cells = Notebook.codeCells(bytes) {
                for query in content {
                    guard case let .content(_, search) = queries[query] else { continue }
                    let found = searchNotebook(cells, query: query, search: search, path: file.path)
                    if !found.isEmpty { outcome.matches.append((query, found)) }
                }
                return outcome
            }
        }
        var documents: [Node]?
        for query in wanted {
            guard plan.literalIDs[query].allSatisfy({ hits.contains(any: $0) }) else { continue }
            switch queries[query] {
            case .files:
                continue
            case let .content(_, search):
                let found = searchContent(bytes, query: query, search: search, path: file.path, cell: nil, hits: hits,
                                          limit: perFileLimit(search), documents: &documents)
                if !found.isEmpty { outcome.matches.append((query, found)) }
            case let .yaml(_, key, pattern):
                let found = searchYAML(Self.compose(bytes, into: &documents), bytes: bytes, key: key, pattern: pattern,
                                       path: file.path)
                if !found.isEmpty { outcome.matches.append((query, found)) }
            }
        }
        return outcome
    }

    /// The file's YAML documents, composed once per file (none when it does not parse).
    private static func compose(_ bytes: [UInt8], into documents: inout [Node]?) -> [Node] {
        if let documents { return documents }
        // Aliases make a small file a large tree (a 412-byte file of nested aliases is 10^8 nodes): a
        // document beyond the budget is not searched.
        let composed = ((try? Array(Yams.compose_all(yaml: String(decoding: bytes, as: UTF8.self)))) ?? [])
            .filter { PipelineYAML.size($0) <= PipelineYAML.nodeBudget }
        documents = composed
        return composed
    }

    /// Code cells: a one-pattern search or a `cell` scope runs cell by cell; a multi-pattern `file` scope
    /// takes each pattern's first line anywhere in the notebook.
    private func searchNotebook(_ cells: [(index: Int, source: String)], query: Int, search: SearchQuery.ContentSearch,
                                path: String) -> [LineMatch] {
        let limit = perFileLimit(search)
        var documents: [Node]? = []
        if search.patterns.count > 1, search.within == .file {
            var firsts: [LineMatch] = []
            for (index, pattern) in search.patterns.enumerated() {
                let single = SearchQuery.ContentSearch(patterns: [pattern], comments: search.comments)
                var found: LineMatch?
                for cell in cells where found == nil {
                    let bytes = Array(cell.source.utf8)
                    found = searchContent(bytes, query: query, search: single, path: path, cell: cell.index,
                                          hits: literalHits(bytes), limit: 1, documents: &documents,
                                          groups: [plan.patternGroups[query][index]]).first
                }
                guard let found else { return [] }
                firsts.append(found)
            }
            return firsts
        }
        var found: [LineMatch] = []
        for cell in cells where found.count < limit {
            let bytes = Array(cell.source.utf8)
            found += searchContent(bytes, query: query, search: search, path: path, cell: cell.index,
                                   hits: literalHits(bytes), limit: limit - found.count, documents: &documents)
        }
        return found
    }

    /// Lines of `bytes` that satisfy a content search: each pattern's matches, then the first scope where
    /// every pattern has one.
    private func searchContent(_ bytes: [UInt8], query: Int, search: SearchQuery.ContentSearch, path: String,
                               cell: Int?, hits: LiteralHits, limit: Int, documents: inout [Node]?,
                               groups: [Int?]? = nil) -> [LineMatch] {
        let groups = groups ?? plan.patternGroups[query]
        func candidates(_ index: Int) -> [Int]? {
            guard let group = groups[index] else { return nil }
            return hits.offsets(of: plan.literalIDs[query][group])
        }
        guard search.patterns.count > 1 else {
            let offsets = candidates(0)
            if offsets?.isEmpty == true { return [] }
            return searchLines(bytes, path: path, cell: cell, limit: limit, candidates: offsets,
                               pattern: search.patterns[0], comments: search.comments)
        }
        // Every line of each pattern (bounded), so scopes can be intersected.
        var perPattern: [[LineMatch]] = []
        for (index, pattern) in search.patterns.enumerated() {
            let offsets = candidates(index)
            if offsets?.isEmpty == true { return [] }
            let lines = searchLines(bytes, path: path, cell: cell, limit: 256, candidates: offsets, pattern: pattern,
                                    comments: search.comments)
            if lines.isEmpty { return [] }
            perPattern.append(lines)
        }
        switch search.within {
        case .file, .cell:
            return perPattern.map { $0[0] }
        case let .yaml(key):
            for document in Self.compose(bytes, into: &documents) {
                for node in YAMLPathMatcher.select(ArraySlice(key.segments), in: document) {
                    let span = YAMLPathMatcher.lineSpan(of: node)
                    let picks = perPattern.compactMap { lines in lines.first { span.contains($0.line ?? 0) } }
                    if picks.count == perPattern.count { return picks }
                }
            }
            return []
        }
    }

    /// End offsets of each literal's occurrences (at most 32 per literal), in file order.
    private func literalHits(_ bytes: [UInt8]) -> LiteralHits {
        var hits = LiteralHits(count: plan.matcher.literals.count)
        guard !plan.matcher.isEmpty else { return hits }
        bytes.withUnsafeBufferPointer { buffer in
            plan.matcher.scan(buffer) { id, end in
                if hits.counts[id] < LiteralHits.cap {
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

        /// Where the group's literals end, or nil when a literal hit the cap: then every line must be tried.
        func offsets(of group: [Int]) -> [Int]? {
            if group.contains(where: { counts[$0] >= LiteralHits.cap }) { return nil }
            return zip(ids, ends).filter { group.contains(Int($0.0)) }.map(\.1)
        }

        static let cap: UInt8 = 32
    }

    /// Runs the pattern on the lines holding a candidate offset (or on every line when `candidates` is nil).
    private func searchLines(_ bytes: [UInt8], path: String, cell: Int?, limit: Int,
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

/// Work split over the cores, keeping order.
enum ConcurrentMap {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `map` over `count` contiguous slices run side by side, keeping order; `transform` maps one slice
    /// and is told which.
    static func mapSlices<T: Sendable, R: Sendable>(_ items: [T], count: Int,
                                                    _ transform: @Sendable (Int, ArraySlice<T>) -> [R]) -> [R] {
        let count = max(count, 1)
        let size = (items.count + count - 1) / count
        let box = Slots<[R]>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slice in
            let start = min(slice * size, items.count)
            box.set(slice, transform(slice, items[start..<min(start + size, items.count)]))
        }
        return box.values().flatMap { $0 }
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
