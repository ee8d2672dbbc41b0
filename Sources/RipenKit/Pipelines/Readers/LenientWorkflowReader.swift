import Foundation
import Yams

/// A GitHub Actions workflow that no YAML parser accepts (a `run:` value with `: ` in it, code pasted at
/// column 0), read line by line: the `on:` keys, each job's `run:` scripts (block bodies by indentation)
/// and `uses:` actions. Reviewers read such files; the model does too, and says it read them leniently.
enum LenientWorkflowReader {
    static func read(_ file: String, text: String) -> Pipeline? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        var triggerNames: [String] = []
        var jobs: [PipelineJob] = []
        var index = 0
        var section = ""
        var onIndent = -1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let depth = indent(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1; continue }
            if depth == 0 {
                // A stray line at column 0 (pasted code) is not a new section.
                guard trimmed.range(of: #"^["']?[A-Za-z_][\w-]*["']?:"#, options: .regularExpression) != nil else {
                    index += 1
                    continue
                }
                section = String(trimmed.split(separator: ":", maxSplits: 1).first ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if section == "on" || section == "true" {
                    let rest = trimmed.dropFirst(trimmed.firstIndex(of: ":").map { trimmed.distance(from: trimmed.startIndex, to: $0) + 1 } ?? 0)
                    triggerNames += rest.split(whereSeparator: { "[], ".contains($0) }).map(String.init)
                    onIndent = -1
                }
                index += 1
                continue
            }
            if section == "on" || section == "true" {
                if onIndent < 0 { onIndent = depth }
                if depth == onIndent { triggerNames.append(String(trimmed.split(separator: ":").first ?? "")) }
                index += 1
                continue
            }
            guard section == "jobs" else { index += 1; continue }
            if depth == 2, trimmed.hasSuffix(":") {
                jobs.append(PipelineJob(name: String(trimmed.dropLast()), line: index + 1, triggers: [], steps: []))
                index += 1
                continue
            }
            if let range = trimmed.range(of: #"^(- )?(run|uses):\s*"#, options: .regularExpression), !jobs.isEmpty {
                let key = trimmed[range].contains("run") ? "run" : "uses"
                var value = String(trimmed[range.upperBound...])
                var line = index + 1
                index += 1
                if key == "run", value.isEmpty || value.hasPrefix("|") || value.hasPrefix(">") || value == "\"" || value == "'" {
                    var body: [String] = []
                    let quote = value == "\"" || value == "'" ? value : nil
                    line = index + 1
                    while index < lines.count {
                        let next = lines[index]
                        if let quote, next.trimmingCharacters(in: .whitespaces) == quote { index += 1; break }
                        if quote == nil, !next.trimmingCharacters(in: .whitespaces).isEmpty, indent(next) <= depth,
                           next.range(of: #"^\s*([A-Za-z0-9_-]+:|- )"#, options: .regularExpression) != nil { break }
                        body.append(next)
                        index += 1
                    }
                    value = body.joined(separator: "\n")
                }
                jobs[jobs.count - 1].steps.append(key == "run"
                    ? PipelineStep(file: file, line: line, script: value)
                    : PipelineStep(file: file, line: line, script: "", uses: value))
                continue
            }
            index += 1
        }
        let node = Yams.Node.mapping(.init(triggerNames.filter { !$0.isEmpty }.map { (Yams.Node.scalar(.init($0)), Yams.Node.scalar(.init(""))) }))
        let (triggers, onlyCalled) = GitHubActionsReader.triggers(node)
        guard !jobs.isEmpty else { return nil }
        for job in jobs.indices { jobs[job].triggers = triggers }
        return Pipeline(system: .githubActions, file: file, jobs: jobs, onlyCalled: onlyCalled)
    }
}
