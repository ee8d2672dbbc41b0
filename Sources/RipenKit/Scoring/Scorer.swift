/// Places check results on the maturity ladder (DESIGN.md §4).
enum Scorer {
    static func capabilities(_ catalogue: Catalogue, _ checks: [CheckResult]) -> [CapabilityResult] {
        catalogue.capabilities.compactMap { capability in
            let own = checks.filter { $0.check.capability == capability.id }
            guard !own.isEmpty else { return nil }
            let statuses = own.map(\.status)
            let status: Status
            if capability.holds == .all, statuses.contains(.fail) {
                // One warning sign present is a warning sign.
                status = .fail
            } else if capability.holds == .all, statuses.contains(.notAssessed) {
                status = .notAssessed
            } else if statuses.contains(.pass) {
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

    /// Gaps: recommended capabilities of the reached levels (warning signs included) that do not hold,
    /// lowest level first, each with the check that best shows how to close it. A capability that only
    /// people or live systems could prove, and that was not assessed, is unknown rather than missing.
    static func gaps(level: Int, _ capabilities: [CapabilityResult], _ checks: [CheckResult]) -> [NextStep] {
        let open = capabilities.enumerated()
            .filter { entry in
                let capability = entry.element
                guard capability.capability.level <= level, !capability.required, !capability.holds else { return false }
                if capability.status == .fail { return true }
                // Not assessed: a gap only when the repository was searched and showed nothing.
                return checks.contains { capability.checkIDs.contains($0.check.id) && $0.status == .fail }
            }
            .sorted { ($0.element.capability.level, $0.offset) < ($1.element.capability.level, $1.offset) }
            .map(\.element)
        return open.flatMap { capability -> [NextStep] in
            // Each warning sign is its own problem; elsewhere one remedy closes the capability.
            guard capability.capability.level == 0 else { return step(toward: capability, checks).map { [$0] } ?? [] }
            return checks.filter { capability.checkIDs.contains($0.check.id) && $0.status == .fail }.map(step)
        }
    }

    /// The next level's missing capabilities, required before recommended, each with the check that best
    /// shows how to fix it.
    static func nextSteps(level: Int, _ capabilities: [CapabilityResult], _ checks: [CheckResult]) -> [NextStep] {
        // Required before recommended; otherwise in the catalogue's order (capabilities is already in it).
        capabilities.enumerated()
            .filter { $0.element.capability.level == level + 1 && !$0.element.holds }
            .sorted { ($0.element.required ? 0 : 1, $0.offset) < ($1.element.required ? 0 : 1, $1.offset) }
            .compactMap { step(toward: $0.element, checks) }
    }

    /// The check whose remedy closes the capability: one with a generator command if any, else the first.
    private static func step(toward capability: CapabilityResult, _ checks: [CheckResult]) -> NextStep? {
        let candidates = checks.filter { capability.checkIDs.contains($0.check.id) && $0.status != .pass }
        let best = candidates.first { $0.check.remedy.command != nil } ?? candidates.first
        return best.map(step)
    }

    private static func step(_ result: CheckResult) -> NextStep {
        NextStep(checkID: result.check.id, capability: result.check.capability, level: result.check.level,
                 title: result.check.title, required: result.required, remedy: result.check.remedy)
    }
}
