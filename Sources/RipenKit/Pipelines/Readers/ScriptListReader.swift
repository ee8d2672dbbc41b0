import Yams

/// Systems whose files are lists of steps with command lists: CodeBuild buildspecs, Travis, Drone,
/// Woodpecker, Buildkite and Taskcluster. Each says where its files live, which keys hold commands and
/// what starts it.
struct ScriptListSystem: Sendable {
    var system: CISystem
    var claims: @Sendable (String) -> Bool
    /// Keys whose values are commands, at any depth.
    var commandKeys: Set<String>
    var triggers: @Sendable (Node) -> Set<Trigger>

    static let all: [ScriptListSystem] = [
        ScriptListSystem(system: .codeBuild, claims: { path in
            PipelinePaths.isYAML(path) && PipelinePaths.name(path).containsBytes("buildspec")
        }, commandKeys: ["commands", "finally"], triggers: { _ in [.external] }),
        ScriptListSystem(system: .travis, claims: { $0 == ".travis.yml" || $0 == ".travis.yaml" },
                         commandKeys: ["script", "before_script", "install", "after_success", "before_install",
                                       "before_deploy", "after_script"],
                         triggers: { _ in [.push, .pullRequest] }),
        ScriptListSystem(system: .drone, claims: { $0 == ".drone.yml" || $0 == ".drone.yaml" },
                         commandKeys: ["commands"], triggers: eventTriggers),
        ScriptListSystem(system: .woodpecker, claims: { path in
            path == ".woodpecker.yml" || path == ".woodpecker.yaml"
                || (path.hasPrefix(".woodpecker/") && PipelinePaths.isYAML(path))
        }, commandKeys: ["commands"], triggers: eventTriggers),
        ScriptListSystem(system: .buildkite, claims: { path in
            path.hasPrefix(".buildkite/") && PipelinePaths.isYAML(path)
        }, commandKeys: ["command", "commands"], triggers: { _ in [.push] }),
        ScriptListSystem(system: .taskcluster, claims: { $0 == ".taskcluster.yml" || $0 == ".taskcluster.yaml" },
                         commandKeys: ["command"], triggers: { _ in [.push, .pullRequest] }),
    ]

    /// Drone's `trigger.event` and Woodpecker's `when.event`: push unless they say otherwise.
    @Sendable static func eventTriggers(_ root: Node) -> Set<Trigger> {
        let events = (root[key: "trigger"]?[key: "event"] ?? root[key: "when"]?[key: "event"])?.names ?? []
        guard !events.isEmpty else { return [.push, .pullRequest] }
        var triggers: Set<Trigger> = []
        for event in events {
            switch event {
            case "push": triggers.insert(.push)
            case "pull_request": triggers.insert(.pullRequest)
            case "tag": triggers.insert(.tag)
            case "cron": triggers.insert(.schedule)
            case "deployment", "promote": triggers.insert(.event)
            default: triggers.insert(.manual)
            }
        }
        return triggers
    }
}

struct ScriptListReader {
    let kind: ScriptListSystem

    func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        guard let text = source.text(file) else { return PipelineFileResult() }
        let documents: [Node]
        switch PipelineYAML.documents(text) {
        case let .success(nodes): documents = nodes
        case let .failure(error): return PipelineFileResult(error: error)
        }
        var jobs: [PipelineJob] = []
        for document in documents where PipelineYAML.size(document) <= PipelineYAML.nodeBudget {
            var steps: [PipelineStep] = []
            collect(document, file: file, into: &steps, depth: 0)
            if kind.system == .travis, let deploy = document[key: "deploy"] {
                for item in deploy.items.isEmpty ? [deploy] : deploy.items {
                    let provider = item[key: "provider"]?.text ?? "script"
                    steps.append(PipelineStep(file: file, line: item.mark?.line ?? 1,
                                              script: item[key: "script"]?.text ?? "", uses: "travis-deploy:\(provider)"))
                }
            }
            guard !steps.isEmpty else { continue }
            jobs.append(PipelineJob(name: document[key: "name"]?.text ?? PipelinePaths.name(file).description,
                                    line: document.mark?.line ?? 1, triggers: kind.triggers(document), steps: steps))
        }
        return PipelineFileResult(pipelines: [Pipeline(system: kind.system, file: file, jobs: jobs)])
    }

    private func collect(_ node: Node, file: String, into steps: inout [PipelineStep], depth: Int) {
        guard depth < 12 else { return }
        for (key, value, _) in node.entries {
            if kind.commandKeys.contains(key), let (text, line) = value.script {
                steps.append(PipelineStep(file: file, line: line, script: text))
            } else {
                collect(value, file: file, into: &steps, depth: depth + 1)
            }
        }
        for item in node.items { collect(item, file: file, into: &steps, depth: depth + 1) }
    }
}
