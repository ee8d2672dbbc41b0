import Foundation

/// SARIF 2.1.0 for code scanning: one rule per check, and a result for every gap and every step toward the
/// next level, located at its evidence or at the file its `ripen generate` remedy would create.
public enum SARIFReporter: Reporter {
    public static let identifier = "sarif"

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var properties: [String: PropertyValue]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name = "ripen"
        var version: String
        var rules: [Rule]
    }

    struct Message: Encodable {
        var text: String
        var markdown: String?
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: [String: PropertyValue]
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]?
        var properties: [String: PropertyValue]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
    }

    /// SARIF property bags hold any JSON; ripen puts strings, integers, numbers and flags in them.
    enum PropertyValue: Encodable {
        case string(String), int(Int), double(Double), bool(Bool), strings([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .string(value): try container.encode(value)
            case let .int(value): try container.encode(value)
            case let .double(value): try container.encode(value)
            case let .bool(value): try container.encode(value)
            case let .strings(value): try container.encode(value)
            }
        }
    }

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        let rules = result.checks.map { check -> Rule in
            let remedy = check.check.remedy.summary
            let command = check.check.remedy.command.map { " Run `\($0)`." } ?? ""
            let why = check.check.why.trimmingCharacters(in: .whitespacesAndNewlines)
            return Rule(
                id: check.check.id, name: ruleName(check.check.id),
                shortDescription: Message(text: check.check.title),
                fullDescription: Message(text: why),
                help: Message(text: "\(why) Fix: \(remedy)\(command)",
                              markdown: "**Why:** \(MarkdownText.text(why))\n\n**Fix:** \(MarkdownText.text(remedy))"
                                  + (check.check.remedy.command.map { " Run \(MarkdownText.code($0))." } ?? "")),
                defaultConfiguration: Configuration(level: check.required ? "warning" : "note"),
                properties: ["level": .int(check.check.level), "capability": .string(check.check.capability),
                             "required": .bool(check.required), "tags": .strings(["mlops", "maturity", "level-\(check.check.level)"])])
        }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        func entry(_ step: NextStep, kind: String) -> Result? {
            guard let ruleIndex = index[step.checkID] else { return nil }
            let check = result.checks[ruleIndex]
            let what = kind == "gap"
                ? "Gap at level \(step.level) (reached level \(result.level)): \(step.title)."
                : "Toward level \(result.level + 1)\(step.required ? " (required)" : ""): \(step.title)."
            let fix = step.remedy.command.map { " Run `\($0)`." } ?? ""
            return Result(ruleId: step.checkID, ruleIndex: ruleIndex, level: step.required ? "warning" : "note",
                          message: Message(text: "\(what) \(step.remedy.summary)\(fix)"),
                          locations: location(check, step),
                          properties: ["kind": .string(kind), "capability": .string(step.capability),
                                       "level": .int(step.level)])
        }
        let results = result.gaps.compactMap { entry($0, kind: "gap") } + result.nextSteps.compactMap { entry($0, kind: "next-step") }
        var properties: [String: PropertyValue] = [
            "level": .int(result.level), "levelName": .string(result.levelName), "score": .double(result.score),
            "checklistsSHA256": .string(result.checklistsSHA256)]
        if !result.liveSystems.isEmpty { properties["liveSystems"] = .strings(result.liveSystems) }
        if let trend = result.trend {
            properties["baselineLevel"] = .int(trend.baselineLevel)
            properties["improved"] = .strings(trend.improved.map { "\($0.kind.rawValue):\($0.id)" })
            properties["regressed"] = .strings(trend.regressed.map { "\($0.kind.rawValue):\($0.id)" })
        }
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(version: style.toolVersion, rules: rules)),
            results: results,
            properties: properties)])
        return ReportEncoding.json(log)
    }

    /// `ci-github-actions` → `CiGithubActions`.
    static func ruleName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A path of the repository as a relative URI reference: percent-encoded (space, `#`, `?`, `%`), and
    /// with `:` encoded too, so a folder named `file:` can never read as a scheme.
    static func relativeURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// Where a result shows in code scanning: the check's own evidence, else the file the remedy generates.
    static func location(_ check: CheckResult, _ step: NextStep) -> [Location]? {
        if let evidence = check.evidence.first(where: { $0.path != nil }), let path = evidence.path {
            return [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: relativeURI(path)),
                                                                // A notebook line counts within its cell, not the file.
                                                                region: evidence.cell == nil ? evidence.line.map { Region(startLine: $0) } : nil))]
        }
        guard let command = step.remedy.command, let stack = Stack(command: command) else { return nil }
        return [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: relativeURI(stack.primaryFile)),
                                                            region: nil))]
    }
}
