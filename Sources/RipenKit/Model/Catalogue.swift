import Foundation

/// The merged checks, capabilities and level definitions an audit runs with.
///
/// Later sources override earlier ones by id (checks, capabilities) or by number (levels), so a
/// platform team's directory can replace a built-in check without touching the rest.
public struct Catalogue: Sendable {
    public private(set) var levels: [LevelDefinition]
    public private(set) var capabilities: [Capability]
    public private(set) var checks: [Check]
    /// What pipeline steps do, by id: test, lint, build, train, deploy…
    public private(set) var commandClasses: [CommandClass]
    /// Which files are data (fixtures, golden files, specifications' examples), by id.
    public private(set) var roles: [FileRole]
    /// SHA-256 over the hashes of every checklist file merged, in order: which rules a report was made with.
    public let sha256: String
    /// What the audited repository's own checklists (named by its `.ripen.yaml`) brought: the ids of
    /// the checks they add, and of what they redefine when the person running ripen allowed it.
    public private(set) var fromRepository: [String] = []

    /// Merges sources in order. Each source is one set of checklists (the built-ins, or one directory);
    /// an id defined twice within the same source is an error, across sources an override.
    public init(sources: [[Checklist]]) throws(SpecErrors) {
        var levels: [Int: LevelDefinition] = [:]
        // Capabilities keep the order they were declared in (the ladder reads top to bottom).
        var capabilities: [Capability] = []
        var checks: [Check] = []
        var commandClasses: [CommandClass] = []
        var roles: [FileRole] = []
        var issues: [SpecIssue] = []
        sha256 = SHA256.hex(sources.flatMap { $0.map(\.sha256) }.joined(separator: "\n"))
        for source in sources {
            var seen: [String: SourceLocation] = [:]
            for checklist in source {
                for level in checklist.levels { levels[level.level] = level }
                for capability in checklist.capabilities {
                    if let index = capabilities.firstIndex(where: { $0.id == capability.id }) {
                        capabilities[index] = capability
                    } else {
                        capabilities.append(capability)
                    }
                }
                for role in checklist.roles {
                    if let index = roles.firstIndex(where: { $0.id == role.id }) { roles[index] = role } else { roles.append(role) }
                }
                for kind in checklist.commandClasses {
                    if let index = commandClasses.firstIndex(where: { $0.id == kind.id }) {
                        commandClasses[index] = kind
                    } else {
                        commandClasses.append(kind)
                    }
                }
                for check in checklist.checks {
                    if let first = seen[check.id] {
                        issues.append(check.location.issue("duplicate check id '\(check.id)' (first defined at \(first))"))
                    }
                    seen[check.id] = check.location
                    if let index = checks.firstIndex(where: { $0.id == check.id }) {
                        checks[index] = check
                    } else {
                        checks.append(check)
                    }
                }
            }
        }
        self.commandClasses = commandClasses
        self.roles = roles
        self.levels = levels.values.sorted { $0.level < $1.level }
        self.capabilities = capabilities.enumerated()
            .sorted { ($0.element.level, $0.offset) < ($1.element.level, $1.offset) }.map(\.element)
        // Checks follow their capability's place on the ladder, then the order they were written in.
        let rank = Dictionary(uniqueKeysWithValues: self.capabilities.enumerated().map { ($0.element.id, $0.offset) })
        self.checks = checks.enumerated().sorted {
            ($0.element.level, rank[$0.element.capability] ?? Int.max, $0.offset)
                < ($1.element.level, rank[$1.element.capability] ?? Int.max, $1.offset)
        }.map(\.element)
        issues += validate()
        guard issues.isEmpty else { throw SpecErrors(issues) }
    }

    /// The built-in catalogue plus the given directories, in order.
    /// - Parameters:
    ///   - repository: when set, `repositoryDirectories` (named by the audited repository's
    ///     `.ripen.yaml`) must resolve inside it; they load before `extraDirectories`, which override them.
    ///   - trustRepository: let the repository's checklists redefine levels, capabilities, command classes
    ///     and roles, and override checks. Off by default: a repository must not set the bar it is measured
    ///     against; it may add checks (and mark checks not applicable in `.ripen.yaml`, with a reason).
    public static func load(extraDirectories: [URL] = [], repositoryDirectories: [URL] = [],
                            repository: URL? = nil, trustRepository: Bool = false) throws(SpecErrors) -> Catalogue {
        let builtIn = try ChecklistLoader.builtIn()
        var sources = [builtIn]
        var issues: [SpecIssue] = []
        var added: [String] = []
        for directory in repositoryDirectories {
            do {
                let source = try ChecklistLoader.load(directory: directory, displayPrefix: directory.relativePath,
                                                      confinedTo: repository)
                if !trustRepository { issues += redefinitions(in: source, of: builtIn) }
                added += source.flatMap(\.checks).map(\.id)
                if trustRepository {
                    added += source.flatMap(\.levels).map { "level \($0.level)" }
                        + source.flatMap(\.capabilities).map { "capability \($0.id)" }
                        + source.flatMap(\.commandClasses).map { "command class \($0.id)" }
                        + source.flatMap(\.roles).map { "role \($0.id)" }
                }
                sources.append(source)
            } catch {
                issues += error.issues
            }
        }
        for directory in extraDirectories {
            do {
                sources.append(try ChecklistLoader.load(directory: directory, displayPrefix: directory.relativePath))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        var catalogue = try Catalogue(sources: sources)
        catalogue.fromRepository = added
        return catalogue
    }

    /// What a repository's own checklists may not do unless trusted: redefine the ladder or what the
    /// built-in checks, command classes and roles mean.
    static func redefinitions(in source: [Checklist], of builtIn: [Checklist]) -> [SpecIssue] {
        let hint = "a repository's own checklists may add checks, not change the rules it is scored by"
            + " (the person running ripen can allow it with --trust-repository-checklists)"
        let checks = Set(builtIn.flatMap(\.checks).map(\.id))
        let capabilities = Set(builtIn.flatMap(\.capabilities).map(\.id))
        let classes = Set(builtIn.flatMap(\.commandClasses).map(\.id))
        let roles = Set(builtIn.flatMap(\.roles).map(\.id))
        var issues: [SpecIssue] = []
        for checklist in source {
            if !checklist.levels.isEmpty {
                issues.append(SpecIssue(file: checklist.file, line: 1, column: 1, message: "'levels' redefines the maturity ladder: \(hint)"))
            }
            for capability in checklist.capabilities where capabilities.contains(capability.id) {
                issues.append(SpecIssue(file: checklist.file, line: 1, column: 1,
                                        message: "capability '\(capability.id)' redefines a built-in capability: \(hint)"))
            }
            for check in checklist.checks where checks.contains(check.id) {
                issues.append(check.location.issue("check '\(check.id)' overrides a built-in check: \(hint)"))
            }
            for kind in checklist.commandClasses where classes.contains(kind.id) {
                issues.append(kind.location.issue("command class '\(kind.id)' redefines a built-in class: \(hint)"))
            }
            for role in checklist.roles where roles.contains(role.id) {
                issues.append(role.location.issue("role '\(role.id)' redefines a built-in role: \(hint)"))
            }
        }
        return issues
    }

    public func capability(_ id: String) -> Capability? { capabilities.first { $0.id == id } }
    public func check(_ id: String) -> Check? { checks.first { $0.id == id } }
    public func level(_ number: Int) -> LevelDefinition? { levels.first { $0.level == number } }

    public func isRequired(capability id: String) -> Bool {
        levels.contains { $0.requiredCapabilities.contains(id) }
    }

    /// Keeps the checks `keep` accepts (for `.ripen.yaml`'s `disable` and `only`).
    public func filtered(_ keep: (Check) -> Bool) -> Catalogue {
        var copy = self
        copy.checks = checks.filter(keep)
        return copy
    }

    static let idPattern = try! NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")

    private func validate() -> [SpecIssue] {
        var issues: [SpecIssue] = []
        func isKebab(_ id: String) -> Bool {
            Self.idPattern.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil
        }
        for check in checks {
            if !isKebab(check.id) {
                issues.append(check.location.issue("check id '\(check.id)' must be kebab-case (a-z, 0-9, '-')"))
            }
            if !(0...4).contains(check.level) {
                issues.append(check.location.issue("check '\(check.id)': level must be 0 to 4, found \(check.level)"))
            }
            guard let capability = capability(check.capability) else {
                issues.append(check.location.issue("check '\(check.id)': unknown capability '\(check.capability)'"))
                continue
            }
            for leaf in check.signal.leaves {
                guard case let .pipeline(pipeline) = leaf else { continue }
                for id in pipeline.runs where !commandClasses.contains(where: { $0.id == id }) {
                    issues.append(check.location.issue(
                        "check '\(check.id)': unknown command class '\(id)' (defined: \(commandClasses.map(\.id).joined(separator: ", ")))"))
                }
            }
            if capability.level != check.level {
                issues.append(check.location.issue(
                    "check '\(check.id)': level \(check.level) differs from its capability '\(capability.id)' (level \(capability.level))"))
            }
        }
        for level in levels {
            for id in level.requiredCapabilities {
                guard let capability = capability(id) else {
                    issues.append(SpecIssue(file: "levels", line: 1, column: 1,
                                            message: "level \(level.level) requires unknown capability '\(id)'"))
                    continue
                }
                if capability.level != level.level {
                    issues.append(SpecIssue(file: "levels", line: 1, column: 1,
                                            message: "level \(level.level) requires '\(id)', a capability of level \(capability.level)"))
                }
            }
        }
        for capability in capabilities {
            // Ids reach every report, HTML attributes included: kebab-case only.
            if !isKebab(capability.id) {
                issues.append(SpecIssue(file: "capabilities", line: 1, column: 1,
                                        message: "capability id '\(capability.id)' must be kebab-case (a-z, 0-9, '-')"))
            }
            for id in capability.after ?? [] where self.capability(id) == nil {
                issues.append(SpecIssue(file: "capabilities", line: 1, column: 1,
                                        message: "capability '\(capability.id)' comes after unknown capability '\(id)'"))
            }
        }
        let defined = Set(levels.map(\.level))
        for number in 0...4 where !defined.contains(number) {
            issues.append(SpecIssue(file: "levels", line: 1, column: 1, message: "level \(number) is not defined"))
        }
        return issues
    }
}

extension SourceLocation {
    func issue(_ message: String) -> SpecIssue {
        SpecIssue(file: file, line: line, column: column, message: message)
    }
}
