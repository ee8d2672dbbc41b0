import Foundation

/// The terminal report: headline, each level's capabilities and checks with evidence, next steps.
public enum TextReporter: Reporter {
    public static let identifier = "text"

    /// Which of a level's holding capabilities the repository proves and which only the live systems do.
    static func basis(of capabilities: [CapabilityResult], in result: AuditResult) -> String? {
        var repository: [String] = []
        var live: [String] = []
        for capability in capabilities where capability.status == .pass {
            let passing = result.checks(of: capability).filter { $0.status == .pass }
            if passing.contains(where: { $0.evidence.contains { $0.source == .repository } }) {
                repository.append(capability.capability.id)
            } else if passing.contains(where: { $0.evidence.contains { $0.source == .probe } }) {
                live.append(capability.capability.id)
            }
        }
        guard !live.isEmpty else { return nil }
        return "from the live systems: \(live.joined(separator: ", "))"
            + (repository.isEmpty ? "" : "; from the repository: \(repository.joined(separator: ", "))")
    }

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        let paint = Painter(enabled: style.color)
        var out: [String] = []
        out.append(paint.bold(result.headline))
        var about = result.repository.path
        if let commit = result.shortCommit { about += " @ \(commit)" }
        about += " · \(result.scan.files) files"
        out.append(paint.dim(about))
        if let trend = result.trend {
            out.append("")
            out.append(paint.bold(trend.headline))
            for change in trend.improved { out.append("  " + paint.green("▲") + " " + change.line) }
            for change in trend.regressed { out.append("  " + paint.red("▼") + " " + change.line) }
        }
        if !result.repositoryRules.isEmpty {
            out.append(paint.yellow("rules from the repository's own checklists: " + result.repositoryRules.joined(separator: ", ")))
        }
        if !result.liveSystems.isEmpty {
            // Which verdicts rest on the live systems rather than on the repository.
            let live = result.checks.filter { $0.status == .pass && $0.evidence.contains { $0.source == .probe } }.count
            out.append(paint.dim("live: \(result.liveSystems.joined(separator: ", ")) · \(live) check(s) passed on their answers"))
        }
        for level in result.levels {
            let capabilities = result.capabilities.filter { $0.capability.level == level.definition.level }
            guard !capabilities.isEmpty else { continue }
            out.append("")
            if level.definition.level == 0 {
                out.append(paint.bold("Warning signs (level 0 · \(level.definition.name))"))
            } else {
                let state = level.reached ? paint.green("reached") : "\(Int((level.progress * 100).rounded(.down)))%"
                out.append(paint.bold("Level \(level.definition.level) · \(level.definition.name)") + " · " + state)
                if !result.liveSystems.isEmpty, let basis = basis(of: capabilities, in: result) { out.append(paint.dim("  " + basis)) }
            }
            for capability in capabilities {
                let tag = result.requirementLabel(capability).map { " (\($0))" } ?? ""
                out.append("  " + paint.status(capability.status) + " " + capability.capability.title + paint.dim(tag))
                let checks = result.checks(of: capability)
                // Once a capability holds, its other routes (other CI systems, unrun probes) are noise.
                // A capability that needs every check (warning signs) shows them all: the failing one is the news.
                let shown = style.verbose || checks.count == 1 || capability.capability.holds == .all ? checks
                    : checks.filter { $0.status == .pass || $0.status == .notApplicable
                        || (!capability.holds && $0.status == .notAssessed) }
                for check in shown {
                    out += lines(for: check, style: style, paint: paint)
                }
                // Alternatives that found nothing (the other CI systems, trackers...) in one line.
                let hidden = checks.filter { check in !shown.contains { $0.check.id == check.check.id } }
                if !hidden.isEmpty {
                    let label = shown.isEmpty ? "none found: " : "also looked for: "
                    out.append(paint.dim("      " + label + hidden.map(\.check.id).joined(separator: ", ")))
                }
            }
        }
        if !result.gaps.isEmpty {
            out.append("")
            out.append(paint.bold("Gaps (recommended at level \(result.level) or below, not found)"))
            out += steps(result.gaps, numberedFrom: 1, paint: paint)
        }
        if !result.nextSteps.isEmpty {
            out.append("")
            let target = result.level < 4 ? " (toward level \(result.level + 1))" : ""
            out.append(paint.bold("Next steps\(target)"))
            out += steps(result.nextSteps, numberedFrom: result.gaps.count + 1, paint: paint)
        }
        if !result.scan.skippedLarge.isEmpty || !result.scan.unreadable.isEmpty {
            out.append("")
            if !result.scan.skippedLarge.isEmpty {
                out.append(paint.dim("Not searched (over the size limit): \(summary(result.scan.skippedLarge))"))
            }
            if !result.scan.unreadable.isEmpty {
                out.append(paint.dim("Unreadable: \(summary(result.scan.unreadable))"))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func steps(_ steps: [NextStep], numberedFrom first: Int, paint: Painter) -> [String] {
        var out: [String] = []
        for (index, step) in steps.enumerated() {
            let tag = step.required ? "required" : "recommended"
            out.append("  \(first + index). \(step.title) [\(step.checkID), \(tag)]")
            out.append("     \(step.remedy.summary)")
            if let command = step.remedy.command { out.append("     " + paint.cyan("$ \(command)")) }
        }
        return out
    }

    private static func lines(for result: CheckResult, style: ReportStyle, paint: Painter) -> [String] {
        var lines = ["      " + paint.status(result.status) + " " + result.check.id + paint.dim(" · " + result.check.title)]
        let attested = result.attested ? " (attested)" : ""
        switch result.status {
        case .pass:
            for evidence in result.evidence.prefix(style.verbose ? 5 : 2) {
                // A file name may hold a newline; each piece of evidence stays one line.
                let location = evidence.location.map { TerminalText.inline($0) + "  " }
                    ?? (evidence.source == .probe ? "live  " : evidence.source == .answer ? "attested  " : "")
                lines.append("          " + paint.dim(location) + TerminalText.inline(evidence.text) + attested)
            }
            if result.evidence.count > (style.verbose ? 5 : 2) || result.truncated {
                lines.append(paint.dim("          ..."))
            }
        case .fail where result.check.level == 0:
            for evidence in result.evidence.prefix(5) {
                lines.append("          " + paint.red(TerminalText.inline(evidence.location ?? evidence.text)))
            }
        case .fail:
            if style.verbose, let reason = result.reason { lines.append(paint.dim("          " + reason)) }
        case .notAssessed, .notApplicable:
            if let reason = result.reason { lines.append(paint.dim("          " + reason)) }
        }
        return lines
    }

    private static func summary(_ items: [String]) -> String {
        items.prefix(5).joined(separator: ", ") + (items.count > 5 ? " and \(items.count - 5) more" : "")
    }
}

/// ANSI styling that disappears when colour is off.
struct Painter {
    var enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func cyan(_ text: String) -> String { wrap("36", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }

    func status(_ status: Status) -> String {
        switch status {
        case .pass: green(status.mark)
        case .fail: red(status.mark)
        case .notAssessed: yellow(status.mark)
        case .notApplicable: dim(status.mark)
        }
    }
}
