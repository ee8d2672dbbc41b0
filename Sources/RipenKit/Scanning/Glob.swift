/// A path glob over `/`-separated relative paths: `*`, `?`, `[a-z]`, `**` (any number of folders)
/// and, in checklist globs, `{a,b}` alternatives.
///
/// Matching runs on UTF-8 bytes; `literalSuffix` rejects most paths with one comparison, which
/// matters when every check's globs meet every file of a 100,000-file tree.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    let alternatives: [[Token]]
    /// Bytes every matching path ends with (empty when the glob ends in a wildcard).
    let literalSuffix: [UInt8]
    /// Common shapes answered without the general matcher, one per alternative.
    let shapes: [Shape]
    /// Per alternative, the longest run of literal bytes a matching path contains (empty: none).
    let anchors: [[UInt8]]

    /// `**/*.py` is a suffix test, `**/Dockerfile` a name test, `Jenkinsfile` an equality test.
    enum Shape: Sendable, Hashable {
        case suffix([UInt8])
        case name([UInt8])
        case exact([UInt8])
        case general
    }

    enum Token: Sendable, Hashable {
        case byte(UInt8)
        case anyByte
        case star
        /// `**/`: nothing, or any run of whole folders.
        case folders
        /// A trailing `**`: anything at all.
        case rest
        case set([ClosedRange<UInt8>], negated: Bool)
    }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameter braces: expand `{a,b}` (checklists); gitignore patterns take braces literally.
    public init(_ source: String, braces: Bool = true) throws(SyntaxError) {
        self.source = source
        let expanded = braces ? try Self.expandBraces(source) : [source]
        var alternatives: [[Token]] = []
        for pattern in expanded { alternatives.append(try Self.tokenize(Array(pattern.utf8))) }
        self.alternatives = alternatives
        literalSuffix = alternatives.map(Self.suffix).reduce(nil) { common, next -> [UInt8]? in
            guard let common else { return next }
            return Self.commonSuffix(common, next)
        } ?? []
        shapes = alternatives.map(Self.shape)
        anchors = alternatives.map(Self.anchor)
    }

    private static func shape(_ tokens: [Token]) -> Shape {
        func literal(_ slice: ArraySlice<Token>) -> [UInt8]? {
            var bytes: [UInt8] = []
            for token in slice {
                guard case let .byte(byte) = token else { return nil }
                bytes.append(byte)
            }
            return bytes
        }
        if let bytes = literal(tokens[...]) { return .exact(bytes) }
        guard tokens.first == .folders else { return .general }
        if tokens.count > 1, tokens[1] == .star, let bytes = literal(tokens[2...]), !bytes.contains(slash) {
            return .suffix(bytes)
        }
        if let bytes = literal(tokens[1...]), !bytes.contains(slash) { return .name(bytes) }
        return .general
    }

    public var description: String { source }

    /// One brace alternative on its own (for `SelectorIndex`).
    init(alternative tokens: [Token], source: String) {
        // The source names the alternative itself, so equal alternatives of different globs are one key.
        self.source = "\(tokens)"
        alternatives = [tokens]
        literalSuffix = Self.suffix(tokens)
        shapes = [.general]
        anchors = [Self.anchor(tokens)]
    }

    /// The longest run of literal bytes in an alternative.
    static func anchor(_ tokens: [Token]) -> [UInt8] {
        var best: [UInt8] = []
        var run: [UInt8] = []
        for token in tokens {
            if case let .byte(byte) = token {
                run.append(byte)
                if run.count > best.count { best = run }
            } else {
                run = []
            }
        }
        return best
    }

    /// Every alternative ends in `/**`: whether a path matches depends on its folder alone.
    var readsOnlyFolder: Bool {
        alternatives.allSatisfy { tokens in
            tokens.count >= 2 && tokens[tokens.count - 1] == .rest && tokens[tokens.count - 2] == .byte(Self.slash)
        }
    }

    /// A cheap test before `matches`: false when no alternative's literal run occurs in the path.
    public func mayMatch(_ path: [UInt8]) -> Bool {
        anchors.contains { anchor in
            guard !anchor.isEmpty else { return true }
            guard path.count >= anchor.count else { return false }
            var index = 0
            while index + anchor.count <= path.count {
                if path[index] == anchor[0], path[index..<(index + anchor.count)].elementsEqual(anchor) { return true }
                index += 1
            }
            return false
        }
    }

    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { matches(bytes: $0) }
    }

    public func matches(bytes path: UnsafeBufferPointer<UInt8>) -> Bool {
        if !literalSuffix.isEmpty {
            guard path.count >= literalSuffix.count else { return false }
            let start = path.count - literalSuffix.count
            for index in 0..<literalSuffix.count where path[start + index] != literalSuffix[index] { return false }
        }
        for (tokens, shape) in zip(alternatives, shapes) {
            switch shape {
            case let .suffix(bytes):
                if Self.hasSuffix(path, bytes) { return true }
            case let .name(bytes):
                if Self.hasSuffix(path, bytes),
                   path.count == bytes.count || path[path.count - bytes.count - 1] == Self.slash { return true }
            case let .exact(bytes):
                if path.count == bytes.count, Self.hasSuffix(path, bytes) { return true }
            case .general:
                // Wildcards can backtrack polynomially (`*a*a*a*a*b?` against a long name): past a budget
                // of tries, the positions that failed are remembered, so each (token, byte) pair is tried
                // once. Ordinary paths never reach the budget and pay nothing.
                var state = MatchState(budget: 8 * (tokens.count + path.count))
                if Self.match(tokens, 0, path, 0, &state) { return true }
            }
        }
        return false
    }

    private static func hasSuffix(_ path: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard path.count >= bytes.count else { return false }
        let start = path.count - bytes.count
        for index in 0..<bytes.count where path[start + index] != bytes[index] { return false }
        return true
    }

    // MARK: - Matching

    struct MatchState {
        var budget: Int
        var calls = 0
        var failed: Set<Int>?
    }

    private static func match(_ tokens: [Token], _ t: Int, _ path: UnsafeBufferPointer<UInt8>, _ p: Int,
                              _ state: inout MatchState) -> Bool {
        state.calls += 1
        if state.failed == nil, state.calls > state.budget { state.failed = [] }
        let key = t * (path.count + 1) + p
        if state.failed?.contains(key) == true { return false }
        let matched = matchFrom(tokens, t, path, p, &state)
        if !matched { state.failed?.insert(key) }
        return matched
    }

    private static func matchFrom(_ tokens: [Token], _ t: Int, _ path: UnsafeBufferPointer<UInt8>, _ p: Int,
                                  _ memo: inout MatchState) -> Bool {
        var t = t
        var p = p
        while t < tokens.count {
            switch tokens[t] {
            case let .byte(byte):
                guard p < path.count, path[p] == byte else { return false }
            case .anyByte:
                guard p < path.count, path[p] != slash else { return false }
            case let .set(ranges, negated):
                guard p < path.count, path[p] != slash else { return false }
                guard ranges.contains(where: { $0.contains(path[p]) }) != negated else { return false }
            case .star:
                if t == tokens.count - 1 { return !path[p...].contains(slash) }
                var k = p
                while true {
                    if match(tokens, t + 1, path, k, &memo) { return true }
                    guard k < path.count, path[k] != slash else { return false }
                    k += 1
                }
            case .folders:
                if match(tokens, t + 1, path, p, &memo) { return true }
                var k = p
                while k < path.count {
                    if path[k] == slash, match(tokens, t + 1, path, k + 1, &memo) { return true }
                    k += 1
                }
                return false
            case .rest:
                return true
            }
            t += 1
            p += 1
        }
        return p == path.count
    }

    // MARK: - Parsing

    private static let slash = UInt8(ascii: "/")

    private static func tokenize(_ bytes: [UInt8]) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "*"):
                let atSegmentStart = i == 0 || bytes[i - 1] == slash
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*"), atSegmentStart {
                    if i + 2 == bytes.count {
                        tokens.append(.rest)
                        i += 2
                        continue
                    }
                    if bytes[i + 2] == slash {
                        tokens.append(.folders)
                        i += 3
                        continue
                    }
                }
                if tokens.last != .star { tokens.append(.star) }
            case UInt8(ascii: "?"):
                tokens.append(.anyByte)
            case UInt8(ascii: "["):
                var j = i + 1
                var negated = false
                if j < bytes.count, bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "^") {
                    negated = true
                    j += 1
                }
                var ranges: [ClosedRange<UInt8>] = []
                var first = true
                while j < bytes.count, bytes[j] != UInt8(ascii: "]") || first {
                    first = false
                    var low = bytes[j]
                    if low == UInt8(ascii: "\\"), j + 1 < bytes.count {
                        j += 1
                        low = bytes[j]
                    }
                    if j + 2 < bytes.count, bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] != UInt8(ascii: "]") {
                        let high = bytes[j + 2]
                        guard low <= high else { throw SyntaxError(description: "reversed range in '[...]'") }
                        ranges.append(low...high)
                        j += 3
                    } else {
                        ranges.append(low...low)
                        j += 1
                    }
                }
                guard j < bytes.count else { throw SyntaxError(description: "unclosed '[' in glob") }
                tokens.append(.set(ranges, negated: negated))
                i = j
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { throw SyntaxError(description: "glob ends with '\\'") }
                i += 1
                tokens.append(.byte(bytes[i]))
            default:
                tokens.append(.byte(byte))
            }
            i += 1
        }
        return tokens
    }

    private static func suffix(_ tokens: [Token]) -> [UInt8] {
        var bytes: [UInt8] = []
        for token in tokens.reversed() {
            guard case let .byte(byte) = token else { break }
            bytes.append(byte)
        }
        return bytes.reversed()
    }

    private static func commonSuffix(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var count = 0
        while count < a.count, count < b.count, a[a.count - 1 - count] == b[b.count - 1 - count] { count += 1 }
        return Array(a.suffix(count))
    }

    /// `a{b,c{d,e}}` becomes `ab`, `acd`, `ace`.
    static func expandBraces(_ pattern: String) throws(SyntaxError) -> [String] {
        let chars = Array(pattern)
        guard let open = chars.firstIndex(of: "{") else {
            if chars.contains("}") { throw SyntaxError(description: "unmatched '}' in glob") }
            return [pattern]
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<chars.count {
            switch chars[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { throw SyntaxError(description: "unclosed '{' in glob") }
        let head = String(chars[..<open])
        let tail = String(chars[(close + 1)...])
        var bounds = [open] + commas + [close]
        var results: [String] = []
        for index in 0..<(bounds.count - 1) {
            let part = String(chars[(bounds[index] + 1)..<bounds[index + 1]])
            results += try expandBraces(head + part + tail)
        }
        bounds.removeAll()
        return results
    }
}
