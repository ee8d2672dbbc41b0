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
    /// Every string literal, for a file that sends commands over SSH (`exec_command`): the commands it
    /// sends are usually assembled from literals before the call.
    var literals: [(line: Int, text: String)] = []
    /// The file hands commands to another host (paramiko's `exec_command`).
    var sendsOverSSH = false

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
        var statement = ""
        var statementLine: Int?
        // Lists of string literals, innermost last: `["gcloud", "run", "deploy", name]` is a command
        // built for a later `subprocess.run(command)`.
        var lists: [(line: Int, depth: Int, words: [String])] = []
        var literalLine = 1
        func closeLiteral() {
            shellCall?.words.append(literal)
            if let last = lists.indices.last, lists[last].depth == depth { lists[last].words.append(literal) }
            literals.append((literalLine, literal))
        }
        func endLine() {
            code.append((line, current))
            if let call = shellCall, call.depth >= depth || depth == 0 {
                if !call.words.isEmpty { commands.append((call.line, call.words.joined(separator: " "))) }
                shellCall = nil
            }
            // A parenthesised import spans lines: `from pkg.mod import (\n    a,\n)`.
            parseImport(statement + current, line: statementLine ?? line)
            statement = ""
            statementLine = nil
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
                        closeLiteral()
                        index += 1
                        continue
                    }
                    if index + 2 < chars.count, chars[index + 1] == string.quote, chars[index + 2] == string.quote {
                        inString = nil
                        closeLiteral()
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
                literalLine = line
                current += "\"\""
                index += triple ? 3 : 1
                continue
            case "(", "[", "{":
                depth += 1
                if char == "(", current.hasSuffix("system") || Self.mayCallShell(current) {
                    shellCall = (line, depth, [])
                }
                if char == "(", current.hasSuffix("exec_command") { sendsOverSSH = true }
                if char == "[" { lists.append((line, depth, [])) }
            case ")", "]", "}":
                if char == "]", let list = lists.popLast(), list.words.count >= 2,
                   Self.programName.firstMatch(in: list.words[0]) != nil {
                    commands.append((list.line, list.words.joined(separator: " ")))
                }
                depth = max(0, depth - 1)
                if let call = shellCall, depth < call.depth {
                    if !call.words.isEmpty { commands.append((call.line, call.words.joined(separator: " "))) }
                    shellCall = nil
                }
            case "\n":
                if depth == 0 {
                    endLine()
                } else {
                    code.append((line, current))
                    statement += current + " "
                    statementLine = statementLine ?? line
                    current = ""
                    line += 1
                }
                index += 1
                continue
            default: break
            }
            current.append(char)
            index += 1
        }
    }

    static let shellCall = try! LinePattern(#"subprocess\.\w+$|\bPopen$|check_(call|output)$|os\.popen$"#)
    static let programName = try! LinePattern(#"^[a-z][a-z0-9_.-]*$"#)

    /// The code before a `(` names a call that hands its arguments to a shell (a cheap test first:
    /// every `(` of a file comes here).
    static func mayCallShell(_ code: String) -> Bool {
        guard code.containsBytes("subprocess") || code.hasSuffix("Popen") || code.hasSuffix("popen")
                || code.hasSuffix("check_call") || code.hasSuffix("check_output") else { return false }
        return shellCall.firstMatch(in: code) != nil
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
