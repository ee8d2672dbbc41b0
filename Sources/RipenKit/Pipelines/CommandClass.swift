/// A kind of work a pipeline step does (test, lint, build, train, deploy…), as data: the shapes of
/// commands, actions and calls that do it. Checks ask the pipeline model which classes a job runs.
public struct CommandClass: Sendable, Equatable, Decodable {
    public var id: String
    public var title: String
    /// A simple shell command run by the pipeline's own runner.
    public var command: [LinePattern]
    /// A command run on the team's own host: a self-hosted runner or Jenkins agent, or over SSH.
    public var hosted: [LinePattern]
    /// An action, orb command, task or builder image.
    public var uses: [LinePattern]
    /// A line of Python code the step runs, comments and string literals removed.
    public var code: [LinePattern]
    public var examples: CommandExamples?
    public var location = SourceLocation(file: "", line: 1, column: 1)

    private enum CodingKeys: String, CodingKey { case id, title, command, hosted, uses, code, examples }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        command = try container.decodeIfPresent([LinePattern].self, forKey: .command) ?? []
        hosted = try container.decodeIfPresent([LinePattern].self, forKey: .hosted) ?? []
        uses = try container.decodeIfPresent([LinePattern].self, forKey: .uses) ?? []
        code = try container.decodeIfPresent([LinePattern].self, forKey: .code) ?? []
        examples = try container.decodeIfPresent(CommandExamples.self, forKey: .examples)
    }

    public static func == (lhs: CommandClass, rhs: CommandClass) -> Bool { lhs.id == rhs.id && lhs.location == rhs.location }
}

/// Pipeline steps a class must recognise (`match`) and must not (`miss`): each is a step's script,
/// or `uses: ACTION`, or `code: LINE`, run by `ripen validate` and the test suite.
public struct CommandExamples: Sendable, Equatable, Decodable {
    public var match: [String]
    public var miss: [String]

    private enum CodingKeys: String, CodingKey { case match, miss }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        match = try container.decodeIfPresent([String].self, forKey: .match) ?? []
        miss = try container.decodeIfPresent([String].self, forKey: .miss) ?? []
    }
}
