import Foundation
import Yams

/// `.github/workflows/*.yml`: triggers from `on:`, jobs and their steps, with local reusable workflows
/// (`jobs.X.uses: ./.github/workflows/y.yml`) and composite actions (`uses: ./path`) read in place.
enum GitHubActionsReader: PipelineReader {
    static let system = CISystem.githubActions

    static func claims(_ path: String) -> Bool { PipelinePaths.isYAML(path, directlyIn: ".github/workflows") }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if var failure {
            // Read what can be read, and still report where it does not parse.
            if let text = source.text(file), let pipeline = LenientWorkflowReader.read(file, text: text) {
                failure.pipelines = [pipeline]
            }
            return failure
        }
        guard let root = documents.first else { return PipelineFileResult() }
        let (triggers, onlyCalled) = triggers(root[key: "on"] ?? root[key: "true"])
        var included: [String] = []
        let jobs = self.jobs(root, file: file, triggers: triggers, source: source, depth: 0, included: &included)
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: jobs, onlyCalled: onlyCalled)],
                                  included: included)
    }

    /// The triggers of `on:`, and whether `workflow_call` is all there is.
    static func triggers(_ node: Node?) -> (Set<Trigger>, Bool) {
        guard let node else { return ([], false) }
        var triggers: Set<Trigger> = []
        var called = false
        for name in node.names {
            switch name {
            case "push":
                // Tags alone: a release trigger, not every push.
                let value = node[key: "push"]
                let keys = value?.names ?? []
                if !keys.isEmpty, keys.allSatisfy({ $0 == "tags" || $0 == "tags-ignore" }) {
                    triggers.insert(.tag)
                } else {
                    triggers.insert(.push)
                }
            case "pull_request", "pull_request_target", "merge_group": triggers.insert(.pullRequest)
            case "schedule": triggers.insert(.schedule)
            case "release", "create": triggers.insert(.tag)
            case "workflow_run": triggers.insert(.afterPipeline)
            case "workflow_dispatch", "repository_dispatch": triggers.insert(.dispatchable)
            case "workflow_call": called = true
            case "registry_package", "deployment", "deployment_status", "check_suite", "check_run", "status", "page_build":
                triggers.insert(.event)
            default: triggers.insert(.manual)  // issues, comments, labels: a person acts
            }
        }
        return (triggers, called && triggers.isEmpty)
    }

    static func jobs(_ root: Node, file: String, triggers: Set<Trigger>, source: PipelineSource, depth: Int,
                     included: inout [String]) -> [PipelineJob] {
        var jobs: [PipelineJob] = []
        let defaultDirectory = root[key: "defaults"]?[key: "run"]?[key: "working-directory"]?.text ?? ""
        for (name, job, line) in root[key: "jobs"]?.entries ?? [] {
            let runsOn = job[key: "runs-on"]
            let hosted = (runsOn?.names ?? []).contains { $0.contains("self-hosted") }
                || (runsOn?[key: "group"] != nil)
            var steps: [PipelineStep] = []
            // A job that calls a reusable workflow of this repository runs that workflow's jobs.
            if let uses = job[key: "uses"]?.text {
                let usesLine = job[key: "uses"]?.mark?.line ?? line
                if uses.hasPrefix("./") {
                    let inputs = Dictionary((job[key: "with"]?.entries ?? []).compactMap { entry in
                        entry.value.text.map { (entry.key, $0) }
                    }, uniquingKeysWith: { first, _ in first })
                    steps += called(uses, at: usesLine, file: file, source: source, depth: depth, included: &included)
                        .map { substituted($0, inputs) }
                } else {
                    // Another repository's workflow: its steps are not here; the call itself is the evidence.
                    steps.append(PipelineStep(file: file, line: usesLine, script: "", uses: uses))
                }
            }
            let directory = job[key: "defaults"]?[key: "run"]?[key: "working-directory"]?.text ?? defaultDirectory
            steps += self.steps(job[key: "steps"], file: file, directory: directory, source: source, depth: depth,
                                included: &included)
            jobs.append(PipelineJob(name: name, line: line, triggers: triggers, steps: steps, hosted: hosted))
        }
        return jobs
    }

    static func steps(_ node: Node?, file: String, directory: String, source: PipelineSource, depth: Int,
                      included: inout [String]) -> [PipelineStep] {
        var steps: [PipelineStep] = []
        for step in node?.items ?? [] {
            let directory = step[key: "working-directory"]?.text ?? directory
            if let run = step[key: "run"], let (text, line) = run.script {
                steps.append(PipelineStep(file: file, line: line, script: text, directory: clean(directory)))
            }
            guard let usesNode = step[key: "uses"], let uses = usesNode.text else { continue }
            let line = usesNode.mark?.line ?? 1
            if uses.hasPrefix("./") {
                let inputs = Dictionary((step[key: "with"]?.entries ?? []).compactMap { entry in
                    entry.value.text.map { (entry.key, $0) }
                }, uniquingKeysWith: { first, _ in first })
                steps += composite(uses, at: line, file: file, source: source, depth: depth, included: &included)
                    .map { substituted($0, inputs) }
                continue
            }
            // An SSH action's script runs on the remote host.
            let with = step[key: "with"]
            let lower = uses.lowercased()
            if lower.contains("ssh"), let script = (with?[key: "script"] ?? with?[key: "command"])?.script {
                steps.append(PipelineStep(file: file, line: script.line, script: script.text, uses: uses, remote: true))
                continue
            }
            // Script inputs of script-running actions (github-script excluded: JavaScript).
            var text = ""
            var scriptLine = line
            for key in ["script", "inlineScript", "run", "command", "args"] where !lower.hasPrefix("actions/github-script") {
                if let value = with?[key: key]?.script {
                    text = value.text
                    scriptLine = value.line
                    break
                }
            }
            steps.append(PipelineStep(file: file, line: text.isEmpty ? line : scriptLine, script: text,
                                      uses: "\(uses)\(withSummary(with))"))
        }
        return steps
    }

    /// A composite action's step with `${{ inputs.NAME }}` replaced by what the caller passed.
    static func substituted(_ step: PipelineStep, _ inputs: [String: String]) -> PipelineStep {
        guard step.script.contains("inputs."), !inputs.isEmpty else { return step }
        var copy = step
        for (name, value) in inputs {
            for pattern in ["${{ inputs.\(name) }}", "${{inputs.\(name)}}"] {
                copy.script = copy.script.replacingOccurrences(of: pattern, with: value)
            }
        }
        return copy
    }

    /// `with:` inputs, for action shapes that depend on them (`push: true`).
    static func withSummary(_ with: Node?) -> String {
        let pairs = (with?.entries ?? []).compactMap { entry -> String? in
            guard let value = entry.value.text, !value.contains("\n"), value.count < 80 else { return nil }
            return "\(entry.key)=\(value)"
        }
        return pairs.isEmpty ? "" : " " + pairs.joined(separator: " ")
    }

    static func clean(_ directory: String) -> String {
        PipelinePaths.normalize(directory.hasPrefix("${{") ? "" : directory) ?? ""
    }

    /// The steps of a local composite action (`./path` holding `action.yml`).
    static func composite(_ uses: String, at line: Int, file: String, source: PipelineSource, depth: Int,
                          included: inout [String]) -> [PipelineStep] {
        guard depth < 4, let folder = PipelinePaths.normalize(String(uses.dropFirst(2))) else { return [] }
        for name in ["action.yml", "action.yaml"] {
            guard let (root, real) = source.yamlRoot(folder.isEmpty ? name : folder + "/" + name) else { continue }
            included.append(real)
            return steps(root[key: "runs"]?[key: "steps"], file: real, directory: "", source: source,
                         depth: depth + 1, included: &included)
        }
        return []
    }

    /// The steps of every job of a reusable workflow of this repository.
    static func called(_ uses: String, at line: Int, file: String, source: PipelineSource, depth: Int,
                       included: inout [String]) -> [PipelineStep] {
        guard depth < 4, uses.hasPrefix("./"), let path = PipelinePaths.normalize(String(uses.dropFirst(2))),
              let (root, real) = source.yamlRoot(path) else { return [] }
        return jobs(root, file: real, triggers: [], source: source, depth: depth + 1, included: &included)
            .flatMap(\.steps)
    }
}
