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

    public func firstMatch(in line: String) -> Range<String.Index>? {
        let range = NSRange(line.startIndex..<line.endIndex, in: line)
        guard let match = regex.value.firstMatch(in: line, options: [], range: range) else { return nil }
        return Range(match.range, in: line)
    }

    public static func == (lhs: LinePattern, rhs: LinePattern) -> Bool { lhs.source == rhs.source }

    /// NSRegularExpression is immutable and documented as safe to share between threads.
    struct Regex: @unchecked Sendable {
        let value: NSRegularExpression
        init(_ value: NSRegularExpression) { self.value = value }
    }
}

/// Derives, from a regular expression, literals that every match must contain.
///
/// Conservative: it gives up (returns `[]`) rather than risk a literal a match may lack.
enum RequiredLiterals {
    static let minimumLength = 3

    static func of(_ pattern: String) -> [String] {
        let chars = Array(pattern)
        var branches: [[Character]] = [[]]
        var depth = 0
        var index = 0
        // Split on top-level '|', keeping groups and classes whole.
        while index < chars.count {
            let char = chars[index]
            if char == "\\", index + 1 < chars.count {
                branches[branches.count - 1] += [char, chars[index + 1]]
                index += 2
                continue
            }
            if char == "[" {
                let end = classEnd(chars, index)
                branches[branches.count - 1] += chars[index..<min(end + 1, chars.count)]
                index = end + 1
                continue
            }
            if char == "(" { depth += 1 }
            if char == ")" { depth -= 1 }
            if char == "|", depth == 0 {
                branches.append([])
            } else {
                branches[branches.count - 1].append(char)
            }
            index += 1
        }
        var literals: [String] = []
        for branch in branches {
            guard let literal = longestRun(branch), literal.utf8.count >= minimumLength else { return [] }
            literals.append(literal.lowercased())
        }
        return Array(Set(literals)).sorted()
    }

    private static func classEnd(_ chars: [Character], _ start: Int) -> Int {
        var index = start + 1
        if index < chars.count, chars[index] == "^" { index += 1 }
        if index < chars.count, chars[index] == "]" { index += 1 }
        while index < chars.count, chars[index] != "]" {
            if chars[index] == "\\" { index += 1 }
            index += 1
        }
        return index
    }

    private static func groupEnd(_ chars: [Character], _ start: Int) -> Int {
        var depth = 0
        var index = start
        while index < chars.count {
            switch chars[index] {
            case "\\": index += 1
            case "[": index = classEnd(chars, index)
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return index
    }

    private static func longestRun(_ chars: [Character]) -> String? {
        var best = ""
        var run = ""
        func close() {
            if run.utf8.count > best.utf8.count { best = run }
            run = ""
        }
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\\":
                guard index + 1 < chars.count else { return nil }
                let next = chars[index + 1]
                if next.isLetter || next.isNumber {
                    close() // \b, \d, \s, \w, \1 ...: not a literal byte
                } else {
                    run.append(next)
                }
                index += 2
                continue
            case "[":
                close()
                index = classEnd(chars, index)
            case "(":
                close()
                index = groupEnd(chars, index)
            case "*", "?":
                if !run.isEmpty { run.removeLast() }
                close()
            case "{":
                if !run.isEmpty { run.removeLast() }
                close()
                while index < chars.count, chars[index] != "}" { index += 1 }
            case "+":
                close()
            case ".", "^", "$", ")":
                close()
            default:
                run.append(char)
            }
            index += 1
        }
        close()
        return best.isEmpty ? nil : best
    }
}
