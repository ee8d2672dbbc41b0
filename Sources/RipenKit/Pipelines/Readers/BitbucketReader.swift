import Yams

/// `bitbucket-pipelines.yml`: `default` and `branches` run on push, `pull-requests` on pull requests,
/// `tags` on tags, `custom` by hand, by a schedule set in Bitbucket or through the pipelines API (so
/// code in the repository may start it); a step with `trigger: manual` waits.
enum BitbucketReader: PipelineReader {
    static let system = CISystem.bitbucket

    static func claims(_ path: String) -> Bool { path == "bitbucket-pipelines.yml" || path == "bitbucket-pipelines.yaml" }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if let failure { return failure }
        guard let pipelines = documents.first?[key: "pipelines"] else { return PipelineFileResult() }
        var jobs: [PipelineJob] = []
        for (kind, value, line) in pipelines.entries {
            let triggers: Set<Trigger> = switch kind {
            case "default", "branches": [.push]
            case "pull-requests": [.pullRequest]
            case "tags": [.tag]
            case "custom": [.dispatchable]
            default: [.manual]
            }
            let lists = kind == "default" ? [value] : value.entries.map(\.value)
            for list in lists {
                var manual = false
                for step in flatten(list) {
                    if step[key: "trigger"]?.text == "manual" { manual = true }
                    guard let (text, scriptLine) = step[key: "script"]?.script else { continue }
                    let name = step[key: "name"]?.text ?? kind
                    jobs.append(PipelineJob(name: name, line: step.mark?.line ?? line,
                                            triggers: manual ? [.manual] : triggers,
                                            steps: [PipelineStep(file: file, line: scriptLine, script: text)]))
                }
            }
        }
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: jobs)])
    }

    /// The `step` mappings of a list, through `parallel` and `stage` groups.
    static func flatten(_ node: Node) -> [Node] {
        var result: [Node] = []
        for item in node.items {
            if let step = item[key: "step"] { result.append(step) }
            if let parallel = item[key: "parallel"] { result += flatten(parallel[key: "steps"] ?? parallel) }
            if let stage = item[key: "stage"]?[key: "steps"] { result += flatten(stage) }
        }
        return result
    }
}
