/// `ripen explain`: a check in prose, with its signal spelled out.
public enum CheckExplanation {
    public static func render(_ check: Check, catalogue: Catalogue) -> String {
        let capability = catalogue.capability(check.capability)
        let level = catalogue.level(check.level)
        let required = catalogue.isRequired(capability: check.capability)
        var lines = [
            "\(check.id): \(check.title)",
            "  level:      \(check.level)\(level.map { " · \($0.name)" } ?? "")",
            "  capability: \(check.capability)\(capability.map { " · \($0.title)" } ?? "") (\(required ? "required for the level" : "recommended"))",
            "  defined at: \(check.location)",
            "",
            "Why it matters",
            indent(check.why),
            "",
            "What it looks for",
        ]
        lines += describe(check.signal, depth: 1)
        lines += ["", "How to fix it", indent(check.remedy.text)]
        if let command = check.remedy.command { lines.append("  $ \(command)") }
        if let examples = check.examples {
            lines += ["", "Examples: \(examples.pass.count) passing, \(examples.fail.count) failing (run by 'ripen validate')"]
        }
        return lines.joined(separator: "\n")
    }

    private static func indent(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
    }

    static func describe(_ signal: Signal, depth: Int) -> [String] {
        let pad = String(repeating: "  ", count: depth)
        func globs(_ list: [Glob], _ exclude: [Glob]) -> String {
            list.map(\.source).joined(separator: ", ") + (exclude.isEmpty ? "" : " (except \(exclude.map(\.source).joined(separator: ", ")))")
        }
        switch signal {
        case let .files(files):
            return [pad + "a file matching \(globs(files.paths, files.exclude))"]
        case let .content(content):
            if content.patterns.count == 1 {
                return [pad + "a line matching /\(content.pattern)/ in \(globs(content.paths, content.exclude))"]
            }
            return [pad + "within one \(content.within) of \(globs(content.paths, content.exclude)), a line matching each of:"]
                + content.patterns.map { pad + "  /\($0)/" }
        case let .yaml(yaml):
            let pattern = yaml.pattern.map { " matching /\($0)/" } ?? ""
            return [pad + "YAML key '\(yaml.key)'\(pattern) in \(globs(yaml.paths, yaml.exclude))"]
        case let .probe(probe):
            return [pad + "live probe '\(probe.probe.rawValue)' (run with \(probe.probe.enablingFlag))"]
        case let .answer(answer):
            return [pad + "attested answer '\(answer.id)': \(answer.question)"]
        case let .any(signals):
            return [pad + "any of:"] + signals.flatMap { describe($0, depth: depth + 1) }
        case let .all(signals):
            return [pad + "all of:"] + signals.flatMap { describe($0, depth: depth + 1) }
        case let .not(inner):
            return [pad + "none of:"] + describe(inner, depth: depth + 1)
        }
    }
}

import Foundation
