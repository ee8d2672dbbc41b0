import Foundation

/// The machine-readable report; its schema is `docs/report.schema.json` (versioned by `schemaVersion`).
///
/// Keys are sorted and arrays follow the catalogue's order, so the same inputs give the same bytes.
public enum JSONReporter: Reporter {
    public static let identifier = "json"
    public static let schemaVersion = 1

    struct Document: Encodable {
        var schemaVersion: Int
        var tool: Tool
        var checklistsSHA256: String
        var repository: RepositoryInfo
        var level: Int
        var levelName: String
        var score: Double
        var levels: [Level]
        var capabilities: [CapabilityEntry]
        var checks: [CheckEntry]
        var gaps: [Step]
        var nextSteps: [Step]
        var scan: ScanSummary
        var trend: TrendEntry?
        /// Present only when the repository's own checklists brought rules.
        var repositoryRules: [String]?
    }

    struct TrendEntry: Encodable {
        var baseline: BaselineEntry
        var levelDelta: Int
        var improved: [ChangeEntry]
        var regressed: [ChangeEntry]
    }

    struct BaselineEntry: Encodable {
        var level: Int
        var score: Double
        var commit: String?
    }

    struct ChangeEntry: Encodable {
        var kind: String
        var id: String
        var title: String
        var from: Status
        var to: Status
    }

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct Level: Encodable {
        var level: Int
        var name: String
        var reached: Bool
        var progress: Double
        var missing: [String]
    }

    struct CapabilityEntry: Encodable {
        var id: String
        var level: Int
        var title: String
        var required: Bool
        /// The other capabilities of a choice (`anyOf`) this one belongs to.
        var requiredWith: [String]?
        var status: Status
        var checks: [String]
    }

    struct CheckEntry: Encodable {
        var id: String
        var level: Int
        var capability: String
        var title: String
        var required: Bool
        var status: Status
        var attested: Bool
        var evidence: [Evidence]
        var evidenceTruncated: Bool
        var reason: String?
        var remedy: RemedyEntry
    }

    struct RemedyEntry: Encodable {
        var text: String
        var command: String?

        init(_ remedy: Remedy) {
            text = remedy.summary
            command = remedy.command
        }
    }

    struct Step: Encodable {
        var check: String
        var capability: String
        var level: Int
        var title: String
        var required: Bool
        var remedy: RemedyEntry
    }

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        let document = Document(
            schemaVersion: schemaVersion,
            tool: Tool(name: "ripen", version: style.toolVersion),
            checklistsSHA256: result.checklistsSHA256,
            repository: result.repository,
            level: result.level,
            levelName: result.levelName,
            score: result.score,
            levels: result.levels.map {
                Level(level: $0.definition.level, name: $0.definition.name, reached: $0.reached,
                      progress: ($0.progress * 100).rounded() / 100, missing: $0.missing)
            },
            capabilities: result.capabilities.map {
                CapabilityEntry(id: $0.capability.id, level: $0.capability.level, title: $0.capability.title,
                                required: $0.required, requiredWith: result.alternatives($0), status: $0.status,
                                checks: $0.checkIDs)
            },
            checks: result.checks.map {
                CheckEntry(id: $0.check.id, level: $0.check.level, capability: $0.check.capability,
                           title: $0.check.title, required: $0.required, status: $0.status, attested: $0.attested,
                           evidence: $0.evidence, evidenceTruncated: $0.truncated, reason: $0.reason,
                           remedy: RemedyEntry($0.check.remedy))
            },
            gaps: result.gaps.map(step),
            nextSteps: result.nextSteps.map(step),
            scan: result.scan,
            trend: result.trend.map { trend in
                TrendEntry(baseline: BaselineEntry(level: trend.baselineLevel, score: trend.baselineScore,
                                                   commit: trend.baselineCommit),
                           levelDelta: trend.levelDelta, improved: trend.improved.map(change),
                           regressed: trend.regressed.map(change))
            },
            repositoryRules: result.repositoryRules.isEmpty ? nil : result.repositoryRules)
        return ReportEncoding.json(document)
    }

    private static func change(_ change: Trend.Change) -> ChangeEntry {
        ChangeEntry(kind: change.kind.rawValue, id: change.id, title: change.title, from: change.from, to: change.to)
    }

    private static func step(_ step: NextStep) -> Step {
        Step(check: step.checkID, capability: step.capability, level: step.level, title: step.title,
             required: step.required,
             remedy: RemedyEntry(step.remedy))
    }

}
