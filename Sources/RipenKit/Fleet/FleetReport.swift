import Foundation

/// The organisation's view: one row per repository, in the list's order, and how many stand on each level.
/// Encoded as the fleet JSON report, which `ripen merge` reads back.
public struct FleetReport: Sendable, Codable, Equatable {
    public static let kind = "ripen-fleet"
    public static let schemaVersion = 1

    public var kind: String = FleetReport.kind
    public var schemaVersion: Int = FleetReport.schemaVersion
    /// The level names, 0 to 4, from the catalogue.
    public var levelNames: [String]
    public var repositories: [FleetEntry]

    public init(levelNames: [String], repositories: [FleetEntry]) {
        self.levelNames = levelNames
        self.repositories = repositories.sorted { ($0.index ?? .max, $0.repository) < ($1.index ?? .max, $1.repository) }
    }

    public var audited: [FleetEntry] { repositories.filter { $0.error == nil } }
    public var failed: [FleetEntry] { repositories.filter { $0.error != nil } }

    /// Repositories per level, 0 to 4.
    public var histogram: [Int] {
        var counts = Array(repeating: 0, count: max(5, levelNames.count))
        for entry in audited { if let level = entry.level, counts.indices.contains(level) { counts[level] += 1 } }
        return counts
    }

    public func levelName(_ level: Int) -> String {
        levelNames.indices.contains(level) ? levelNames[level] : ""
    }
}

/// One repository's row: its level, score, gaps and the first thing to do, or why it could not be audited.
public struct FleetEntry: Sendable, Codable, Equatable {
    public var index: Int?
    public var repository: String
    public var commit: String?
    public var level: Int?
    public var score: Double?
    /// The checks behind the gaps: recommended capabilities of the reached levels that do not hold, and warning signs.
    public var gaps: [String]
    public var topStep: Step?
    public var error: String?

    public struct Step: Sendable, Codable, Equatable {
        public var check: String
        public var title: String
        public var level: Int
        public var command: String?

        /// `Run the tests in CI (ripen generate ci)`
        public var line: String { command.map { "\(title) (\($0))" } ?? title }
    }

    /// An audited repository's row; `steps` are its gaps, then its next steps (a reviewer asks about gaps first).
    init(index: Int?, repository: String, commit: String?, level: Int, score: Double, gaps: [String], steps: [Step]) {
        self.index = index
        self.repository = repository
        self.commit = commit
        self.level = level
        self.score = score
        self.gaps = gaps
        topStep = steps.first
        error = nil
    }

    public init(index: Int?, repository: String, result: AuditResult) {
        self.init(index: index, repository: repository, commit: result.repository.commit, level: result.level,
                  score: result.score, gaps: result.gaps.map(\.checkID),
                  steps: (result.gaps + result.nextSteps).map {
                      Step(check: $0.checkID, title: $0.title, level: $0.level, command: $0.remedy.command)
                  })
    }

    public init(index: Int?, repository: String, error: String) {
        self.index = index
        self.repository = repository
        gaps = []
        self.error = Redaction.scrub(error)
    }
}
