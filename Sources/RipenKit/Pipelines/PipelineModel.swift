/// Every CI/CD definition of a repository, read into pipelines, with what each job does (the command
/// classes of its steps and of the files they run) and which dispatchable pipelines code in the
/// repository actually dispatches.
struct PipelineModel {
    struct Job {
        var pipeline: Pipeline
        var job: PipelineJob
        var classes: RunClassifier.Classes
    }

    private(set) var pipelines: [Pipeline] = []
    private(set) var jobs: [Job] = []
    /// CI files that do not parse, with where; the audit reports them and goes on.
    private(set) var errors: [(file: String, error: PipelineParseError)] = []
    /// The repository as read, for questions about the files a chain passes through.
    let source: PipelineSource

    static var readers: [any PipelineReader.Type] { [
        GitHubActionsReader.self, GitLabReader.self, AzurePipelinesReader.self, CircleCIReader.self,
        JenkinsReader.self, BitbucketReader.self, CloudBuildReader.self,
    ] }

    /// Folders whose files are data for tests and documentation, not the team's pipelines.
    static let dataFolders: Set<Substring> = ["fixtures", "Fixtures", "testdata", "test-data", "golden", "Golden",
                                           "__snapshots__", "snapshots", "node_modules", "vendor", "third_party"]

    /// - Parameter dispatches: lines of the repository that call a CI system's API to start a pipeline.
    init(source: PipelineSource, vocabulary: [CommandClass], dispatches: [LineMatch]) {
        self.source = source
        var included: Set<String> = []
        var results: [(String, PipelineFileResult)] = []
        for file in source.files where Self.mayDefinePipeline(file.matchPath) {
            let path = file.matchPath
            guard !PipelinePaths.inFolder(path, named: Self.dataFolders) else { continue }
            var result: PipelineFileResult?
            let (base, relative) = Self.project(of: path)
            let view = source.rebased(on: base)
            if let reader = Self.readers.first(where: { $0.claims(relative) }) {
                result = reader.read(file.path, from: view)
            } else if let kind = ScriptListSystem.all.first(where: { $0.claims(relative) }) {
                result = ScriptListReader(kind: kind).read(file.path, from: view)
            } else if Self.mayHoldAzurePipeline(path), let text = source.text(file.path), AzurePipelinesReader.sniff(text) {
                result = AzurePipelinesReader.read(file.path, from: source)
            }
            guard var result else { continue }
            if !base.isEmpty { result.pipelines = result.pipelines.map { Self.rebase($0, on: base) } }
            included.formUnion(result.included)
            results.append((file.path, result))
        }
        // Delivery pipelines declared in Terraform, with the buildspecs they run.
        for result in TerraformCodePipelineReader.read(from: source) {
            included.formUnion(result.included)
            results.append((result.pipelines.first?.file ?? "", result))
        }
        for (file, result) in results where !included.contains(file) {
            if let error = result.error { errors.append((file, error)) }
            pipelines += result.pipelines.map { Self.resolveDispatch($0, dispatches: dispatches, source: source) }
        }
        let classifier = RunClassifier(vocabulary: vocabulary, source: source)
        for pipeline in pipelines where !pipeline.onlyCalled {
            for job in pipeline.jobs {
                var classes: RunClassifier.Classes = [:]
                for step in job.steps {
                    for (id, chain) in classifier.classify(step, hosted: job.hosted) where classes[id] == nil {
                        classes[id] = chain
                    }
                }
                jobs.append(Job(pipeline: pipeline, job: job, classes: classes))
            }
        }
    }

    /// Folders whose nested projects are someone else's: samples for readers, documentation, tests.
    static let sampleFolders: Set<Substring> = ["examples", "example", "samples", "sample", "demos", "demo", "tutorials",
                                                "tutorial", "docs", "doc", "tests", "test", "Tests"]

    /// The project a CI file belongs to: the repository, or a nested project with its own CI root (a seed
    /// or template folder that becomes a repository of its own, a service of a monorepo:
    /// `seedcode/.github/workflows/build.yml`, `services/api/bitbucket-pipelines.yml`). Returns the
    /// project's folder and the file's path inside it.
    static func project(of path: String) -> (base: String, relative: String) {
        if claimed(path) { return ("", path) }
        var start = path.utf8.startIndex
        while let slash = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
            let suffix = String(path[path.utf8.index(after: slash)...])
            let base = String(path[..<slash])
            // Only names that mark a CI root (`.github/`, `.gitlab-ci.yml`, `bitbucket-pipelines.yml`…).
            if suffix.hasPrefix(".") || suffix.hasPrefix("bitbucket-pipelines."), claimed(suffix),
               !PipelinePaths.inFolder(base + "/", named: sampleFolders) {
                return (base, suffix)
            }
            start = path.utf8.index(after: slash)
        }
        return ("", path)
    }

    private static func claimed(_ path: String) -> Bool {
        readers.contains { $0.claims(path) } || ScriptListSystem.all.contains { $0.claims(path) }
    }

    /// A nested project's steps run in its folder.
    static func rebase(_ pipeline: Pipeline, on base: String) -> Pipeline {
        var copy = pipeline
        for job in copy.jobs.indices {
            for step in copy.jobs[job].steps.indices {
                let directory = copy.jobs[job].steps[step].directory
                copy.jobs[job].steps[step].directory = PipelinePaths.join(base, directory) ?? base
            }
        }
        return copy
    }

    /// The names a CI definition can have (YAML, a Jenkinsfile): one cheap test per file of the tree
    /// before any reader looks at the path.
    static func mayDefinePipeline(_ path: String) -> Bool {
        var utf8 = path.utf8[...]
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) { utf8 = utf8[utf8.index(after: slash)...] }
        let name = Substring(utf8)
        return name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.hasPrefix("Jenkinsfile") || name.hasSuffix(".jenkinsfile")
    }

    /// Pipelines outside the usual places (a `pipelines/` or `ci/` folder, `*pipeline*.yml`) are
    /// recognised by their content.
    static let azureFolders: Set<Substring> = ["ci", "cicd", "ci-cd", ".ci", "mlops", "azure", ".azure", "build", "deploy"]

    static func mayHoldAzurePipeline(_ path: String) -> Bool {
        guard PipelinePaths.isYAML(path) else { return false }
        let lower = path.lowercased()
        if lower.containsBytes("pipeline") { return true }
        return PipelinePaths.inFolder(lower, named: Self.azureFolders)
    }

    /// A dispatch call that names no workflow file (`.yml`, `.yaml`) takes the workflow from a variable.
    static func namesNoWorkflow(_ line: String) -> Bool { !line.contains(".yml") && !line.contains(".yaml") }

    /// A dispatchable pipeline counts as started by code when the repository's code dispatches it: by
    /// its file name, by a repository event it listens to, or through its system's trigger API.
    static func resolveDispatch(_ pipeline: Pipeline, dispatches: [LineMatch], source: PipelineSource) -> Pipeline {
        // Cloud Build's triggers live in the project, unless a script of the repository creates them.
        let createsTrigger = pipeline.system == .cloudBuild && pipeline.jobs.contains { $0.triggers.contains(.external) }
        guard createsTrigger || pipeline.jobs.contains(where: { $0.triggers.contains(.dispatchable) }) else { return pipeline }
        let name = String(PipelinePaths.name(pipeline.file))
        let text = source.text(pipeline.file) ?? ""
        let listensToEvents = text.contains("repository_dispatch")
        let callers = dispatches.filter { match in
            guard match.path != pipeline.file else { return false }
            let line = match.text
            switch pipeline.system {
            case .githubActions:
                if line.contains(name) { return true }
                // A workflow named by a variable (`repo.get_workflow(name).create_dispatch(ref)`): any
                // workflow a person could dispatch may be the one.
                if namesNoWorkflow(line) && (line.contains("create_dispatch(") || line.contains("/workflows/")) { return true }
                return listensToEvents && (line.contains("/dispatches") || line.contains("repository_dispatch")
                    || line.contains("create_repository_dispatch") || line.contains("event_type"))
            case .gitlab: return line.contains("trigger/pipeline") || line.contains("/pipeline")
            case .azurePipelines: return line.contains("pipelines") && (line.contains("runs") || line.contains(" run"))
            case .jenkins: return line.contains("buildWithParameters") || line.contains("/build")
            case .cloudBuild:
                guard line.contains("builds triggers create"), let command = Self.command(at: match, in: source),
                      let config = Self.buildConfig(in: command) else { return false }
                // The configuration's path in the repository; a path built from a variable (a loop over
                // folders) names the file only.
                if config.contains("$") { return PipelinePaths.name(config) == name }
                return PipelinePaths.normalize(config) == pipeline.file
            case .bitbucket: return line.contains("/repositories/") && line.contains("/pipelines")
            case .circleci: return line.contains("circleci.com/api/") && line.contains("/pipeline")
            default: return false
            }
        }
        guard !callers.isEmpty else { return pipeline }
        var copy = pipeline
        copy.dispatchers = callers.map { ChainLink(file: $0.path, line: $0.line ?? 1, text: RunClassifier.short($0.text)) }
        for index in copy.jobs.indices where copy.jobs[index].triggers.contains(.dispatchable) {
            copy.jobs[index].triggers.remove(.dispatchable)
            copy.jobs[index].triggers.insert(.dispatched)
        }
        if createsTrigger {
            // `gcloud builds triggers create … --build-config=FILE`: what the trigger listens to.
            let words = callers.flatMap { Self.command(at: $0, in: source) ?? [] }
            let on: Trigger = words.contains { $0.hasPrefix("--tag-pattern") } ? .tag
                : words.contains { $0.hasPrefix("--pull-request-pattern") } ? .pullRequest : .push
            for index in copy.jobs.indices where copy.jobs[index].triggers.contains(.external) {
                copy.jobs[index].triggers.remove(.external)
                copy.jobs[index].triggers.insert(on)
            }
        }
        return copy
    }

    /// The value of `--build-config` in a `gcloud builds triggers create` command's words.
    static func buildConfig(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word.hasPrefix("--build-config=") { return String(word.dropFirst("--build-config=".count)) }
            if word == "--build-config", index + 1 < words.count { return words[index + 1] }
        }
        return nil
    }

    /// The words of the shell command a matched line starts, read as the shell groups it
    /// (continuations joined, quotes removed).
    static func command(at match: LineMatch, in source: PipelineSource) -> [String]? {
        guard let text = source.text(match.path), let start = match.line, start >= 1 else { return nil }
        let rest = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(start - 1).prefix(30)
        return ShellText.commands(rest.joined(separator: "\n")).first?.words
    }
}
