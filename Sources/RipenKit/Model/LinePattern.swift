import Foundation

/// A regular expression (ICU syntax, as NSRegularExpression reads it) applied to one line at a time,
/// with the literals a match must contain, so most files are ruled out without running the regex.
public struct LinePattern: Sendable, Equatable, Decodable, CustomStringConvertible {
    public let source: String
    let regex: Regex
    /// Lower-cased literals of which every match contains at least one; empty when none could be derived.
    public let literals: [String]

    public var description: String { source }

    public init(_ source: String) throws {
        self.source = source
        regex = Regex(try NSRegularExpression(pattern: source, options: []))
        literals = RequiredLiterals.of(source)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "invalid regular expression '\(text)'"))
        }
    }

    /// Lines longer than this (minified or generated text, or a line built to make a pattern's
    /// look-aheads quadratic) are not matched: a regex on a 2 MB line took twelve minutes.
    public static let lineLimit = 16 << 10

    public func firstMatch(in line: String) -> Range<String.Index>? {
        guard line.utf8.count <= Self.lineLimit else { return nil }
        let range = NSRange(line.startIndex..<line.endIndex, in: line)
        guard let match = regex.value.firstMatch(in: line, options: [], range: range) else { return nil }
        return Range(match.range, in: line)
    }

    /// False when `line` (lower-cased) holds none of the literals every match contains: the regex
    /// need not run.
    func mayMatch(lowercased line: String) -> Bool {
        guard line.utf8.count <= Self.lineLimit else { return false }
        return literals.isEmpty || literals.contains { line.containsBytes($0) }
    }

    public static func == (lhs: LinePattern, rhs: LinePattern) -> Bool { lhs.source == rhs.source }

    /// NSRegularExpression is immutable and documented as safe to share between threads.
    struct Regex: @unchecked Sendable {
        let value: NSRegularExpression
        init(_ value: NSRegularExpression) { self.value = value }
    }
}

/// Derives, from a regular expression, literals of which every match contains at least one.
///
/// It parses the subset of regex syntax that matters (literals, groups, alternation, quantifiers)
/// and keeps whatever a match cannot do without: `\bmlflow\.(log_param|log_metric)\(` needs
/// `mlflow.log_param(` or `mlflow.log_metric(`. Sound before fast: any construct outside that subset
/// (hex, Unicode or octal escapes, `\Q…\E`, nested or POSIX classes, `(?x)`, comments, atomic groups,
/// a brace that is not a quantifier, non-ASCII text) makes it give up (`[]`), and the regex then runs on
/// every line of the selected files.
enum RequiredLiterals {
    static let minimumLength = 3
    static let maximumAlternatives = 64

    static func of(_ pattern: String) -> [String] {
        var parser = Parser(chars: Array(pattern))
        let alternation = parser.alternation()
        guard !parser.unsupported, parser.index == parser.chars.count, pattern.allSatisfy(\.isASCII),
              let set = required(alternation),
              set.allSatisfy({ $0.utf8.count >= minimumLength }) else { return [] }
        return Array(Set(set.map { $0.lowercased() })).sorted()
    }

    // MARK: - Syntax tree

    struct Item {
        enum Kind {
            case char(Character)
            case group([[Item]])
            /// Anything else: classes, escapes such as \b or \d, anchors, look-arounds, back-references.
            case other
        }
        var kind: Kind
        var min = 1
        var max: Int? = 1
    }

    struct Parser {
        let chars: [Character]
        var index = 0
        /// Set when the pattern holds a construct this parser does not model exactly.
        var unsupported = false

        /// Letter escapes that stand for something other than a literal character, consuming nothing after them.
        static let knownEscapes: Set<Character> = ["b", "B", "d", "D", "w", "W", "s", "S", "n", "t", "r", "f", "a", "e",
                                                   "A", "z", "Z", "G", "h", "H", "v", "V", "R", "X"]

        mutating func alternation() -> [[Item]] {
            var branches: [[Item]] = [sequence()]
            while index < chars.count, chars[index] == "|" {
                index += 1
                branches.append(sequence())
            }
            return branches
        }

        mutating func sequence() -> [Item] {
            var items: [Item] = []
            while index < chars.count, chars[index] != "|", chars[index] != ")" {
                let char = chars[index]
                switch char {
                case "\\":
                    index += 1
                    guard index < chars.count else { return items }
                    let next = chars[index]
                    index += 1
                    if next.isNumber || (next.isLetter && !Self.knownEscapes.contains(next)) { unsupported = true }
                    items.append(Item(kind: next.isLetter || next.isNumber ? .other : .char(next)))
                case "[":
                    skipClass()
                    items.append(Item(kind: .other))
                case "(":
                    index += 1
                    var lookaround = false
                    if index < chars.count, chars[index] == "?" {
                        index += 1
                        if index < chars.count, "=!<".contains(chars[index]) {
                            // (?=  (?!  (?<=  (?<!  are look-arounds; (?<name> is a named group.
                            let named = chars[index] == "<" && index + 1 < chars.count && !"=!".contains(chars[index + 1])
                            lookaround = !named
                            while named, index < chars.count, chars[index] != ">" { index += 1 }
                            index += 1
                        } else {
                            // Flags: (?i) changes nothing we look at (literals are matched case-folded); (?i: ...)
                            // and (?: ...) are plain groups. (?x) changes what a space means, so it is not modelled.
                            while index < chars.count, chars[index].isLetter || chars[index] == "-" {
                                if chars[index] == "x" { unsupported = true }
                                index += 1
                            }
                            if index < chars.count, chars[index] == ")" {
                                index += 1
                                continue
                            }
                            if index < chars.count, chars[index] == ":" {
                                index += 1
                            } else {
                                // (?# comment), (?> atomic), (?| … and anything else unknown.
                                unsupported = true
                            }
                        }
                    }
                    let inner = alternation()
                    if index < chars.count, chars[index] == ")" { index += 1 }
                    items.append(Item(kind: lookaround ? .other : .group(inner)))
                case ".", "^", "$":
                    index += 1
                    items.append(Item(kind: .other))
                case "*", "+", "?", "{":
                    quantify(&items)
                default:
                    index += 1
                    items.append(Item(kind: .char(char)))
                }
            }
            return items
        }

        mutating func quantify(_ items: inout [Item]) {
            var min = 1
            var max: Int? = 1
            switch chars[index] {
            case "*": (min, max) = (0, nil); index += 1
            case "+": (min, max) = (1, nil); index += 1
            case "?": (min, max) = (0, 1); index += 1
            default:
                var text = ""
                index += 1
                while index < chars.count, chars[index] != "}" {
                    text.append(chars[index])
                    index += 1
                }
                index += 1
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                // Only {n}, {n,} and {n,m} are quantifiers.
                guard (1...2).contains(parts.count), let low = Int(parts[0]),
                      parts.count == 1 || parts[1].isEmpty || Int(parts[1]) != nil else {
                    unsupported = true
                    return
                }
                min = low
                max = parts.count == 1 ? min : Int(parts[1])
            }
            // Lazy or possessive suffixes.
            if index < chars.count, chars[index] == "?" || chars[index] == "+" { index += 1 }
            guard !items.isEmpty else {
                unsupported = true
                return
            }
            // A quantifier on a quantified item (`a**`) is not modelled.
            if items[items.count - 1].min != 1 || items[items.count - 1].max != 1 { unsupported = true }
            items[items.count - 1].min = min
            items[items.count - 1].max = max
        }

        mutating func skipClass() {
            index += 1
            if index < chars.count, chars[index] == "^" { index += 1 }
            if index < chars.count, chars[index] == "]" { index += 1 }
            while index < chars.count, chars[index] != "]" {
                // Nested sets, POSIX classes and set operations ([[:alpha:]], [a-z&&[^q]]) are not modelled.
                if chars[index] == "[" { unsupported = true }
                if chars[index] == "\\" {
                    index += 1
                    // \Q…\E and property escapes inside a class can hide a closing bracket.
                    if index < chars.count, "QEpPNxuU".contains(chars[index]) { unsupported = true }
                }
                index += 1
            }
            if index >= chars.count { unsupported = true }
            index += 1
        }
    }

    // MARK: - Literals

    /// The strings the alternation matches exactly, when it only matches a few fixed strings.
    static func exact(_ alternation: [[Item]]) -> [String]? {
        var result: [String] = []
        for branch in alternation {
            var strings = [""]
            for item in branch {
                guard item.min == 1, item.max == 1 else { return nil }
                switch item.kind {
                case let .char(char): strings = strings.map { $0 + String(char) }
                case let .group(inner):
                    guard let options = exact(inner) else { return nil }
                    strings = strings.flatMap { prefix in options.map { prefix + $0 } }
                case .other: return nil
                }
                if strings.count > maximumAlternatives { return nil }
            }
            result += strings
        }
        return result
    }

    /// Literals of which every match of the alternation contains one; nil when none can be promised.
    static func required(_ alternation: [[Item]]) -> [String]? {
        var result: [String] = []
        for branch in alternation {
            guard let best = best(segments(branch)) else { return nil }
            result += best
        }
        return result
    }

    /// The runs of fixed text a sequence must contain, each as its possible spellings.
    static func segments(_ sequence: [Item]) -> [[String]] {
        var segments: [[String]] = []
        var current: [String]?
        func flush() {
            if let current { segments.append(current) }
            current = nil
        }
        for item in sequence {
            guard item.min >= 1 else {
                flush()
                continue
            }
            let once = item.max == 1
            switch item.kind {
            case let .char(char):
                current = (current ?? [""]).map { $0 + String(char) }
                if !once { flush() }
            case let .group(inner):
                if once, let options = exact(inner) {
                    let joined = (current ?? [""]).flatMap { prefix in options.map { prefix + $0 } }
                    if joined.count <= maximumAlternatives {
                        current = joined
                        continue
                    }
                }
                flush()
                if let options = required(inner) { segments.append(options) }
            case .other:
                flush()
            }
        }
        flush()
        return segments
    }

    /// The segment whose shortest spelling is longest: the most selective one to search for.
    static func best(_ segments: [[String]]) -> [String]? {
        segments.filter { !$0.isEmpty }.max { a, b in
            let (la, lb) = (a.map(\.utf8.count).min() ?? 0, b.map(\.utf8.count).min() ?? 0)
            return la != lb ? la < lb : a.count > b.count
        }
    }
}
