/// What to do, in order, to reach a level: the gaps of the levels already reached, then every capability
/// of the levels up to the target that does not hold, each with its remedy — the `ripen generate` command
/// where a generator covers it, otherwise the manual step and the check to read with `ripen explain`.
public struct Plan: Sendable {
    public var repository: String
    public var level: Int
    public var levelName: String
    public var target: Int
    public var targetName: String
    public var steps: [Step]

    public struct Step: Sendable, Equatable {
        public enum Kind: String, Sendable { case gap, next }
        public var kind: Kind
        public var capability: String
        public var capabilityTitle: String
        public var level: Int
        public var required: Bool
        public var checkID: String
        public var title: String
        public var remedy: String
        public var command: String?

        /// What to run or read: the generator, or the check's explanation.
        public var action: String { command ?? "ripen explain \(checkID)" }
    }

    /// The generators the plan names, once each, in the plan's order.
    public var stacks: [Stack] {
        var seen: [Stack] = []
        for step in steps {
            if let command = step.command, let stack = Stack(command: command), !seen.contains(stack) { seen.append(stack) }
        }
        return seen
    }
}

public enum Planner {
    /// - Parameter target: the level to reach (default: the next one; at level 4, the gaps alone).
    public static func plan(_ result: AuditResult, catalogue: Catalogue, to target: Int? = nil) -> Plan {
        let goal = min(4, max(result.level, target ?? result.level + 1))
        var steps = result.gaps.map { step($0, kind: .gap, catalogue) }
        let gapCapabilities = Set(result.gaps.map(\.capability))
        for capability in result.capabilities
        where capability.capability.level > result.level && capability.capability.level <= goal && !capability.holds
            && !gapCapabilities.contains(capability.capability.id) {
            let candidates = result.checks.filter { capability.checkIDs.contains($0.check.id) && $0.status != .pass }
            guard let best = candidates.first(where: { $0.check.remedy.command != nil }) ?? candidates.first else { continue }
            steps.append(Plan.Step(kind: .next, capability: capability.capability.id, capabilityTitle: capability.capability.title,
                                   level: capability.capability.level, required: capability.required, checkID: best.check.id,
                                   title: best.check.title, remedy: best.check.remedy.summary, command: best.check.remedy.command))
        }
        return Plan(repository: result.repository.path, level: result.level, levelName: result.levelName, target: goal,
                    targetName: catalogue.level(goal)?.name ?? "", steps: ordered(steps, catalogue))
    }

    static func step(_ next: NextStep, kind: Plan.Step.Kind, _ catalogue: Catalogue) -> Plan.Step {
        Plan.Step(kind: kind, capability: next.capability, capabilityTitle: catalogue.capability(next.capability)?.title ?? next.capability,
                  level: next.level, required: next.required, checkID: next.checkID, title: next.title,
                  remedy: next.remedy.summary, command: next.remedy.command)
    }

    /// Level by level; within a level, a capability after those it names in `after`, otherwise gaps first,
    /// then required before recommended, then the catalogue's order. Stable, so the same audit gives the same plan.
    static func ordered(_ steps: [Plan.Step], _ catalogue: Catalogue) -> [Plan.Step] {
        let position = Dictionary(uniqueKeysWithValues: catalogue.capabilities.enumerated().map { ($0.element.id, $0.offset) })
        func key(_ step: Plan.Step) -> (Int, Int, Int, Int) {
            (step.level, step.kind == .gap ? 0 : 1, step.required ? 0 : 1, position[step.capability] ?? .max)
        }
        var remaining = steps.sorted { key($0) < key($1) }
        var placed: [Plan.Step] = []
        let planned = Set(steps.map(\.capability))
        while !remaining.isEmpty {
            let done = Set(placed.map(\.capability))
            // The first step whose predecessors in the plan are all placed (a cycle falls back to the order).
            let index = remaining.firstIndex { step in
                (catalogue.capability(step.capability)?.after ?? []).allSatisfy { !planned.contains($0) || done.contains($0) }
            } ?? 0
            placed.append(remaining.remove(at: index))
        }
        return placed
    }
}
