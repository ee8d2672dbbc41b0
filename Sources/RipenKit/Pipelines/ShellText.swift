import Foundation

/// One simple command as the shell would run it, with where it starts in its script.
struct ShellCommand: Sendable, Equatable {
    /// The command, prefixes that change nothing (`sudo`, `env A=b`, `time`) removed.
    var text: String
    /// 0-based line of the script where the command starts.
    var offset: Int
    /// Sent to another host (an `ssh` body or an SSH action's script).
    var remote: Bool
    /// The words, quotes removed: what a command's file arguments are read from.
    var words: [String]
}

/// Reads shell text the way the shell groups it: `\` continuations and quoted newlines joined,
/// heredocs and `ssh` bodies kept with their command, lists split at `&&`, `||`, `;` and `|`,
/// comments and commands that only print (`echo`, `printf`) dropped.
enum ShellText {
    /// Commands that only print or do nothing: a step made of them does no work, whatever it says.
    static let silent: Set<String> = ["echo", "printf", "true", ":", "cat", "exit", "sleep", "set", "export",
                                      "pushd", "popd", "mkdir", "chmod", "ls", "pwd", "env", "touch", "tee",
                                      "source", "read", "shift", "unset", "local", "declare", "wait", "trap",
                                      "return", "test", "[", "[[", "which", "type", "hash", "unzip", "tar", "cp", "mv", "rm", "ln", "apt-get", "apt", "apk", "yum", "brew", "fi", "done", "esac", "else", "{", "}", "then", "do"]
    /// The only argument of a command that prints about the tool itself.
    static let informational: Set<String> = ["--version", "-V", "--help", "-h", "version", "help"]
    static let prefixes: Set<String> = ["sudo", "time", "exec", "nohup", "command", "builtin", "eval", "xargs",
                                        "timeout", "then", "do", "else", "if", "while", "until", "!", "-E"]

    static func commands(_ script: String, remote: Bool = false) -> [ShellCommand] {
        var functions: [String: [String]] = [:]
        return namingPushTargets(commands(script, remote: remote, functions: &functions, depth: 0))
    }

    /// A URL without its user and password: evidence must not copy a token.
    static func withoutCredentials(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        if let scheme = url.range(of: "://"), scheme.upperBound <= at { return String(url[..<scheme.upperBound]) + url[url.index(after: at)...] }
        return String(url[url.index(after: at)...])
    }

    /// `git push` with no URL pushes to the repository the script cloned (or added as a remote): the URL
    /// is written into the push, so that pushing to a hosting platform's repository reads as what it is.
    static func namingPushTargets(_ commands: [ShellCommand]) -> [ShellCommand] {
        var remotes: [String: String] = [:]
        var last: String?
        return commands.map { command in
            let words = command.words
            guard words.first == "git", words.count >= 2 else { return command }
            let arguments = words.dropFirst(2).filter { !$0.hasPrefix("-") }
            switch words[1] {
            case "clone":
                if let url = arguments.first, url.contains("://") || url.contains("@") {
                    last = url
                    remotes["origin"] = url
                }
            case "remote" where words.count >= 5 && (words[2] == "add" || words[2] == "set-url"):
                remotes[words[3]] = words[4]
                last = words[4]
            case "push":
                if arguments.contains(where: { $0.contains("://") || $0.contains("@") }) { return command }
                guard let url = arguments.first.flatMap({ remotes[$0] }) ?? last else { return command }
                var copy = command
                copy.words = ["git", "push", url] + words.dropFirst(2).filter { remotes[$0] == nil }
                copy.text += " (to \(withoutCredentials(url)))"
                return copy
            default:
                break
            }
            return command
        }
    }

    /// `name() {` or `function name {`: a shell function's first line.
    static let functionStart = try! NSRegularExpression(pattern: #"^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*(?:\(\s*\))?\s*\{\s*(.*)$"#)

    private static func commands(_ script: String, remote: Bool, functions: inout [String: [String]],
                                 depth: Int) -> [ShellCommand] {
        var result: [ShellCommand] = []
        let lines = script.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let start = index
            var logical = lines[index]
            index += 1
            // A function definition: kept, run where it is called.
            let range = NSRange(logical.startIndex..., in: logical)
            if let match = functionStart.firstMatch(in: logical, range: range),
               logical.contains("()") || logical.trimmingCharacters(in: .whitespaces).hasPrefix("function "),
               let nameRange = Range(match.range(at: 1), in: logical), let restRange = Range(match.range(at: 2), in: logical) {
                let name = String(logical[nameRange])
                var body: [String] = []
                var rest = String(logical[restRange])
                if rest.hasSuffix("}") {
                    rest.removeLast()
                    body.append(rest)
                } else {
                    if !rest.isEmpty { body.append(rest) }
                    while index < lines.count {
                        let line = lines[index]
                        index += 1
                        if line.trimmingCharacters(in: .whitespaces) == "}" { break }
                        body.append(line)
                    }
                }
                functions[name] = body
                continue
            }
            // Continuations and newlines inside quotes belong to the same command.
            while index < lines.count,
                  logical.hasSuffix("\\") || openQuote(in: logical) != nil {
                if logical.hasSuffix("\\") { logical.removeLast() }
                logical += (openQuote(in: logical) != nil ? "\n" : " ") + lines[index]
                index += 1
            }
            // A heredoc's body is the command's input: an `ssh` or shell reads it as commands.
            var body: [String] = []
            if let marker = heredocMarker(in: logical) {
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != marker {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
            }
            for simple in split(stripComment(logical)) {
                let words = Self.words(simple)
                guard let command = significant(words) else { continue }
                let name = command.first!
                // A call of a function defined above: its body runs, and a wrapper around `ssh` sends
                // the call's arguments to the other host.
                if let body = functions[name], depth < 4 {
                    let bodyText = body.joined(separator: "\n")
                    let wrapsSSH = commands(bodyText, remote: remote, functions: &functions, depth: depth + 1)
                        .contains { $0.remote } || Self.sshWord.firstMatch(in: bodyText) != nil
                    let inner = wrapsSSH
                        ? commands(command.dropFirst().joined(separator: "\n"), remote: true, functions: &functions, depth: depth + 1)
                        : commands(bodyText, remote: remote, functions: &functions, depth: depth + 1)
                    for command in inner where !(wrapsSSH && !command.remote) {
                        result.append(ShellCommand(text: command.text, offset: start, remote: command.remote, words: command.words))
                    }
                    continue
                }
                if name == "ssh" || name == "gcloud" && command.dropFirst().prefix(2) == ["compute", "ssh"] {
                    let remoteText = remoteCommand(words: command, raw: simple)
                    let heredoc = body.joined(separator: "\n")
                    for inner in commands(remoteText + (heredoc.isEmpty ? "" : "\n" + heredoc), remote: true,
                                          functions: &functions, depth: depth + 1) {
                        result.append(ShellCommand(text: inner.text, offset: start + min(inner.offset, lines.count),
                                                   remote: true, words: inner.words))
                    }
                    continue
                }
                if ["bash", "sh", "zsh"].contains(name), command.count == 1 || command.dropFirst().allSatisfy({ $0.hasPrefix("-") }),
                   !body.isEmpty {
                    for inner in commands(body.joined(separator: "\n"), remote: remote, functions: &functions, depth: depth + 1) {
                        result.append(ShellCommand(text: inner.text, offset: start + 1 + inner.offset,
                                                   remote: remote, words: inner.words))
                    }
                    continue
                }
                // `python - <<EOF`: the heredoc is the program.
                if Self.pythonName.firstMatch(in: name) != nil, !body.isEmpty,
                   command.dropFirst().allSatisfy({ $0.hasPrefix("-") || $0.hasPrefix("<") || $0 == heredocMarker(in: logical) }) {
                    let program = body.joined(separator: "\n")
                    result.append(ShellCommand(text: name + " <<" + (heredocMarker(in: logical) ?? "EOF"), offset: start,
                                               remote: remote, words: [name, "-c", program]))
                    continue
                }
                result.append(ShellCommand(text: command.joined(separator: " "), offset: start, remote: remote,
                                           words: command))
            }
        }
        return result
    }

    /// The words that matter: leading assignments and neutral prefixes removed; nil for a command that only prints.
    static func significant(_ words: [String]) -> [String]? {
        // `command -v tool` asks where a tool is; it runs nothing.
        if words.first == "command", let flag = words.dropFirst().first, flag == "-v" || flag == "-V" { return nil }
        var words = words[...]
        // `sshpass -p SECRET ssh …` is the ssh that follows.
        if words.first == "sshpass" {
            words.removeFirst()
            while let flag = words.first, flag.hasPrefix("-") {
                words.removeFirst()
                if ["-p", "-f", "-d"].contains(flag), !words.isEmpty { words.removeFirst() }
            }
        }
        while let first = words.first {
            if prefixes.contains(first) || Self.assignment.firstMatch(in: first) != nil {
                words.removeFirst()
            } else if first == "env" && words.count > 1 {
                words.removeFirst()
            } else if first.hasPrefix("-") && words.count > 1 && words.startIndex > 0 {
                words.removeFirst()
            } else {
                break
            }
        }
        guard let name = words.first, !silent.contains(name), !name.hasPrefix("#"), !name.hasPrefix("$(") || words.count > 1
        else { return nil }
        // `pytest --version`, `kubectl --help`: a tool asked about itself does no work.
        if words.count == 2, let only = words.last, informational.contains(only) { return nil }
        return Array(words)
    }

    /// What an `ssh` command runs on the other host: the words after its options and destination.
    static func remoteCommand(words: [String], raw: String) -> String {
        var rest = words.dropFirst()
        if words.first == "gcloud" { rest = rest.dropFirst(2) }
        let takesValue: Set<String> = ["-i", "-p", "-o", "-l", "-F", "-J", "-L", "-R", "-D", "-E", "-c", "-m", "-b",
                                       "--zone", "--project", "--command"]
        var sawHost = false
        var remote: [String] = []
        while let word = rest.first {
            rest.removeFirst()
            if sawHost {
                // Redirections belong to the local ssh command (a heredoc is its input).
                if !word.hasPrefix("<") && !word.hasPrefix(">") && !word.hasPrefix("2>") { remote.append(word) }
                continue
            }
            if word.hasPrefix("--command=") { remote.append(String(word.dropFirst(10))); continue }
            if word == "--command", let next = rest.first { remote.append(next); rest.removeFirst(); continue }
            if takesValue.contains(word) { if !rest.isEmpty { rest.removeFirst() }; continue }
            if word.hasPrefix("-") { continue }
            sawHost = true
        }
        return remote.joined(separator: " ")
    }

    static let sshWord = try! LinePattern(#"\bssh\b"#)
    static let pythonName = try! LinePattern(#"^python(\d(\.\d+)?)?$"#)
    static let assignment = try! LinePattern(#"^[A-Za-z_][A-Za-z0-9_]*=.*"#)

    /// `<<EOF`, `<<-'EOF'`, `<< "EOF"` (not `<<<`).
    static func heredocMarker(in line: String) -> String? {
        guard line.containsBytes("<<"),
              let range = line.range(of: #"<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?"#, options: .regularExpression),
              !line[..<range.lowerBound].hasSuffix("<") else { return nil }
        let marker = line[range].drop { $0 == "<" || $0 == "-" || $0 == " " || $0 == "'" || $0 == "\"" }
        return String(marker.prefix { $0 != "'" && $0 != "\"" })
    }

    /// The quote left open at the end of the text, if any.
    static func openQuote(in text: String) -> Character? { scan(text).open }

    /// Drops a `#` comment that starts a word outside quotes.
    static func stripComment(_ text: String) -> String {
        guard let comment = scan(text).comment else { return text }
        return String(text.prefix(comment))
    }

    /// Walks quotes as the shell does: the quote still open at the end, and where a comment starts.
    private static func scan(_ text: String) -> (open: Character?, comment: Int?) {
        var quote: Character?
        var previous: Character = " "
        var escaped = false
        for (offset, char) in text.enumerated() {
            defer { previous = char }
            if escaped { escaped = false; continue }
            if char == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "\"" || char == "'" {
                quote = char
            } else if char == "#" && (previous == " " || previous == "\t" || offset == 0) {
                return (nil, offset)
            }
        }
        return (quote, nil)
    }

    /// Splits a command list at `&&`, `||`, `;`, `|` and `&` outside quotes and `$(…)`.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        var escaped = false
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let char = chars[index]
            defer { index += 1 }
            if escaped { escaped = false; current.append(char); continue }
            if char == "\\" && quote != "'" { escaped = true; current.append(char); continue }
            if let open = quote {
                if char == open { quote = nil }
                current.append(char)
                continue
            }
            if char == "\"" || char == "'" { quote = char; current.append(char); continue }
            if char == "(" { depth += 1 } else if char == ")" { depth = max(0, depth - 1) }
            if depth == 0 && (char == ";" || char == "|" || char == "&" || char == "\n") {
                if char == "&", index > 0, chars[index - 1] == ">" { current.append(char); continue }
                if char == "&", index + 1 < chars.count, chars[index + 1] == ">" { current.append(char); continue }
                parts.append(current)
                current = ""
                continue
            }
            current.append(char)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Words with quotes removed (a quoted string stays one word).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var escaped = false
        for char in text {
            if escaped { current.append(char); escaped = false; continue }
            if char == "\\" && quote != "'" { escaped = true; inWord = true; continue }
            if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
                continue
            }
            if char == "\"" || char == "'" { quote = char; inWord = true; continue }
            if char == " " || char == "\t" || char == "\n" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(char)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
