/// Answers a pipeline signal from the model: evidence is the chain from the step to the line that does
/// the work; a miss says, in the model's words, what each pipeline does and when it runs.
extension SignalEvaluator {
    static let evidenceLimit = 5

    static func evaluate(_ signal: PipelineSignal, in model: PipelineModel?) -> SignalOutcome {
        guard let model else {
            return SignalOutcome(status: .notAssessed, evidence: [], reason: "pipelines were not read")
        }
        var evidence: [Evidence] = []
        var seen: Set<String> = []
        for job in model.jobs where signal.systems?.contains(job.pipeline.system) ?? true {
            let triggers = job.job.triggers.intersection(signal.triggers)
            guard !triggers.isEmpty else { continue }
            // The chain's first links: the monitoring code that dispatches this pipeline.
            var origin: [ChainLink] = []
            if let patterns = signal.dispatchedBy {
                guard let link = monitoringOrigin(job.pipeline, patterns, model) else { continue }
                origin = [link]
            }
            if let patterns = signal.condition {
                guard let link = conditionLine(job, patterns, model) else { continue }
                origin = [link]
            }
            for id in signal.runs {
                guard let chain = job.classes[id], let first = chain.first else { continue }
                let key = "\(first.file):\(first.line):\(id)"
                guard seen.insert(key).inserted else { continue }
                let rest = chain.dropFirst().map { " → \($0.rendered)" }.joined()
                var on = triggers.sorted().map(\.rawValue).joined(separator: ", ")
                // Say who dispatches it: the trigger lives in another file.
                if let caller = job.pipeline.dispatchers.first {
                    on += triggers.contains(.dispatched) ? " by \(caller.file):\(caller.line)"
                        : " (trigger created by \(caller.file):\(caller.line))"
                }
                if let start = origin.first {
                    evidence.append(Evidence(path: start.file, line: start.line,
                                             text: "\(start.text) → \(job.pipeline.file) (job '\(job.job.name)', \(id)): \(first.rendered)\(rest)"))
                } else {
                    evidence.append(Evidence(path: first.file, line: first.line,
                                             text: "\(id) (job '\(job.job.name)', on \(on)): \(first.text)\(rest)"))
                }
            }
        }
        if !evidence.isEmpty {
            return SignalOutcome(status: .pass, evidence: Array(evidence.prefix(evidenceLimit)), reason: nil,
                                 truncated: evidence.count > evidenceLimit)
        }
        return SignalOutcome(status: .fail, evidence: [], reason: miss(signal, model))
    }

    /// The dispatching line whose file monitors (each pattern matches a line of it), or for a
    /// repository event, the event type that names what monitoring found.
    static func monitoringOrigin(_ pipeline: Pipeline, _ patterns: [LinePattern], _ model: PipelineModel) -> ChainLink? {
        for caller in pipeline.dispatchers {
            guard let text = model.source.text(caller.file) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if patterns.allSatisfy({ pattern in lines.contains { pattern.firstMatch(in: $0) != nil } }) { return caller }
        }
        return nil
    }

    /// The first line of the job's definition that matches a condition pattern. A job's definition runs
    /// from its own line to the next job's in the same file.
    static func conditionLine(_ job: PipelineModel.Job, _ patterns: [LinePattern], _ model: PipelineModel) -> ChainLink? {
        guard let text = model.source.text(job.pipeline.file) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let next = job.pipeline.jobs.map(\.line).filter { $0 > job.job.line }.min() ?? lines.count + 1
        let start = max(job.job.line, 1)
        guard start <= lines.count else { return nil }
        for number in start..<min(next, lines.count + 1) {
            let line = String(lines[number - 1])
            if patterns.contains(where: { $0.firstMatch(in: line) != nil }) {
                return ChainLink(file: job.pipeline.file, line: number, text: line.trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    /// "3 pipelines read: ci.yml (push, pull-request) runs build; deploy.yml runs deploy, only on
    /// workflow_dispatch, which nothing in the repository dispatches."
    static func miss(_ signal: PipelineSignal, _ model: PipelineModel) -> String {
        let relevant = model.jobs.filter { signal.systems?.contains($0.pipeline.system) ?? true }
        let parseErrors = model.errors.map { "\($0.file):\($0.error.line):\($0.error.column): \($0.error.message)" }
        guard !relevant.isEmpty else {
            let scope = signal.systems.map { " of " + $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? ""
            return "no CI/CD pipeline\(scope) found" + (parseErrors.isEmpty ? "" : "; not parsed: " + parseErrors.joined(separator: "; "))
        }
        var byFile: [(String, [PipelineModel.Job])] = []
        for job in relevant {
            if let index = byFile.firstIndex(where: { $0.0 == job.pipeline.file }) { byFile[index].1.append(job) }
            else { byFile.append((job.pipeline.file, [job])) }
        }
        var parts: [String] = []
        for (file, jobs) in byFile.prefix(6) {
            let triggers = Set(jobs.flatMap(\.job.triggers)).sorted()
            let classes = Set(jobs.flatMap { $0.classes.keys }).sorted()
            let does = classes.isEmpty ? "runs nothing recognised" : "runs " + classes.joined(separator: ", ")
            var when = triggers.isEmpty ? "never started (no trigger)" : "on " + triggers.map(\.rawValue).joined(separator: ", ")
            if triggers.contains(.dispatchable) { when += " (nothing in the repository dispatches it)" }
            parts.append("\(file): \(jobs.count) job\(jobs.count == 1 ? "" : "s"), \(does), \(when)")
        }
        if byFile.count > 6 { parts.append("and \(byFile.count - 6) more") }
        return "none of \(byFile.count) pipeline\(byFile.count == 1 ? "" : "s") has \(signal.summary): "
            + parts.joined(separator: "; ") + (parseErrors.isEmpty ? "" : "; not parsed: " + parseErrors.joined(separator: "; "))
    }
}
