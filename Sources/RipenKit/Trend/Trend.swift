/// What changed since a baseline report: the level, and the capabilities and checks that started or
/// stopped holding. A verdict that could not be assessed this time (a probe not run) is unknown, never a
/// regression; ids only one side knows (a check added or removed) are left out.
public struct Trend: Sendable, Equatable {
    public var baselineLevel: Int
    public var baselineScore: Double
    public var baselineCommit: String?
    public var improved: [Change]
    public var regressed: [Change]

    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable { case capability, check }
        public var kind: Kind
        public var id: String
        public var title: String
        public var from: Status
        public var to: Status

        /// `check tracking-mlflow · Experiments are tracked with MLflow (pass → fail)`
        public var line: String { "\(kind.rawValue) \(id) · \(title) (\(from.rawValue) → \(to.rawValue))" }
    }

    /// Whether anything that held no longer does, or the level dropped.
    public var hasRegression: Bool { !regressed.isEmpty || levelDelta < 0 }
    public var levelDelta: Int { currentLevel - baselineLevel }
    public var currentLevel: Int

    public init(baseline: Baseline, result: AuditResult) {
        baselineLevel = baseline.level
        baselineScore = baseline.score
        baselineCommit = baseline.repository?.commit
        currentLevel = result.level
        var improved: [Change] = []
        var regressed: [Change] = []
        func compare(_ kind: Change.Kind, _ old: [Baseline.Entry], _ new: [(id: String, title: String, status: Status)]) {
            let before = Dictionary(old.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
            for entry in new {
                guard let from = before[entry.id] else { continue }
                let change = Change(kind: kind, id: entry.id, title: entry.title, from: from, to: entry.status)
                if from.holds, entry.status == .fail { regressed.append(change) }
                if !from.holds, entry.status.holds { improved.append(change) }
            }
        }
        compare(.capability, baseline.capabilities,
                result.capabilities.map { ($0.capability.id, $0.capability.title, $0.status) })
        compare(.check, baseline.checks, result.checks.map { ($0.check.id, $0.check.title, $0.status) })
        self.improved = improved
        self.regressed = regressed
    }

    /// The summary as a sentence's start: `Since the baseline (…): …`.
    public var headline: String { summary.prefix(1).uppercased() + summary.dropFirst() }

    /// One line for headlines: `since the baseline (level 1 · 1.4): level +1, 3 improved, 1 regressed`.
    public var summary: String {
        let level = levelDelta == 0 ? "level unchanged" : "level \(levelDelta > 0 ? "+" : "")\(levelDelta)"
        return "since the baseline (level \(baselineLevel) · \(String(format: "%.1f", baselineScore))): "
            + "\(level), \(improved.count) improved, \(regressed.count) regressed"
    }
}
