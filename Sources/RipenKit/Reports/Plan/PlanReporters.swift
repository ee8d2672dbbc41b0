/// Renders a plan. One type per format, registered in `PlanReporters`.
public protocol PlanReporter: Sendable {
    static var identifier: String { get }
    static func render(_ plan: Plan, style: ReportStyle) -> String
}

public enum PlanReporters {
    public static let all: [any PlanReporter.Type] = [PlanTextReporter.self, PlanJSONReporter.self, PlanMarkdownReporter.self]

    public static var identifiers: [String] { all.map { $0.identifier } }

    public static func named(_ identifier: String) -> (any PlanReporter.Type)? {
        all.first { $0.identifier == identifier }
    }
}

extension Plan {
    /// `From level 1 · DevOps but no MLOps to level 2 · Automated Training: 4 steps`
    var headline: String {
        let target = self.target == level ? "close the gaps at level \(level) · \(levelName)"
            : "from level \(level) · \(levelName) to level \(target) · \(targetName)"
        return "Plan \(target): \(steps.count) step\(steps.count == 1 ? "" : "s")"
    }
}

extension Plan.Step {
    /// `[gap, level 1, recommended]`
    var tags: String { "\(kind == .gap ? "gap" : "level \(level)"), \(required ? "required" : "recommended")" }
}

public enum PlanTextReporter: PlanReporter {
    public static let identifier = "text"

    public static func render(_ plan: Plan, style: ReportStyle) -> String {
        var out = [plan.headline, plan.repository, ""]
        if plan.steps.isEmpty { out.append("Nothing to do.") }
        for (number, step) in plan.steps.enumerated() {
            out.append("\(number + 1). \(step.capabilityTitle) [\(step.tags)]")
            out.append("   \(step.title) (\(step.checkID))")
            out.append("   \(step.remedy)")
            out.append("   $ \(step.action)")
        }
        let stacks = plan.stacks
        if !stacks.isEmpty {
            out += ["", "Generate what the plan names: ripen plan --apply --out DIR (\(stacks.map(\.rawValue).joined(separator: ", ")))"]
        }
        return out.joined(separator: "\n") + "\n"
    }
}

public enum PlanMarkdownReporter: PlanReporter {
    public static let identifier = "markdown"

    public static func render(_ plan: Plan, style: ReportStyle) -> String {
        var out = ["## \(plan.headline)", ""]
        for (number, step) in plan.steps.enumerated() {
            out.append("\(number + 1). **\(MarkdownText.text(step.capabilityTitle))** (\(MarkdownText.text(step.tags))): \(MarkdownText.text(step.title)). \(MarkdownText.text(step.remedy)) \(MarkdownText.code(step.action))")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

public enum PlanJSONReporter: PlanReporter {
    public static let identifier = "json"

    struct Document: Encodable {
        var kind = "ripen-plan"
        var repository: String
        var level: Int
        var target: Int
        var steps: [Step]
        var generators: [String]
    }

    struct Step: Encodable {
        var kind: String
        var capability: String
        var level: Int
        var required: Bool
        var check: String
        var title: String
        var remedy: String
        var command: String?
        var action: String
    }

    public static func render(_ plan: Plan, style: ReportStyle) -> String {
        ReportEncoding.json(Document(repository: plan.repository, level: plan.level, target: plan.target,
                                     steps: plan.steps.map {
                                         Step(kind: $0.kind.rawValue, capability: $0.capability, level: $0.level,
                                              required: $0.required, check: $0.checkID, title: $0.title,
                                              remedy: $0.remedy, command: $0.command, action: $0.action)
                                     },
                                     generators: plan.stacks.map(\.rawValue)))
    }
}
