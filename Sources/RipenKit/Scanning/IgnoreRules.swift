/// The rules of one `.gitignore` (or `.git/info/exclude`), relative to the folder that holds it.
struct IgnoreFile: Sendable {
    /// Folder of the file relative to the repository root: "" or "src/app/".
    let base: String
    private var rules: [Rule] = []
    /// Unanchored patterns without wildcards (`__pycache__`, `.env`): looked up by name, not matched.
    private var byName: [String: [Int]] = [:]
    private var others: [Int] = []

    struct Rule: Sendable {
        var glob: Glob
        var negated: Bool
        var directoryOnly: Bool
    }

    init(base: String, text: String) {
        self.base = base
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            guard let (pattern, negated, directoryOnly) = Self.parse(String(rawLine)) else { continue }
            let anchored = pattern.contains("/")
            let body = pattern.hasPrefix("/") ? String(pattern.dropFirst()) : pattern
            guard let glob = try? Glob(anchored ? body : "**/" + body, braces: false) else { continue }
            let index = rules.count
            rules.append(Rule(glob: glob, negated: negated, directoryOnly: directoryOnly))
            if !anchored, !body.contains(where: { "*?[\\".contains($0) }) {
                byName[body, default: []].append(index)
            } else {
                others.append(index)
            }
        }
    }

    var isEmpty: Bool { rules.isEmpty }

    /// `true` ignored, `false` re-included by a `!` rule, `nil` when no rule speaks of the path.
    func verdict(relativePath: Substring, name: String, isDirectory: Bool) -> Bool? {
        var best = -1
        for index in byName[name] ?? [] where index > best && (isDirectory || !rules[index].directoryOnly) {
            best = index
        }
        guard !others.isEmpty else { return best < 0 ? nil : !rules[best].negated }
        var path = relativePath
        path.withUTF8 { bytes in
            for index in others.reversed() {
                if index <= best { break }
                let rule = rules[index]
                if rule.directoryOnly && !isDirectory { continue }
                if rule.glob.matches(bytes: bytes) {
                    best = index
                    break
                }
            }
        }
        return best < 0 ? nil : !rules[best].negated
    }

    /// Trims a gitignore line to its pattern; nil for blanks and comments.
    static func parse(_ line: String) -> (pattern: String, negated: Bool, directoryOnly: Bool)? {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        // Trailing spaces are dropped unless escaped with a backslash.
        while text.hasSuffix(" "), !text.hasSuffix("\\ ") { text = text.dropLast() }
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        } else if text.hasPrefix("\\!") || text.hasPrefix("\\#") {
            text = text.dropFirst()
        }
        var directoryOnly = false
        while text.hasSuffix("/") {
            directoryOnly = true
            text = text.dropLast()
        }
        guard !text.isEmpty else { return nil }
        return (String(text), negated, directoryOnly)
    }
}

/// The ignore files in force for one folder, innermost last.
struct IgnoreStack: Sendable {
    var files: [IgnoreFile] = []

    func isIgnored(path: String, name: String, isDirectory: Bool) -> Bool {
        for file in files.reversed() {
            let relative = path.dropFirst(file.base.count)
            if let verdict = file.verdict(relativePath: relative, name: name, isDirectory: isDirectory) {
                return verdict
            }
        }
        return false
    }

    func pushing(_ file: IgnoreFile?) -> IgnoreStack {
        guard let file, !file.isEmpty else { return self }
        var copy = self
        copy.files.append(file)
        return copy
    }
}
