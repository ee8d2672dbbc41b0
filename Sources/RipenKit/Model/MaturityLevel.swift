/// A rung of Microsoft's five-level MLOps maturity model.
public struct LevelDefinition: Sendable, Decodable, Equatable {
    /// 0 to 4.
    public var level: Int
    public var name: String
    /// What the level means, from the model's "highlights" column.
    public var summary: String?
    /// The capabilities that gate the level; any other capability of the level is recommended.
    public var requires: [Requirement]

    public init(level: Int, name: String, summary: String? = nil, requires: [Requirement]) {
        self.level = level
        self.name = name
        self.summary = summary
        self.requires = requires
    }

    /// Every capability named by the requirements.
    public var requiredCapabilities: [String] { requires.flatMap(\.capabilities) }
}

/// A capability the level needs, or a choice among capabilities (`anyOf`).
public enum Requirement: Sendable, Decodable, Equatable {
    case capability(String)
    case anyOf([String])

    public var capabilities: [String] {
        switch self {
        case let .capability(id): [id]
        case let .anyOf(ids): ids
        }
    }

    private enum CodingKeys: String, CodingKey { case anyOf }

    public init(from decoder: any Decoder) throws {
        if let node = (decoder as? any YAMLNodeDecoding)?.node, case .mapping = node {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self = .anyOf(try container.decode([String].self, forKey: .anyOf))
        } else {
            self = .capability(try decoder.singleValueContainer().decode(String.self))
        }
    }
}

/// What a check evidences: a capability of one level (e.g. `ci`, `experiment-tracking`).
public struct Capability: Sendable, Decodable, Equatable {
    public var id: String
    public var level: Int
    public var title: String
    /// Weight in the progress toward this level; required capabilities default to 2, others to 1.
    public var weight: Double?
    /// Capabilities to put in place first (a tracking server before registry promotion): a plan's order.
    public var after: [String]?
    /// How its checks combine: `any` (the default: one tool or CI system suffices) or `all` (warning
    /// signs: every one must be absent).
    public var holds: Combination?

    public enum Combination: String, Sendable, Decodable, Equatable {
        case any, all
    }

    public init(id: String, level: Int, title: String, weight: Double? = nil, after: [String]? = nil,
                holds: Combination? = nil) {
        self.id = id
        self.level = level
        self.title = title
        self.weight = weight
        self.after = after
        self.holds = holds
    }
}
