import Foundation

/// Everything an audit found; what every reporter renders.
public struct AuditResult: Sendable {
    public var repository: RepositoryInfo
    public var checklistsSHA256: String
    /// The highest level whose required capabilities (and those of every level below) all hold.
    public var level: Int
    public var levelName: String
    /// `level` plus the weighted share of the next level's capabilities that hold, floored to one decimal.
    public var score: Double
    public var levels: [LevelResult]
    public var capabilities: [CapabilityResult]
    public var checks: [CheckResult]
    /// Recommended capabilities of the reached levels that do not hold: what a reviewer asks about first.
    public var gaps: [NextStep]
    /// The next level's capabilities that do not hold, required first.
    public var nextSteps: [NextStep]
    /// The live systems that were probed (`MLflow http://…`), empty for a repository-only audit.
    public var liveSystems: [String]
    public var scan: ScanSummary
    /// What changed since a baseline report, when one was given (`--baseline`).
    public var trend: Trend?
    /// Rules the audited repository's own checklists brought (checks it added; with
    /// --trust-repository-checklists, also what it redefined). Every report says so.
    public var repositoryRules: [String] = []
}

public struct RepositoryInfo: Sendable, Codable, Equatable {
    public var path: String
    public var commit: String?
}

public struct CheckResult: Sendable {
    public var check: Check
    public var status: Status
    public var required: Bool
    public var evidence: [Evidence]
    public var reason: String?
    /// More evidence exists than is listed.
    public var truncated: Bool
    /// Whether the verdict rests on attested answers rather than observation.
    public var attested: Bool
}

public struct CapabilityResult: Sendable {
    public var capability: Capability
    public var required: Bool
    public var status: Status
    public var weight: Double
    public var checkIDs: [String]

    /// A capability holds when one of its checks passes, or when the team declared it not applicable.
    public var holds: Bool { status.holds }
}

public struct LevelResult: Sendable {
    public var definition: LevelDefinition
    public var reached: Bool
    /// Weighted share of the level's capabilities that hold, 0...1.
    public var progress: Double
    /// Requirements that do not hold, as capability ids (`a|b` for a choice).
    public var missing: [String]
}

/// A capability that does not hold (a gap, or a step toward the next level) and the check whose remedy closes it.
public struct NextStep: Sendable {
    public var checkID: String
    public var capability: String
    public var level: Int
    public var title: String
    public var required: Bool
    public var remedy: Remedy
}

public struct ScanSummary: Sendable, Codable, Equatable {
    public var files: Int
    public var filesRead: Int
    public var skippedBinary: Int
    /// Files over the size limit, not searched.
    public var skippedLarge: [String]
    /// Files and folders that could not be read.
    public var unreadable: [String]
}
