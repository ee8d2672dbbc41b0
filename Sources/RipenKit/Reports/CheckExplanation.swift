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
            // Passing examples show what the check points at in them: the shape, not the whole file.
            let single = catalogue.filtered { $0.id == check.id }
            lines += ["", "Shapes it recognises (passing examples, run by 'ripen validate')"]
            for example in examples.pass {
                let evidence = ((try? ExampleRunner.evaluate(example, catalogue: single))??.evidence ?? [])
                    .filter { $0.source == .repository }
                lines += evidence.isEmpty ? sketch(example) : evidence.map { "  - " + ($0.location.map { $0 + "  " } ?? "") + $0.text }
            }
            lines += ["", "Traps it rejects (failing examples)"]
            lines += examples.fail.flatMap(sketch)
        }
        return lines.joined(separator: "\n")
    }

    /// An example in a few lines: each file with its first meaningful lines, or the probes and answers it declares.
    private static func sketch(_ example: Example) -> [String] {
        var out: [String] = []
        for (path, text) in example.files.sorted(by: { $0.key < $1.key }) {
            let body = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let shown = body.prefix(8).map { $0.count > 100 ? String($0.prefix(97)) + "..." : String($0) }
            out.append("  - \(path)" + (shown.isEmpty ? " (empty)" : ""))
            out += shown.map { "      " + $0 }
            if body.count > 8 { out.append("      ...") }
        }
        for (probe, passes) in example.probes.sorted(by: { $0.key < $1.key }) {
            out.append("  - live probe \(probe) \(passes ? "passes" : "fails")")
        }
        for (answer, value) in example.answers.sorted(by: { $0.key < $1.key }) {
            out.append("  - answer \(answer): \(value ? "yes" : "no")")
        }
        return out
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
        case let .pipeline(pipeline):
            return [pad + pipeline.summary + " (following the files its steps run)"]
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
