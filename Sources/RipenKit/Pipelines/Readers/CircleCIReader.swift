import Yams

/// `.circleci/*.yml`: jobs' `run` steps and orb commands, workflows' schedules and tag filters; a dynamic
/// configuration (`setup: true`) continues into the other files of the folder, read as pipelines of their own.
enum CircleCIReader: PipelineReader {
    static let system = CISystem.circleci

    static func claims(_ path: String) -> Bool { PipelinePaths.isYAML(path, directlyIn: ".circleci") }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if let failure { return failure }
        guard let root = documents.first, root[key: "jobs"] != nil || root[key: "workflows"] != nil else {
            return PipelineFileResult()
        }
        // Which workflows run each job, and when.
        var triggersByJob: [String: Set<Trigger>] = [:]
        var orbJobs: [(String, Int, Set<Trigger>)] = []
        for (_, workflow, _) in root[key: "workflows"]?.entries ?? [] {
            guard case .mapping = workflow else { continue }
            let scheduled = (workflow[key: "triggers"]?.items ?? []).contains { $0[key: "schedule"] != nil }
            var approved = false
            for item in workflow[key: "jobs"]?.items ?? [] {
                let name = item.text ?? item.entries.first?.key ?? ""
                let settings = item[key: name]
                if settings?[key: "type"]?.text == "approval" { approved = true; continue }
                var triggers: Set<Trigger> = scheduled ? [.schedule] : [.push, .pullRequest]
                let branches = settings?[key: "filters"]?[key: "branches"]
                if settings?[key: "filters"]?[key: "tags"] != nil, branches?[key: "ignore"] != nil { triggers = [.tag] }
                // After a manual approval the rest of the workflow waits for a person.
                if approved, settings?[key: "requires"] != nil { triggers = [.manual] }
                triggersByJob[name, default: []].formUnion(triggers)
                if name.contains("/") { orbJobs.append((name, item.mark?.line ?? 1, triggers)) }
            }
        }
        let hasWorkflows = root[key: "workflows"] != nil
        var jobs: [PipelineJob] = []
        for (name, job, line) in root[key: "jobs"]?.entries ?? [] {
            let triggers = triggersByJob[name] ?? (hasWorkflows ? [] : [.push])
            let checkout = (job[key: "steps"]?.items ?? []).lazy.compactMap { $0[key: "checkout"]?[key: "path"]?.text }.first
            let folder = relative(job[key: "working_directory"]?.text, checkout: checkout)
            var steps: [PipelineStep] = []
            for step in job[key: "steps"]?.items ?? [] {
                if let name = step.text {
                    steps.append(PipelineStep(file: file, line: step.mark?.line ?? 1, script: "", uses: name))
                    continue
                }
                for (key, value, _) in step.entries {
                    if key == "run" {
                        let body = value[key: "command"] ?? value
                        if let (text, line) = body.script {
                            let directory = value[key: "working_directory"]?.text.map { PipelinePaths.join(folder, $0) ?? folder } ?? folder
                            steps.append(PipelineStep(file: file, line: line, script: text, directory: directory))
                        }
                    } else {
                        steps.append(PipelineStep(file: file, line: value.mark?.line ?? 1, script: "", uses: key))
                    }
                }
            }
            jobs.append(PipelineJob(name: name, line: line, triggers: triggers, steps: steps,
                                    hosted: job[key: "machine"] != nil && job[key: "resource_class"]?.text?.contains("/") == true))
        }
        // Jobs an orb defines run its packaged commands, known by name only.
        for (name, line, triggers) in orbJobs {
            jobs.append(PipelineJob(name: name, line: line, triggers: triggers,
                                    steps: [PipelineStep(file: file, line: line, script: "", uses: name)]))
        }
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: jobs)])
    }

    /// A job's `working_directory` inside the checkout (`~/project` unless `checkout: path:` says
    /// otherwise), relative to the repository; "" when it is the checkout or elsewhere.
    static func relative(_ workingDirectory: String?, checkout: String?) -> String {
        guard let workingDirectory else { return "" }
        let root = checkout ?? "~/project"
        for base in Set([root, "~/project", "/root/project", "/home/circleci/project"]) {
            if workingDirectory == base { return "" }
            if workingDirectory.hasPrefix(base + "/") {
                return PipelinePaths.normalize(String(workingDirectory.dropFirst(base.count + 1))) ?? ""
            }
        }
        guard !workingDirectory.hasPrefix("/"), !workingDirectory.hasPrefix("~"), !workingDirectory.contains("$") else { return "" }
        return PipelinePaths.normalize(workingDirectory) ?? ""
    }
}
