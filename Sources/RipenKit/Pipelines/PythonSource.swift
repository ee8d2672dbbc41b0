import Foundation

/// Python read as Python, not as words: code lines with comments, docstrings and string literals
/// blanked, the commands it hands to a shell, and the modules it imports.
struct PythonSource {
    /// 1-based line and the code on it, strings replaced by `""`.
    var code: [(line: Int, text: String)] = []
    /// Commands passed to `subprocess`/`os.system` as literal strings or lists of them.
    var commands: [(line: Int, text: String)] = []
    /// Imported module paths (`pkg.sub`), relative ones with their leading dots.
    var imports: [(line: Int, module: String)] = []

    init(_ source: String) {
        var line = 1
        var current = ""
        var literal = ""
        var inString: (quote: Character, triple: Bool)?
        var chars = Array(source.replacingOccurrences(of: "\r\n", with: "\n"))
        chars.append("\n")
        var index = 0
        var depth = 0
        var shellCall: (line: Int, depth: Int, words: [String])?
        func endLine() {
            code.append((line, current))
            if let call = shellCall, call.depth >= depth || depth == 0 {
                if !call.words.isEmpty { commands.append((call.line, call.words.joined(separator: " "))) }
                shellCall = nil
            }
            parseImport(current, line: line)
            current = ""
            line += 1
        }
        while index < chars.count {
            let char = chars[index]
            if let string = inString {
                if char == "\\" { if index + 1 < chars.count, chars[index + 1] == "\n" { line += 1 }; index += 2; literal.append(" "); continue }
                if char == string.quote {
                    if !string.triple {
                        inString = nil
                        shellCall?.words.append(literal)
                        index += 1
                        continue
                    }
                    if index + 2 < chars.count, chars[index + 1] == string.quote, chars[index + 2] == string.quote {
                        inString = nil
                        shellCall?.words.append(literal)
                        index += 3
                        continue
                    }
                }
                if char == "\n" {
                    if !string.triple { inString = nil; endLine(); index += 1; continue }
                    code.append((line, current))
                    current = ""
                    line += 1
                }
                literal.append(char)
                index += 1
                continue
            }
            switch char {
            case "#":
                while index < chars.count, chars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                let triple = index + 2 < chars.count && chars[index + 1] == char && chars[index + 2] == char
                inString = (char, triple)
                literal = ""
                current += "\"\""
                index += triple ? 3 : 1
                continue
            case "(", "[", "{":
                depth += 1
                if char == "(", current.hasSuffix("system") || current.range(of: #"subprocess\.\w+$|\bPopen$|check_(call|output)$|os\.popen$"#, options: .regularExpression) != nil {
                    shellCall = (line, depth, [])
                }
            case ")", "]", "}":
                depth = max(0, depth - 1)
                if let call = shellCall, depth < call.depth {
                    if !call.words.isEmpty { commands.append((call.line, call.words.joined(separator: " "))) }
                    shellCall = nil
                }
            case "\n":
                if depth == 0 { endLine() } else { code.append((line, current)); current = ""; line += 1 }
                index += 1
                continue
            default: break
            }
            current.append(char)
            index += 1
        }
    }

    private mutating func parseImport(_ text: String, line: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("from ") {
            let parts = trimmed.split(separator: " ")
            guard parts.count >= 4, parts[2] == "import" else { return }
            let module = String(parts[1])
            imports.append((line, module))
            for name in parts[3...].joined(separator: " ").split(separator: ",") {
                let item = name.trimmingCharacters(in: CharacterSet(charactersIn: " ()")).split(separator: " ").first
                if let item, !item.isEmpty { imports.append((line, module.hasSuffix(".") ? module + item : module + "." + item)) }
            }
        } else if trimmed.hasPrefix("import ") {
            for name in trimmed.dropFirst(7).split(separator: ",") {
                if let module = name.split(separator: " ").first { imports.append((line, String(module))) }
            }
        }
    }
}
