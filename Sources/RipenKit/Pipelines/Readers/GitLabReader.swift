import Yams

/// `.gitlab-ci.yml` with its local `include:` files, hidden jobs and `extends:`, anchors and `!reference`-free
/// scripts; each job's triggers from `when`, `only`/`except` and `rules`.
enum GitLabReader: PipelineReader {
    static let system = CISystem.gitlab
    static let reserved: Set<String> = ["stages", "variables", "include", "default", "workflow", "image", "services",
                                        "before_script", "after_script", "cache", "types", "pages:deploy"]

    static func claims(_ path: String) -> Bool { path == ".gitlab-ci.yml" || path == ".gitlab-ci.yaml" }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if let failure { return failure }
        guard let root = documents.first else { return PipelineFileResult() }
        // Every job definition, from the root file and its local includes, by name (later wins, as GitLab merges).
        var definitions: [String: (node: Node, file: String)] = [:]
        var order: [String] = []
        var included: [String] = []
        var pending = [(root, file)]
        var seen: Set<String> = [file]
        var globalBefore = root[key: "default"]?[key: "before_script"] ?? root[key: "before_script"]
        while let (node, path) = pending.first {
            pending.removeFirst()
            for entry in node.entries {
                if entry.key == "include" {
                    for local in includes(entry.value) {
                        guard let name = PipelinePaths.normalize(local), let real = source.resolve(name),
                              !seen.contains(real), seen.count < 50, let (doc, _) = source.yamlRoot(real) else { continue }
                        seen.insert(real)
                        included.append(real)
                        pending.append((doc, real))
                        if globalBefore == nil { globalBefore = doc[key: "default"]?[key: "before_script"] }
                    }
                    continue
                }
                guard !reserved.contains(entry.key), case .mapping = entry.value else { continue }
                if definitions[entry.key] == nil { order.append(entry.key) }
                definitions[entry.key] = (entry.value, path)
            }
        }
        var jobs: [PipelineJob] = []
        // A manual job that blocks its pipeline holds every later stage until a person runs it.
        let stages = root[key: "stages"]?.names ?? [".pre", "build", "test", "deploy", ".post"]
        func stageIndex(_ nodes: [Node]) -> Int {
            let stage = nodes.lazy.compactMap { $0[key: "stage"]?.text }.first ?? "test"
            return stages.firstIndex(of: stage) ?? stages.count
        }
        let blockingStages = order.filter { !$0.hasPrefix(".") }.compactMap { name -> Int? in
            guard let found = definitions[name] else { return nil }
            let nodes = resolved(found, definitions: definitions).map(\.node)
            return blocks(nodes) ? stageIndex(nodes) : nil
        }
        let firstGate = blockingStages.min()
        for name in order where !name.hasPrefix(".") {
            guard let (node, path) = definitions[name] else { continue }
            let chain = resolved((node, path), definitions: definitions)
            let nodes = chain.map(\.node)
            var steps: [PipelineStep] = []
            for key in ["before_script", "script", "after_script"] {
                var found = chain.lazy.compactMap { link in link.node[key: key].map { ($0, link.file) } }.first
                if found == nil, key == "before_script", let globalBefore { found = (globalBefore, file) }
                guard let (value, where_) = found, let (text, line) = value.script else { continue }
                steps.append(PipelineStep(file: where_, line: line, script: text))
            }
            if let trigger = nodes.lazy.compactMap({ $0[key: "trigger"] }).first {
                let child = trigger[key: "include"]?.text ?? trigger.text ?? trigger[key: "project"]?.text ?? ""
                steps.append(PipelineStep(file: path, line: trigger.mark?.line ?? 1, script: "", uses: "trigger: \(child)"))
            }
            var when = triggers(nodes)
            let needs = nodes.lazy.compactMap { $0[key: "needs"] }.first
            if let firstGate, stageIndex(nodes) > firstGate, needs == nil, !when.isEmpty { when = [.manual] }
            jobs.append(PipelineJob(name: name, line: node.mark?.line ?? 1, triggers: when, steps: steps,
                                    hosted: (nodes.lazy.compactMap { $0[key: "tags"] }.first?.names ?? []).contains { $0.contains("shell") }))
        }
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: jobs)], included: included)
    }

    /// Local files named by `include:` (a string, a list, `local:` or `- local:` entries).
    static func includes(_ node: Node) -> [String] {
        var result: [String] = []
        if let text = node.text, !text.contains("://") { result.append(text) }
        if let local = node[key: "local"]?.text { result.append(local) }
        for item in node.items { result += includes(item) }
        return result.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
    }

    /// The job and what it extends, nearest first.
    static func resolved(_ job: (node: Node, file: String),
                         definitions: [String: (node: Node, file: String)]) -> [(node: Node, file: String)] {
        var chain = [job]
        var frontier = [job.node]
        while let next = frontier.popLast(), chain.count < 10 {
            for parent in next[key: "extends"]?.names ?? [] {
                if let found = definitions[parent] {
                    chain.append(found)
                    frontier.append(found.node)
                }
            }
        }
        return chain
    }

    /// A manual job the pipeline waits for: `when: manual` in `rules` (GitLab then defaults `allow_failure`
    /// to false), or at job level with `allow_failure: false`.
    static func blocks(_ chain: [Node]) -> Bool {
        let allowFailure = chain.lazy.compactMap { $0[key: "allow_failure"]?.text }.first
        if chain.lazy.compactMap({ $0[key: "when"]?.text }).first == "manual" { return allowFailure == "false" }
        guard let rules = chain.lazy.compactMap({ $0[key: "rules"] }).first else { return false }
        let live = rules.items.filter { $0[key: "when"]?.text != "never" }
        guard !live.isEmpty, live.allSatisfy({ $0[key: "when"]?.text == "manual" }) else { return false }
        return allowFailure != "true" && !live.contains { $0[key: "allow_failure"]?.text == "true" }
    }

    /// GitLab runs a job on every push (and merge request) unless `when`, `only` or `rules` say otherwise.
    static func triggers(_ chain: [Node]) -> Set<Trigger> {
        if chain.lazy.compactMap({ $0[key: "when"]?.text }).first == "manual" { return [.manual] }
        if let rules = chain.lazy.compactMap({ $0[key: "rules"] }).first, !rules.items.isEmpty {
            var triggers: Set<Trigger> = []
            for rule in rules.items {
                let when = rule[key: "when"]?.text
                if when == "never" { continue }
                if when == "manual" { triggers.insert(.manual); continue }
                let condition = rule[key: "if"]?.text ?? ""
                if condition.isEmpty {
                    triggers.formUnion(rule[key: "changes"] != nil || rule[key: "exists"] != nil ? [.push] : [.push, .pullRequest])
                    continue
                }
                triggers.formUnion(sources(in: condition))
            }
            return triggers
        }
        if let only = chain.lazy.compactMap({ $0[key: "only"] }).first {
            let refs = only[key: "refs"]?.names ?? (only.entries.isEmpty ? only.names : [])
            if refs.isEmpty { return [.push] }
            var triggers: Set<Trigger> = []
            for ref in refs {
                switch ref {
                case "tags": triggers.insert(.tag)
                case "schedules": triggers.insert(.schedule)
                case "merge_requests", "external_pull_requests": triggers.insert(.pullRequest)
                case "api", "triggers", "pipelines", "chat": triggers.insert(.dispatchable)
                case "web": triggers.insert(.manual)
                default: triggers.insert(.push)
                }
            }
            return triggers
        }
        return [.push, .pullRequest]
    }

    /// What a rule's `if:` admits, read from the predefined variables it compares.
    static func sources(in condition: String) -> Set<Trigger> {
        var triggers: Set<Trigger> = []
        let positive = condition.replacingOccurrences(of: " ", with: "")
        func has(_ value: String) -> Bool { positive.contains("==\"\(value)\"") || positive.contains("=='\(value)'") }
        if has("schedule") { triggers.insert(.schedule) }
        if has("merge_request_event") || has("external_pull_request_event") { triggers.insert(.pullRequest) }
        if has("push") { triggers.insert(.push) }
        if has("web") { triggers.insert(.manual) }
        if has("api") || has("trigger") || has("pipeline") || has("chat") { triggers.insert(.dispatchable) }
        if positive.contains("$CI_COMMIT_TAG") && !positive.contains("$CI_COMMIT_TAG==null") { triggers.insert(.tag) }
        if positive.contains("$CI_COMMIT_BRANCH") || positive.contains("$CI_COMMIT_REF_NAME")
            || positive.contains("$CI_DEFAULT_BRANCH") { triggers.insert(.push) }
        if triggers.isEmpty && !positive.contains("CI_PIPELINE_SOURCE") { triggers.insert(.push) }
        return triggers
    }
}
