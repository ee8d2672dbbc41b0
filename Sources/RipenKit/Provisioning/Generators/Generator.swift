import Foundation

/// One file a generator produces, in memory. Generators are pure: the writer alone touches the disk.
public struct GeneratedFile: Sendable, Equatable {
    /// Relative to the output directory, `/`-separated.
    public var path: String
    public var contents: String
    public var executable: Bool
    /// A secret (`.env`): written once with mode 600 when missing, never overwritten, never in the
    /// manifest, and never part of the deterministic output (its values are random by design).
    public var secret: Bool

    public init(_ path: String, _ contents: String, executable: Bool = false, secret: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
        self.secret = secret
    }
}

/// What can be generated.
public enum Stack: String, Sendable, CaseIterable {
    case env
    case trackingServer = "tracking-server"
    case local
    case devcontainer
    case ec2
    case ci
    case fleet
    case kubernetes

    public var summary: String {
        switch self {
        case .env: "conda environment.yml and pinned requirements.txt"
        case .local: "setup-local.sh: conda or a virtual environment, the environment, the tracking server"
        case .trackingServer: "MLflow tracking server: Compose stack (PostgreSQL, S3 store) and a no-Docker start script"
        case .devcontainer: "Codespaces: .devcontainer/devcontainer.json and post-create.sh"
        case .ec2: "EC2: cloud-init user-data, setup.sh for SSH, CloudFormation template"
        case .ci: "GitHub Actions workflow: tests and ripen audit --fail-under"
        case .fleet: "GitHub Actions workflow: the organisation's fleet audit, sharded across a matrix, merged into one report"
        case .kubernetes: "Kubernetes: the tracking server as a Kustomize base with dev and prod overlays, and its image's Dockerfile"
        }
    }

    /// The targets a stack makes sense for.
    public var targets: [Target] {
        switch self {
        case .local: [.local]
        case .devcontainer: [.codespaces]
        case .ec2: [.ec2]
        case .fleet: [.githubActions]
        case .kubernetes: [.kubernetes]
        case .ci: [.local, .codespaces, .ec2, .githubActions]
        case .env, .trackingServer: [.local, .codespaces, .ec2]
        }
    }

    /// The main file the stack writes: where a report points a remedy that generates it.
    public var primaryFile: String {
        switch self {
        case .env: "environment.yml"
        case .local: LocalSetupGenerator.script
        case .trackingServer: "tracking-server/docker-compose.yml"
        case .devcontainer: ".devcontainer/devcontainer.json"
        case .ec2: "ec2/setup.sh"
        case .ci: ".github/workflows/ripen.yml"
        case .fleet: ".github/workflows/ripen-fleet.yml"
        case .kubernetes: "kubernetes/base/deployment.yaml"
        }
    }

    /// The stack a remedy's `ripen generate STACK` command names.
    public init?(command: String) {
        let words = command.split(separator: " ")
        guard words.count >= 3, words[0] == "ripen", words[1] == "generate" else { return nil }
        self.init(rawValue: String(words[2]))
    }

    /// Stacks whose files this one uses (the EC2 setup creates the environment and starts the server).
    var requires: [Stack] {
        switch self {
        case .local, .devcontainer, .ec2: [.env, .trackingServer]
        default: []
        }
    }
}

/// Choices for one generation.
public struct GenerationOptions: Sendable {
    public var target: Target
    /// The environment to set up (default `exp-tracking`).
    public var environment: String
    /// Publish the tracking server beyond 127.0.0.1 (with MLflow's basic auth on).
    public var publicAccess: Bool
    /// Host names the tracking server answers to besides localhost (MLflow's --allowed-hosts).
    public var allowedHosts: [String]
    /// Playbook options, e.g. `conda=anaconda`.
    public var settings: [String: String]
    /// The level the CI workflow's audit must reach.
    public var failUnder: Int

    public init(target: Target = .local, environment: String = "exp-tracking", publicAccess: Bool = false,
                allowedHosts: [String] = [], settings: [String: String] = [:], failUnder: Int = 1) {
        self.target = target
        self.environment = environment
        self.publicAccess = publicAccess
        self.allowedHosts = allowedHosts
        self.settings = settings
        self.failUnder = failUnder
    }
}

/// Everything a generator reads, resolved once.
public struct GenerationContext: Sendable {
    public var options: GenerationOptions
    public var environment: EnvironmentSpec
    /// The server's own environment (its image pins and packages).
    public var server: EnvironmentSpec
    public var playbook: Playbook
    public var optionValues: [String: String]

    public init(catalog: ProvisioningCatalog, options: GenerationOptions) throws(GenerationError) {
        self.options = options
        environment = try catalog.environment(options.environment)
        server = try catalog.environment("tracking-server")
        guard server.images != nil else {
            throw .invalidOption("\(server.file): the tracking-server environment needs `images` (python, postgres, objectStore)")
        }
        playbook = try catalog.playbook(for: options.target)
        optionValues = try playbook.resolve(options.settings)
    }

    /// The MLflow version the server runs (pinned in the tracking-server environment).
    var mlflowVersion: String { server.pipVersion("mlflow") ?? "3.17.2" }

    /// MLflow's --allowed-hosts: localhost always, the Compose service name, the target's forwarded
    /// names, and what the user added. Without it MLflow 3 answers 403 to every other Host header.
    var allowedHosts: [String] {
        var hosts = ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "mlflow", "mlflow:*"]
        if options.target == .codespaces { hosts.append("*.app.github.dev") }
        for host in options.allowedHosts { hosts += [host, "\(host):*"] }
        return hosts
    }

    /// The header every generated text file starts with: where it came from and how to change it.
    func header(_ comment: String, source: String) -> String {
        "\(comment) Generated by ripen from \(source). Regenerate rather than edit: ripen keeps your edits\n"
            + "\(comment) (it writes FILE.new beside a file you changed), but only the source changes them all.\n"
    }
}

/// Runs the generators of the requested stacks (and the stacks they need) into one list of files.
public enum Generation {
    public static func files(_ stacks: [Stack], context: GenerationContext) throws(GenerationError) -> [GeneratedFile] {
        var wanted: [Stack] = []
        for stack in stacks {
            guard stack.targets.contains(context.options.target) else {
                throw .stackNotForTarget(stack.rawValue, context.options.target,
                                         Stack.allCases.filter { $0.targets.contains(context.options.target) }.map(\.rawValue))
            }
            for needed in stack.requires + [stack] where !wanted.contains(needed) { wanted.append(needed) }
        }
        var byPath: [String: GeneratedFile] = [:]
        // In declaration order, so a stack sees the files of the stacks it requires (EC2 ships them).
        for stack in Stack.allCases where wanted.contains(stack) {
            for file in try generate(stack, context, generated: byPath.values.sorted { $0.path < $1.path }) {
                if let existing = byPath[file.path], existing != file { throw .conflict(file.path) }
                byPath[file.path] = file
            }
        }
        return byPath.keys.sorted().map { byPath[$0]! }
    }

    static func generate(_ stack: Stack, _ context: GenerationContext, generated: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        switch stack {
        case .env: EnvGenerator.files(context)
        case .trackingServer: TrackingServerGenerator.files(context)
        case .local: LocalSetupGenerator.files(context)
        case .devcontainer: DevcontainerGenerator.files(context)
        case .ec2: try EC2Generator.files(context, generated: generated)
        case .ci: CIGenerator.files(context)
        case .fleet: FleetWorkflowGenerator.files(context)
        case .kubernetes: try KubernetesGenerator.files(context)
        }
    }

    /// The stacks for `all`: every stack that fits the target.
    public static func stacks(for target: Target) -> [Stack] {
        Stack.allCases.filter { $0.targets.contains(target) }
    }
}
