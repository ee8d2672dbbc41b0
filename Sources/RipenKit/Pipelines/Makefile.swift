import Foundation

/// A Makefile's rules: targets, prerequisites and recipe lines (with their line numbers).
struct Makefile {
    struct Rule { var prerequisites: [String]; var recipe: [(Int, String)] }
    var rules: [String: Rule] = [:]
    var defaultGoal: String?
    /// Simple variables (`NAME = value`, `:=`, `?=`, `+=`), to expand recipes as make would.
    var variables: [String: String] = [:]

    init(_ text: String) {
        var current: [String] = []
        var lineNumber = 0
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(raw)
            if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
            line = pending + line
            pending = ""
            if line.hasPrefix("\t") {
                let recipe = line.trimmingCharacters(in: .whitespaces)
                guard !recipe.isEmpty, !recipe.hasPrefix("#") else { continue }
                for target in current { rules[target]?.recipe.append((lineNumber, recipe)) }
                continue
            }
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if let (name, value, appends) = Self.assignment(line) {
                variables[name] = appends ? [variables[name], value].compactMap { $0 }.joined(separator: " ") : value
                current = []
                continue
            }
            guard let colon = line.firstIndex(of: ":"), !line[colon...].hasPrefix(":="),
                  !line[..<colon].contains("="), !line.hasPrefix(" ") else { current = []; continue }
            let targets = line[..<colon].split(separator: " ").map(String.init)
            var rest = line[line.index(after: colon)...]
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            let body = rest.split(separator: ";", maxSplits: 1)
            let prerequisites = (body.first ?? "").split(separator: " ").map(String.init).filter { !$0.hasPrefix("$") }
            current = targets.filter { !$0.hasPrefix(".") && !$0.contains("%") && !$0.contains("$") }
            for target in current {
                rules[target, default: Rule(prerequisites: [], recipe: [])].prerequisites += prerequisites
                if body.count > 1 { rules[target]?.recipe.append((lineNumber, body[1].trimmingCharacters(in: .whitespaces))) }
                if defaultGoal == nil { defaultGoal = target }
            }
        }
    }

    /// `NAME = value` (also `:=`, `::=`, `?=`, `+=`, after `override` or `export`); nil for a rule line.
    static func assignment(_ line: String) -> (String, String, Bool)? {
        var text = line.trimmingCharacters(in: .whitespaces)
        for prefix in ["override ", "export "] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        guard let equals = text.firstIndex(of: "=") else { return nil }
        var name = text[..<equals]
        var appends = false
        if name.hasSuffix("+") { appends = true; name = name.dropLast() }
        while let last = name.last, last == ":" || last == "?" { name = name.dropLast() }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else { return nil }
        return (trimmed, text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces), appends)
    }

    /// A recipe line with `$(NAME)` and `${NAME}` replaced by their values (`$(MAKE)` is make), a few
    /// levels deep; unknown names stay as written.
    func expand(_ text: String, overrides: [String: String] = [:]) -> String {
        guard text.contains("$(") || text.contains("${") else { return text }
        let values = variables.merging(overrides, uniquingKeysWith: { $1 }).merging(["MAKE": "make"], uniquingKeysWith: { $1 })
        var result = text
        for _ in 0..<4 where result.contains("$(") || result.contains("${") {
            var changed = false
            for (name, value) in values {
                for token in ["$(\(name))", "${\(name)}"] where result.contains(token) {
                    result = result.replacingOccurrences(of: token, with: value)
                    changed = true
                }
            }
            if !changed { break }
        }
        return result
    }
}
