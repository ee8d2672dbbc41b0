/// Passes when a job of a CI/CD pipeline, started by one of `trigger`, does one of `runs` (command
/// classes from the checklists' `commands:`), directly or through the files its steps run.
///
/// `trigger: automatic` (the default) is any trigger that needs no person: push, pull request, schedule,
/// tag or release, another pipeline, an event, or a dispatch that code in the repository makes.
public struct PipelineSignal: Sendable, Equatable, Decodable {
    public var runs: [String]
    public var triggers: Set<Trigger>
    public var systems: Set<CISystem>?
    /// When set, the job must be dispatched by code in the repository whose file has a line matching
    /// each pattern (monitoring code that starts the pipeline), or listen to a repository event whose
    /// type matches them: the chain monitoring → condition → trigger → pipeline.
    public var dispatchedBy: [LinePattern]?
    /// When set, a line of the job's own definition (its `if:`, `when:` or a shell `if`) must match one
    /// of these: the job acts only when, say, drift was found.
    public var condition: [LinePattern]?

    private enum CodingKeys: String, CodingKey { case runs, trigger, systems, condition, dispatchedBy = "dispatched-by" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runs = try container.decode([String].self, forKey: .runs)
        guard !runs.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.runs],
                                                    debugDescription: "'runs' needs at least one command class"))
        }
        var names: [String] = []
        if let one = try? container.decode(String.self, forKey: .trigger) {
            names = [one]
        } else {
            names = try container.decodeIfPresent([String].self, forKey: .trigger) ?? ["automatic"]
        }
        var triggers: Set<Trigger> = []
        for name in names {
            if name == "automatic" {
                triggers.formUnion(Trigger.allCases.filter(\.isAutomatic))
            } else if let trigger = Trigger(rawValue: name) {
                triggers.insert(trigger)
            } else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [CodingKeys.trigger],
                    debugDescription: "unknown trigger '\(name)' (expected automatic or one of: \(Trigger.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
        }
        self.triggers = triggers
        dispatchedBy = try container.decodeIfPresent([LinePattern].self, forKey: .dispatchedBy)
        if let one = try? container.decode(LinePattern.self, forKey: .condition) {
            condition = [one]
        } else {
            condition = try container.decodeIfPresent([LinePattern].self, forKey: .condition)
        }
        if let list = try container.decodeIfPresent([String].self, forKey: .systems) {
            var systems: Set<CISystem> = []
            for name in list {
                guard let system = CISystem(rawValue: name) else {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: decoder.codingPath + [CodingKeys.systems],
                        debugDescription: "unknown CI system '\(name)' (expected one of: \(CISystem.allCases.map(\.rawValue).joined(separator: ", ")))"))
                }
                systems.insert(system)
            }
            self.systems = systems
        }
    }

    /// `test or lint on push, pull-request, …`, for explanations.
    public var summary: String {
        let when = triggers == Set(Trigger.allCases.filter(\.isAutomatic))
            ? "an automatic trigger" : triggers.sorted().map(\.rawValue).joined(separator: ", ")
        let within = systems.map { " in " + $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? ""
        let by = dispatchedBy == nil ? "" : ", dispatched by code that monitors"
        let only = condition.map { " only when /\($0.map(\.source).joined(separator: "/ or /"))/" } ?? ""
        return "a pipeline job\(within) that runs \(runs.joined(separator: " or "))\(only) on \(when)\(by)"
    }
}
