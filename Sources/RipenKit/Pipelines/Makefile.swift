import Foundation

/// A Makefile's rules: targets, prerequisites and recipe lines (with their line numbers).
struct Makefile {
    struct Rule { var prerequisites: [String]; var recipe: [(Int, String)] }
    var rules: [String: Rule] = [:]
    var defaultGoal: String?

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
}
