import Yams

/// Azure Pipelines: `trigger`/`pr`/`schedules`/pipeline resources, stages → jobs (deployment jobs'
/// strategies included) → steps (`script`, `bash`, `powershell`, tasks with inline scripts), and local
/// `template:` files read in place. A file that only serves as a template is not a pipeline of its own.
enum AzurePipelinesReader: PipelineReader {
    static let system = CISystem.azurePipelines
    static let folders: Set<Substring> = [".azure-pipelines", ".pipelines", ".ado", ".azuredevops", ".azure_devops",
                                          ".azure-devops", "devops", ".devops"]

    static func claims(_ path: String) -> Bool {
        guard PipelinePaths.isYAML(path) else { return false }
        if PipelinePaths.name(path).hasPrefix("azure-pipeline") { return true }
        return PipelinePaths.inFolder(path, named: folders)
    }

    /// Pipelines kept under other names: a top-level `trigger:` or `pr:` beside `stages:`, `jobs:` or `steps:`.
    static func sniff(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let heads = Set(lines.compactMap { line -> Substring? in
            guard let first = line.first, first != " ", first != "#", first != "-" else { return nil }
            return line.split(separator: ":", maxSplits: 1).first.map { Substring($0.trimmingCharacters(in: .whitespaces)) }
        })
        return (heads.contains("trigger") || heads.contains("pr") || heads.contains("schedules"))
            && (heads.contains("stages") || heads.contains("jobs") || heads.contains("steps"))
    }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if let failure { return failure }
        guard let root = documents.first else { return PipelineFileResult() }
        // A template: parameters and work, but nothing that starts it.
        let starts = ["trigger", "pr", "schedules", "resources", "pool", "name", "variables", "extends"]
        if root[key: "parameters"] != nil, !starts.contains(where: { root[key: $0] != nil }) {
            return PipelineFileResult()
        }
        var included: [String] = []
        let triggers = self.triggers(root)
        var jobs: [PipelineJob] = []
        collectJobs(root, file: file, triggers: triggers, source: source, depth: 0, into: &jobs, included: &included)
        if let extends = root[key: "extends"]?[key: "template"]?.text,
           let (node, path) = template(extends, from: file, source: source, depth: 0, included: &included) {
            collectJobs(node, file: path, triggers: triggers, source: source, depth: 1, into: &jobs, included: &included)
        }
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: jobs)], included: included)
    }

    static func triggers(_ root: Node) -> Set<Trigger> {
        var triggers: Set<Trigger> = []
        let trigger = root[key: "trigger"]
        if trigger?.text == "none" || trigger?.names == ["none"] {
            // no push trigger
        } else if let trigger, trigger.names.isEmpty == false || trigger.text != nil {
            let keys = trigger.names
            if keys == ["tags"] { triggers.insert(.tag) } else { triggers.insert(.push) }
        } else if trigger == nil {
            triggers.insert(.push)  // the default: every push
        }
        if let pr = root[key: "pr"], pr.text != "none" { triggers.insert(.pullRequest) }
        if root[key: "schedules"] != nil { triggers.insert(.schedule) }
        for resource in root[key: "resources"]?[key: "pipelines"]?.items ?? [] where resource[key: "trigger"] != nil {
            triggers.insert(.afterPipeline)
        }
        if triggers.isEmpty { triggers.insert(.manual) }
        return triggers
    }

    /// Jobs under `stages`, `jobs` or a bare `steps`, templates included.
    static func collectJobs(_ node: Node, file: String, triggers: Set<Trigger>, source: PipelineSource, depth: Int,
                            into jobs: inout [PipelineJob], included: inout [String]) {
        if let steps = node[key: "steps"] {
            let name = node[key: "job"]?.text ?? node[key: "deployment"]?.text ?? "steps"
            var list = self.steps(steps, file: file, source: source, depth: depth, included: &included)
            // A deployment job keeps its steps under its strategy's lifecycle hooks.
            list += strategySteps(node, file: file, source: source, depth: depth, included: &included)
            jobs.append(PipelineJob(name: name, line: node.mark?.line ?? 1, triggers: triggers, steps: list,
                                    hosted: isHosted(node)))
        } else if node[key: "strategy"] != nil, let name = node[key: "deployment"]?.text {
            let list = strategySteps(node, file: file, source: source, depth: depth, included: &included)
            jobs.append(PipelineJob(name: name, line: node.mark?.line ?? 1, triggers: triggers, steps: list,
                                    hosted: isHosted(node)))
        }
        for key in ["stages", "jobs"] {
            for item in expanded(node[key: key]?.items ?? []) {
                if let path = item[key: "template"]?.text {
                    if let (template, real) = template(path, from: file, source: source, depth: depth, included: &included) {
                        collectJobs(template, file: real, triggers: triggers, source: source, depth: depth + 1,
                                    into: &jobs, included: &included)
                    }
                    continue
                }
                collectJobs(item, file: file, triggers: triggers, source: source, depth: depth, into: &jobs,
                            included: &included)
            }
        }
    }

    /// Items of a list with template expressions opened: `- ${{ each x in … }}:` and `- ${{ if … }}:`
    /// hold items of their own, which the pipeline runs (for each value, or when the condition holds).
    static func expanded(_ items: [Node], depth: Int = 0) -> [Node] {
        var result: [Node] = []
        for item in items {
            if depth < 4, item.entries.count == 1, let entry = item.entries.first, entry.key.hasPrefix("${{"),
               !entry.value.items.isEmpty {
                result += expanded(entry.value.items, depth: depth + 1)
            } else {
                result.append(item)
            }
        }
        return result
    }

    static func isHosted(_ job: Node) -> Bool {
        guard let pool = job[key: "pool"] else { return false }
        return pool[key: "vmImage"] == nil && (pool.text != nil || pool[key: "name"] != nil)
    }

    static func strategySteps(_ node: Node, file: String, source: PipelineSource, depth: Int,
                              included: inout [String]) -> [PipelineStep] {
        var result: [PipelineStep] = []
        // strategy → runOnce | rolling | canary → deploy, preDeploy, routeTraffic, on.success… → steps
        for (_, strategy, _) in node[key: "strategy"]?.entries ?? [] {
            for (_, hook, _) in strategy.entries {
                if let steps = hook[key: "steps"] {
                    result += self.steps(steps, file: file, source: source, depth: depth, included: &included)
                }
                for (_, phase, _) in hook.entries {
                    if let steps = phase[key: "steps"] {
                        result += self.steps(steps, file: file, source: source, depth: depth, included: &included)
                    }
                }
            }
        }
        return result
    }

    static func steps(_ node: Node, file: String, source: PipelineSource, depth: Int,
                      included: inout [String]) -> [PipelineStep] {
        var result: [PipelineStep] = []
        for step in expanded(node.items) {
            let directory = step[key: "workingDirectory"]?.text.flatMap { $0.contains("$(") ? nil : $0 } ?? ""
            for key in ["script", "bash", "powershell", "pwsh"] {
                if let (text, line) = step[key: key]?.script {
                    result.append(PipelineStep(file: file, line: line, script: text,
                                               directory: PipelinePaths.normalize(directory) ?? ""))
                }
            }
            if let task = step[key: "task"]?.text {
                let inputs = step[key: "inputs"]
                var script = ""
                var line = step[key: "task"]?.mark?.line ?? 1
                if let inline = (inputs?[key: "inlineScript"] ?? inputs?[key: "script"])?.script {
                    script = inline.text
                    line = inline.line
                } else if let path = inputs?[key: "scriptPath"]?.text ?? inputs?[key: "filePath"]?.text {
                    let arguments = inputs?[key: "arguments"]?.text ?? ""
                    script = (path.hasSuffix(".py") ? "python " : "bash ") + path + " " + arguments
                }
                let command = inputs?[key: "command"]?.text.map { " command=\($0)" } ?? ""
                let action = inputs?[key: "action"]?.text.map { " action=\($0)" } ?? ""
                result.append(PipelineStep(file: file, line: line, script: script, uses: task + command + action))
            }
            if let path = step[key: "template"]?.text,
               let (template, real) = template(path, from: file, source: source, depth: depth, included: &included),
               let steps = template[key: "steps"] {
                result += self.steps(steps, file: real, source: source, depth: depth + 1, included: &included)
            }
        }
        return result
    }

    /// A local template: relative to the including file, or to the repository root with a leading `/`.
    static func template(_ path: String, from file: String, source: PipelineSource, depth: Int,
                         included: inout [String]) -> (Node, String)? {
        // Templates are often named with Windows separators (`..\\jobs\\deploy.yml`).
        let path = path.replacingOccurrences(of: "\\", with: "/")
        guard depth < 4, !path.contains("@"), !path.contains("${{"),
              let name = PipelinePaths.join(PipelinePaths.directory(file), path) else { return nil }
        guard let (root, real) = source.yamlRoot(name) ?? PipelinePaths.normalize(path).flatMap({ source.yamlRoot($0) })
        else { return nil }
        included.append(real)
        return (root, real)
    }
}
