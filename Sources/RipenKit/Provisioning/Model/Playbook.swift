/// Ordered setup steps for one target (`playbooks/NAME.yaml`), rendered as a bash script, as cloud-init
/// and as a devcontainer post-create script, and executed by `ripen bootstrap`: what execution needs
/// (guards, root, verification) lives here, not in a renderer.
public struct Playbook: Sendable, Decodable, Equatable {
    /// A choice made when generating (`--set conda=anaconda`), with its allowed values.
    public struct Option: Sendable, Decodable, Equatable {
        public var `default`: String
        public var choices: [String]
    }

    /// A shell variable the steps use; a user can override it from the environment.
    public struct Variable: Sendable, Decodable, Equatable {
        public var name: String
        public var value: String
        public var description: String?
        public var when: [String: String]?
    }

    public struct Download: Sendable, Decodable, Equatable {
        public var url: String
        public var sha256: String

        /// The file name the download is saved under.
        public var fileName: String { String(url.split(separator: "/").last ?? "download") }
    }

    public struct Step: Sendable, Decodable, Equatable {
        public var name: String
        public var run: String
        /// Skip when this path exists.
        public var creates: String?
        /// Skip when this command succeeds.
        public var unless: String?
        public var root: Bool
        /// Checked after the step ran; a failing verification stops the setup.
        public var verify: String?
        /// Fetched and checked against its sha256 before `run`, which finds it at `$DOWNLOAD`.
        public var download: Download?
        /// Only when the generation options match (e.g. `{conda: anaconda}`).
        public var when: [String: String]?

        private enum CodingKeys: String, CodingKey { case name, run, creates, unless, root, verify, download, when }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            run = try container.decode(String.self, forKey: .run)
            creates = try container.decodeIfPresent(String.self, forKey: .creates)
            unless = try container.decodeIfPresent(String.self, forKey: .unless)
            root = try container.decodeIfPresent(Bool.self, forKey: .root) ?? false
            verify = try container.decodeIfPresent(String.self, forKey: .verify)
            download = try container.decodeIfPresent(Download.self, forKey: .download)
            when = try container.decodeIfPresent([String: String].self, forKey: .when)
            // Without a guard a second run would repeat the step: every step must say when it is done.
            guard creates != nil || unless != nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "step '\(name)' has no guard: give `creates: PATH` or `unless: COMMAND`"))
            }
            if let download, download.sha256.range(of: "^[0-9a-f]{64}$", options: .regularExpression) == nil {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey("download"), AnyKey("sha256")],
                    debugDescription: "'\(download.sha256)' is not a sha256 (64 lower-case hex digits)"))
            }
            if let download, !download.url.hasPrefix("https://") {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey("download"), AnyKey("url")],
                    debugDescription: "downloads must use https://"))
            }
        }
    }

    public var name: String
    public var target: Target
    public var description: String
    public var options: [String: Option]
    public var variables: [Variable]
    public var steps: [Step]
    /// The tracking server's shape on a cluster (the kubernetes target, which has no shell steps).
    public var workload: Workload?
    /// checkov checks that do not apply to what this playbook generates, each with its reason (written to
    /// the generated `.checkov.yaml`); every other check must pass.
    public var acceptedChecks: [AcceptedCheck]
    public var file: String = ""

    private enum CodingKeys: String, CodingKey { case name, target, description, options, variables, steps, workload, acceptedChecks }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let targetName = try container.decode(String.self, forKey: .target)
        guard let target = Target(rawValue: targetName) else {
            throw DecodingError.dataCorruptedError(forKey: .target, in: container,
                debugDescription: "unknown target '\(targetName)' (expected one of: \(Target.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.target = target
        description = try container.decode(String.self, forKey: .description)
        options = try container.decodeIfPresent([String: Option].self, forKey: .options) ?? [:]
        variables = try container.decodeIfPresent([Variable].self, forKey: .variables) ?? []
        steps = try container.decodeIfPresent([Step].self, forKey: .steps) ?? []
        workload = try container.decodeIfPresent(Workload.self, forKey: .workload)
        acceptedChecks = try container.decodeIfPresent([AcceptedCheck].self, forKey: .acceptedChecks) ?? []
        if target == .kubernetes, workload == nil {
            throw DecodingError.dataCorruptedError(forKey: .workload, in: container,
                debugDescription: "a kubernetes playbook needs `workload` (namespace, image, replicas, resources)")
        }
        for (key, option) in options where !option.choices.contains(option.default) {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [AnyKey("options"), AnyKey(key)],
                debugDescription: "default '\(option.default)' is not one of the choices"))
        }
    }

    /// The option values in force: the defaults, overridden by `settings`.
    public func resolve(_ settings: [String: String]) throws(GenerationError) -> [String: String] {
        var values = options.mapValues(\.default)
        for (key, value) in settings {
            guard let option = options[key] else {
                throw .invalidOption("playbook '\(name)' has no option '\(key)' (options: \(options.keys.sorted().joined(separator: ", ")))")
            }
            guard option.choices.contains(value) else {
                throw .invalidOption("\(key)=\(value): expected one of \(option.choices.joined(separator: ", "))")
            }
            values[key] = value
        }
        return values
    }

    static func applies(_ when: [String: String]?, _ values: [String: String]) -> Bool {
        (when ?? [:]).allSatisfy { values[$0.key] == $0.value }
    }

    /// The accepted checkov checks that apply with these option values.
    public func accepted(_ values: [String: String]) -> [AcceptedCheck] {
        acceptedChecks.filter { Self.applies($0.when, values) }
    }

    /// The steps and variables that apply with these option values.
    public func selected(_ values: [String: String]) -> (variables: [Variable], steps: [Step]) {
        (variables.filter { Self.applies($0.when, values) }, steps.filter { Self.applies($0.when, values) })
    }
}

/// A scanner's check that does not apply, and why (`acceptedChecks:` in a playbook).
public struct AcceptedCheck: Sendable, Decodable, Equatable {
    public var id: String
    public var why: String
    /// Only when the generation options match (e.g. `{backend: rds}`).
    public var when: [String: String]?
}

/// Where a setup runs.
public enum Target: String, Sendable, CaseIterable, Codable {
    case local, codespaces, ec2
    /// A cluster the platform team runs: manifests, no shell steps.
    case kubernetes
    /// Where ripen itself runs for an organisation (the fleet workflow); nothing is set up on a machine.
    case githubActions = "github-actions"
}
