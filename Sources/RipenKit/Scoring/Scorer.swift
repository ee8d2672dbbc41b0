/// Places check results on the maturity ladder (DESIGN.md §4).
enum Scorer {
    static func capabilities(_ catalogue: Catalogue, _ checks: [CheckResult]) -> [CapabilityResult] {
        catalogue.capabilities.compactMap { capability in
            let own = checks.filter { $0.check.capability == capability.id }
            guard !own.isEmpty else { return nil }
            let statuses = own.map(\.status)
            let status: Status
            if statuses.contains(.pass) {
                status = .pass
            } else if statuses.allSatisfy({ $0 == .notApplicable }) {
                status = .notApplicable
            } else if statuses.contains(.notAssessed) {
                status = .notAssessed
            } else {
                status = .fail
            }
            let required = catalogue.isRequired(capability: capability.id)
            return CapabilityResult(capability: capability, required: required, status: status,
                                    weight: capability.weight ?? (required ? 2 : 1), checkIDs: own.map(\.check.id))
        }
    }

    static func levels(_ catalogue: Catalogue, _ capabilities: [CapabilityResult]) -> (level: Int, score: Double, [LevelResult]) {
        func holds(_ id: String) -> Bool { capabilities.first { $0.capability.id == id }?.holds ?? false }
        var results: [LevelResult] = []
        var level = 0
        var ladderIntact = true
        for definition in catalogue.levels {
            var missing: [String] = []
            for requirement in definition.requires where !requirement.capabilities.contains(where: holds) {
                missing.append(requirement.capabilities.joined(separator: "|"))
            }
            let own = capabilities.filter { $0.capability.level == definition.level && $0.status != .notApplicable }
            let total = own.map(\.weight).reduce(0, +)
            let held = own.filter(\.holds).map(\.weight).reduce(0, +)
            let progress = total > 0 ? held / total : (missing.isEmpty ? 1 : 0)
            let reached = definition.level == 0 || (ladderIntact && missing.isEmpty)
            if definition.level > 0 {
                if reached { level = definition.level } else { ladderIntact = false }
            }
            results.append(LevelResult(definition: definition, reached: reached, progress: progress, missing: missing))
        }
        var score = Double(level)
        if let next = results.first(where: { $0.definition.level == level + 1 }) {
            // Floored, and never a whole number: 2.96 reads 2.9, never 3.0 for a level-2 team.
            score += min(0.9, (next.progress * 10).rounded(.down) / 10)
        }
        return (level, (score * 10).rounded() / 10, results)
    }

    /// Warning signs first, then the next level's missing capabilities (required before recommended),
    /// each with the check that best shows how to fix it.
    static func nextSteps(level: Int, _ capabilities: [CapabilityResult], _ checks: [CheckResult]) -> [NextStep] {
        var steps: [NextStep] = []
        for result in checks where result.check.level == 0 && result.status == .fail {
            steps.append(step(result))
        }
        // Required before recommended; otherwise in the catalogue's order (capabilities is already in it).
        let next = capabilities.enumerated()
            .filter { $0.element.capability.level == level + 1 && !$0.element.holds }
            .sorted { ($0.element.required ? 0 : 1, $0.offset) < ($1.element.required ? 0 : 1, $1.offset) }
            .map(\.element)
        for capability in next {
            let candidates = checks.filter { capability.checkIDs.contains($0.check.id) && $0.status != .pass }
            let best = candidates.first { $0.check.remedy.command != nil } ?? candidates.first
            if let best { steps.append(step(best)) }
        }
        return steps
    }

    private static func step(_ result: CheckResult) -> NextStep {
        NextStep(checkID: result.check.id, capability: result.check.capability, title: result.check.title,
                 required: result.required, remedy: result.check.remedy)
    }
}
