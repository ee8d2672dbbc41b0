import Foundation

/// Jenkinsfiles (declarative or scripted), read as text: each `sh`/`bat`/`powershell` step with its whole
/// script (triple-quoted bodies included), grouped by the `stage` it is in. Jenkins agents are the team's
/// own machines; multibranch jobs build every push unless `triggers` says otherwise.
enum JenkinsReader: PipelineReader {
    static let system = CISystem.jenkins

    static func claims(_ path: String) -> Bool {
        let name = PipelinePaths.name(path)
        return name == "Jenkinsfile" || name.hasPrefix("Jenkinsfile.") || name.hasSuffix(".jenkinsfile")
    }

    static let stagePattern = try! NSRegularExpression(pattern: #"\bstage\s*\(\s*(?:name\s*:\s*)?['"]([^'"]*)['"]"#)
    static let stepPattern = try! NSRegularExpression(
        pattern: #"\b(sh|bat|powershell|pwsh)\s*(?:\(\s*)?(?:(?:label|returnStdout|returnStatus)\s*:\s*[^,]*,\s*)*(?:script\s*:\s*)?('''|"""|'|")"#)

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        guard let text = source.text(file) else { return PipelineFileResult() }
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        // A declarative pipeline needs its stages block: without one Jenkins refuses the file.
        if let declarative = declarativeStart.firstMatch(in: text, range: whole),
           stagesBlock.firstMatch(in: text, range: whole) == nil {
            return PipelineFileResult(error: PipelineParseError(
                line: lineNumber(ns, at: declarative.range.location), column: 1,
                message: "a declarative pipeline without a stages block: Jenkins does not run it"))
        }
        let stages = stagePattern.matches(in: text, range: whole).map { ($0.range.location, ns.substring(with: $0.range(at: 1))) }
        // After an `input` step the build waits for a person: what follows is a manual release.
        let gate = inputStep.matches(in: text, range: whole).first { !isCommented(ns, at: $0.range.location) }?.range.location
        var triggers: Set<Trigger> = [.push]
        if text.range(of: #"\bcron\s*\(|\bparameterizedCron\s*\("#, options: .regularExpression) != nil { triggers.insert(.schedule) }
        var jobs: [String: PipelineJob] = [:]
        var order: [String] = []
        for match in stepPattern.matches(in: text, range: whole) {
            let delimiter = ns.substring(with: match.range(at: 2))
            let start = match.range.location + match.range.length
            let rest = ns.substring(from: start)
            guard let close = closing(delimiter, in: rest) else { continue }
            let body = String(rest[..<close])
            if isCommented(ns, at: match.range.location) { continue }
            let stage = stages.last { $0.0 < match.range.location }?.1 ?? "pipeline"
            var line = lineNumber(ns, at: start)
            // A triple-quoted body starts on the next line when the quote ends its line.
            var script = body
            if delimiter.count == 3, script.hasPrefix("\n") { script.removeFirst(); line += 1 }
            let step = PipelineStep(file: file, line: line, script: script.replacingOccurrences(of: "\\$", with: "$"))
            let waits = gate.map { match.range.location > $0 } ?? false
            let name = waits ? stage + " (after input)" : stage
            if jobs[name] == nil {
                order.append(name)
                jobs[name] = PipelineJob(name: name, line: line, triggers: waits ? [.manual] : triggers, steps: [], hosted: true)
            }
            jobs[name]!.steps.append(step)
        }
        for match in try! NSRegularExpression(pattern: #"\bdocker\.build\s*\("#).matches(in: text, range: whole) {
            let stage = stages.last { $0.0 < match.range.location }?.1 ?? "pipeline"
            if jobs[stage] == nil {
                order.append(stage)
                jobs[stage] = PipelineJob(name: stage, line: 1, triggers: triggers, steps: [], hosted: true)
            }
            jobs[stage]!.steps.append(PipelineStep(file: file, line: lineNumber(ns, at: match.range.location),
                                                   script: "docker build .", uses: "docker.build"))
        }
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: order.compactMap { jobs[$0] })])
    }

    static let declarativeStart = try! NSRegularExpression(pattern: #"^\s*pipeline\s*\{"#, options: .anchorsMatchLines)
    static let stagesBlock = try! NSRegularExpression(pattern: #"\bstages\s*\{"#)
    static let inputStep = try! NSRegularExpression(pattern: #"\binput\s*(\(|message\s*:|id\s*:|['"])"#)

    static func closing(_ delimiter: String, in text: String) -> String.Index? {
        if delimiter.count == 3 { return text.range(of: delimiter)?.lowerBound }
        var escaped = false
        for index in text.indices {
            let char = text[index]
            if escaped { escaped = false; continue }
            if char == "\\" { escaped = true; continue }
            if String(char) == delimiter { return index }
            if char == "\n" { return nil }
        }
        return nil
    }

    static func lineNumber(_ text: NSString, at location: Int) -> Int {
        var line = 1
        let prefix = text.substring(to: location)
        for char in prefix.utf8 where char == 10 { line += 1 }
        return line
    }

    /// Whether the match sits after `//` on its line.
    static func isCommented(_ text: NSString, at location: Int) -> Bool {
        let lineRange = text.lineRange(for: NSRange(location: location, length: 0))
        let before = text.substring(with: NSRange(location: lineRange.location, length: location - lineRange.location))
        return before.contains("//") || before.trimmingCharacters(in: .whitespaces).hasPrefix("*")
    }
}
