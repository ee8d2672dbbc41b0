import Yams

/// What a check looks for. Exactly one kind per signal; `any`, `all` and `not` combine them.
public indirect enum Signal: Sendable, Equatable {
    case files(FilesSignal)
    case content(ContentSignal)
    case yaml(YAMLSignal)
    case probe(ProbeSignal)
    case answer(AnswerSignal)
    case pipeline(PipelineSignal)
    case any([Signal])
    case all([Signal])
    case not(Signal)

    static let kinds = ["files", "content", "yaml", "probe", "answer", "pipeline", "any", "all", "not"]

    /// Every leaf signal, depth first.
    public var leaves: [Signal] {
        switch self {
        case let .any(signals), let .all(signals): signals.flatMap(\.leaves)
        case let .not(signal): signal.leaves
        default: [self]
        }
    }
}

extension Signal: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let keys = container.allKeys.map(\.stringValue)
        for key in keys where !Self.kinds.contains(key) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [UnknownKey(key)],
                debugDescription: "unknown signal kind '\(key)' (expected one of: \(Self.kinds.joined(separator: ", ")))"))
        }
        guard keys.count == 1, let kind = keys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: keys.isEmpty
                    ? "a signal needs one kind (\(Self.kinds.joined(separator: ", ")))"
                    : "a signal has exactly one kind, found \(keys.sorted().joined(separator: ", ")); combine them with 'all' or 'any'"))
        }
        let key = AnyKey(kind)
        switch kind {
        case "files": self = .files(try container.decode(FilesSignal.self, forKey: key))
        case "content": self = .content(try container.decode(ContentSignal.self, forKey: key))
        case "yaml": self = .yaml(try container.decode(YAMLSignal.self, forKey: key))
        case "probe": self = .probe(try container.decode(ProbeSignal.self, forKey: key))
        case "answer": self = .answer(try container.decode(AnswerSignal.self, forKey: key))
        case "pipeline": self = .pipeline(try container.decode(PipelineSignal.self, forKey: key))
        case "any", "all":
            let signals = try container.decode([Signal].self, forKey: key)
            guard !signals.isEmpty else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                                                        debugDescription: "'\(kind)' needs at least one signal"))
            }
            self = kind == "any" ? .any(signals) : .all(signals)
        default: self = .not(try container.decode(Signal.self, forKey: key))
        }
    }
}

/// Decodes a list of globs, pointing at the bad one when a glob does not parse.
struct GlobList: Decodable {
    var globs: [Glob]

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var globs: [Glob] = []
        while !container.isAtEnd {
            let path = decoder.codingPath + [IndexKey(container.currentIndex)]
            let text = try container.decode(String.self)
            do {
                globs.append(try Glob(text))
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "invalid glob '\(text)': \(error)"))
            }
            if text.hasPrefix("/") || text.split(separator: "/").contains("..") {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: path, debugDescription: "glob '\(text)' must be relative to the repository root"))
            }
        }
        guard !globs.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected at least one glob"))
        }
        self.globs = globs
    }
}

/// Passes when some file of the repository matches one of the globs.
/// Written as a list of globs, or as `{paths: [...], exclude: [...]}`.
public struct FilesSignal: Sendable, Equatable, Decodable {
    public var paths: [Glob]
    public var exclude: [Glob]

    private enum CodingKeys: String, CodingKey { case paths, exclude }

    public init(paths: [Glob], exclude: [Glob] = []) {
        self.paths = paths
        self.exclude = exclude
    }

    public init(from decoder: any Decoder) throws {
        if let node = (decoder as? any YAMLNodeDecoding)?.node, case .sequence = node {
            self.init(paths: try GlobList(from: decoder).globs)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(paths: try container.decode(GlobList.self, forKey: .paths).globs,
                  exclude: try container.decodeIfPresent(GlobList.self, forKey: .exclude)?.globs ?? [])
    }
}

/// Passes when a line of a file selected by `paths` matches `pattern`; or, with `patterns`, when every
/// pattern matches a line within one scope: the whole file (a notebook: all its code cells), one notebook
/// cell (`within: cell`), or one YAML node that a key path selects (`within: {yaml: jobs.*}`: one CI job).
/// Patterns match within one line, as grep's do; each pattern's first line in the scope is evidence.
///
/// Comment lines (`#` or `//` first) are skipped unless `comments: true`: commented-out code is not a capability.
public struct ContentSignal: Sendable, Equatable, Decodable {
    public var paths: [Glob]
    public var exclude: [Glob]
    /// One or more; all must match within one scope.
    public var patterns: [LinePattern]
    public var within: Scope
    public var comments: Bool

    /// Where several patterns must meet.
    public enum Scope: Sendable, Equatable, CustomStringConvertible {
        case file
        case cell
        /// Each node the key path selects, from its first line to its last.
        case yaml(YAMLSignal.KeyPath)

        public var description: String {
            switch self {
            case .file: "file"
            case .cell: "notebook cell"
            case let .yaml(key): "YAML node '\(key)'"
            }
        }
    }

    /// The single pattern of a one-pattern signal, or the first.
    public var pattern: LinePattern { patterns[0] }

    private enum CodingKeys: String, CodingKey { case paths, exclude, pattern, patterns, within, comments }
    private enum ScopeKeys: String, CodingKey { case yaml }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paths = try container.decode(GlobList.self, forKey: .paths).globs
        exclude = try container.decodeIfPresent(GlobList.self, forKey: .exclude)?.globs ?? []
        let one = try container.decodeIfPresent(LinePattern.self, forKey: .pattern)
        let many = try container.decodeIfPresent([LinePattern].self, forKey: .patterns)
        switch (one, many) {
        case let (one?, nil): patterns = [one]
        case let (nil, many?) where !many.isEmpty: patterns = many
        case (nil, _):
            throw DecodingError.keyNotFound(CodingKeys.pattern, .init(
                codingPath: decoder.codingPath, debugDescription: "a content signal needs 'pattern' or a non-empty 'patterns'"))
        case (_?, _?):
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [CodingKeys.patterns],
                debugDescription: "give 'pattern' or 'patterns', not both"))
        }
        if !container.contains(.within) {
            within = .file
        } else if let text = try? container.decode(String.self, forKey: .within) {
            switch text {
            case "file": within = .file
            case "cell": within = .cell
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [CodingKeys.within],
                    debugDescription: "unknown scope '\(text)' (expected file, cell or {yaml: KEY.PATH})"))
            }
        } else {
            let scope = try container.nestedContainer(keyedBy: ScopeKeys.self, forKey: .within)
            within = .yaml(try scope.decode(YAMLSignal.KeyPath.self, forKey: .yaml))
        }
        comments = try container.decodeIfPresent(Bool.self, forKey: .comments) ?? false
    }
}

/// Passes when a key path holds in a YAML file selected by `paths`, and, with `pattern`,
/// when a value (a scalar's lines, a sequence's items or a mapping's keys) there matches it.
public struct YAMLSignal: Sendable, Equatable, Decodable {
    public var paths: [Glob]
    public var exclude: [Glob]
    public var key: KeyPath
    public var pattern: LinePattern?

    private enum CodingKeys: String, CodingKey { case paths, exclude, key, pattern }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paths = try container.decode(GlobList.self, forKey: .paths).globs
        exclude = try container.decodeIfPresent(GlobList.self, forKey: .exclude)?.globs ?? []
        key = try container.decode(KeyPath.self, forKey: .key)
        pattern = try container.decodeIfPresent(LinePattern.self, forKey: .pattern)
    }

    /// `jobs.*.steps.*.run`: `*` is any one key or item, `**` any depth (including none).
    public struct KeyPath: Sendable, Equatable, Decodable, CustomStringConvertible {
        public var segments: [String]
        public var description: String { segments.joined(separator: ".") }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !segments.contains(where: \.isEmpty) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "empty segment in key path '\(text)'"))
            }
        }
    }
}

/// A live infrastructure probe; run by the probes, not-assessed until then.
public struct ProbeSignal: Sendable, Equatable, Decodable {
    public var probe: ProbeKind

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let probe = ProbeKind(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown probe '\(text)' (expected one of: \(ProbeKind.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        self.probe = probe
    }
}

/// The live probes ripen knows; ids are stable (reports and CI gates use them).
public enum ProbeKind: String, Sendable, CaseIterable, Equatable {
    case mlflowServerReachable = "mlflow-server-reachable"
    case mlflowExperimentsHaveRuns = "mlflow-experiments-have-runs"
    case mlflowRunsTraceable = "mlflow-runs-traceable"
    case mlflowRegisteredModels = "mlflow-registered-models"
    case mlflowModelPromoted = "mlflow-model-promoted"
    case prometheusTargetsUp = "prometheus-targets-up"
    case dockerDaemon = "docker-daemon"
    case condaAvailable = "conda-available"

    /// The flag that makes the probe run.
    public var enablingFlag: String {
        switch self {
        case .prometheusTargetsUp: "--prometheus-url URL"
        case .dockerDaemon, .condaAvailable: "--infra"
        default: "--tracking-uri URL (or MLFLOW_TRACKING_URI)"
        }
    }
}

/// A people-and-process question, answered in an answers file; attested, never observed.
public struct AnswerSignal: Sendable, Equatable, Decodable {
    /// Key in the answers file.
    public var id: String
    public var question: String
}
