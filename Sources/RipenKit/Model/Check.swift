/// One maturity check, as written in `checklists/*.yaml`.
public struct Check: Sendable, Decodable, Equatable {
    /// Stable kebab-case id, used in reports, `.ripen.yaml` and CI gates.
    public var id: String
    public var level: Int
    public var capability: String
    public var title: String
    /// Why the check matters, for the report and `ripen explain`.
    public var why: String
    public var remedy: Remedy
    public var signal: Signal
    /// Weight among the checks of its capability (default 1).
    public var weight: Double?
    public var examples: Examples?
    /// Where the check was defined; set by the loader.
    public var location: SourceLocation = .unknown

    private enum CodingKeys: String, CodingKey {
        case id, level, capability, title, why, remedy, signal, weight, examples
    }

    public init(id: String, level: Int, capability: String, title: String, why: String, remedy: Remedy,
                signal: Signal, weight: Double? = nil, examples: Examples? = nil) {
        self.id = id
        self.level = level
        self.capability = capability
        self.title = title
        self.why = why
        self.remedy = remedy
        self.signal = signal
        self.weight = weight
        self.examples = examples
    }
}

/// How to fix a failing check: prose, and the `ripen generate` command where one exists.
public struct Remedy: Sendable, Decodable, Equatable {
    public var text: String
    public var command: String?

    /// The text as reports print it (YAML block scalars end in a newline).
    public var summary: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    public init(text: String, command: String? = nil) {
        self.text = text
        self.command = command
    }
}

/// Small file trees on which the check must pass or fail; they run as tests and in `ripen validate`.
public struct Examples: Sendable, Decodable, Equatable {
    public var pass: [Example]
    public var fail: [Example]

    public init(pass: [Example], fail: [Example]) {
        self.pass = pass
        self.fail = fail
    }
}

/// One example repository: relative path to file text, and what live probes and attested answers
/// say for it (probe checks cannot be shown with files alone; the probes themselves are tested
/// against real servers).
public struct Example: Sendable, Decodable, Equatable {
    public var files: [String: String]
    public var probes: [String: Bool]
    public var answers: [String: Bool]

    public init(files: [String: String], probes: [String: Bool] = [:], answers: [String: Bool] = [:]) {
        self.files = files
        self.probes = probes
        self.answers = answers
    }

    private enum CodingKeys: String, CodingKey { case files, probes, answers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decodeIfPresent([String: String].self, forKey: .files) ?? [:]
        probes = try container.decodeIfPresent([String: Bool].self, forKey: .probes) ?? [:]
        answers = try container.decodeIfPresent([String: Bool].self, forKey: .answers) ?? [:]
        for key in probes.keys.sorted() where ProbeKind(rawValue: key) == nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.probes, UnknownKey(key)],
                                                    debugDescription: "unknown probe '\(key)'"))
        }
    }

    /// The probe outcomes an example declares.
    var probeOutcomes: [ProbeKind: SignalOutcome] {
        Dictionary(uniqueKeysWithValues: probes.compactMap { key, passes in
            ProbeKind(rawValue: key).map {
                ($0, passes ? .probePass([Evidence(text: "example: probe passes", source: .probe)]) : .probeFail("example: probe fails"))
            }
        })
    }
}

/// A file, line and column in a spec, for messages about what a spec says.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public static let unknown = SourceLocation(file: "<built-in>", line: 1, column: 1)

    public var description: String { "\(file):\(line):\(column)" }
}
