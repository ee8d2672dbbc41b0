/// A CI/CD definition read as a reviewer reads it: what starts it, its jobs and the commands each step runs.
public struct Pipeline: Sendable, Equatable {
    public var system: CISystem
    /// The file that defines it, relative to the repository root.
    public var file: String
    public var jobs: [PipelineJob]
    /// Set when the system runs it only when something else calls it (a reusable workflow): it is then
    /// judged through its callers, never on its own.
    public var onlyCalled = false
    /// The lines of the repository that dispatch it through its CI system's API (set by the model).
    public var dispatchers: [ChainLink] = []

    public init(system: CISystem, file: String, jobs: [PipelineJob], onlyCalled: Bool = false) {
        self.system = system
        self.file = file
        self.jobs = jobs
        self.onlyCalled = onlyCalled
    }
}

/// One job (a stage, a step group): the scope in which a reviewer reads "this job tests" or "this job deploys".
public struct PipelineJob: Sendable, Equatable {
    public var name: String
    public var line: Int
    /// What starts this job (a job may narrow its pipeline's triggers, e.g. GitLab `rules` or `when: manual`).
    public var triggers: Set<Trigger>
    public var steps: [PipelineStep]
    /// Runs on the team's own machine (a self-hosted runner, a Jenkins agent): starting a service there deploys it.
    public var hosted: Bool

    public init(name: String, line: Int, triggers: Set<Trigger>, steps: [PipelineStep], hosted: Bool = false) {
        self.name = name
        self.line = line
        self.triggers = triggers
        self.steps = steps
        self.hosted = hosted
    }
}

/// A step: its commands as the shell sees them, or the action (orb, task, builder image) it uses.
public struct PipelineStep: Sendable, Equatable {
    /// Where the step's text starts in its file (the first command line).
    public var file: String
    public var line: Int
    /// The whole command text, block scalars and lists joined, one line per source line.
    public var script: String
    /// An action, orb command, task or image the step runs (`actions/checkout@v4`, `Docker@2`).
    public var uses: String?
    /// Commands the step sends to another host (an SSH action's script).
    public var remote: Bool
    /// The folder the commands run in, relative to the repository root ("" for the root).
    public var directory: String

    public init(file: String, line: Int, script: String, uses: String? = nil, remote: Bool = false,
                directory: String = "") {
        self.file = file
        self.line = line
        self.script = script
        self.uses = uses
        self.remote = remote
        self.directory = directory
    }
}

/// What starts a pipeline or job.
public enum Trigger: String, Sendable, Hashable, CaseIterable, Comparable {
    case push
    case pullRequest = "pull-request"
    case schedule
    case tag
    /// After another pipeline finishes (`workflow_run`, Azure pipeline resources).
    case afterPipeline = "after-pipeline"
    /// An event outside the repository's code: a registry or package event, a cloud event rule.
    case event
    /// Started by an API call that code in the repository makes (checked by the model, not assumed).
    case dispatched
    /// Dispatchable, but nothing in the repository dispatches it: a person must.
    case dispatchable
    case manual
    /// Defined outside the repository (Cloud Build, CodeBuild, Buildkite triggers): unknown from here.
    case external

    /// Starts without a person.
    public var isAutomatic: Bool {
        switch self {
        case .push, .pullRequest, .schedule, .tag, .afterPipeline, .event, .dispatched: true
        case .dispatchable, .manual, .external: false
        }
    }

    public static func < (lhs: Trigger, rhs: Trigger) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The CI/CD systems whose definitions the model reads.
public enum CISystem: String, Sendable, Hashable, CaseIterable {
    case githubActions = "github-actions"
    case gitlab
    case azurePipelines = "azure-pipelines"
    case circleci
    case jenkins
    case bitbucket
    case cloudBuild = "cloud-build"
    case codeBuild = "codebuild"
    case travis
    case drone
    case woodpecker
    case buildkite
    case taskcluster
}
