/// A report for pull-request comments and CI job summaries.
public enum MarkdownReporter: Reporter {
    public static let identifier = "markdown"

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        var out: [String] = []
        out.append("## ripen · \(result.headline)")
        out.append("")
        var about = "`\(result.repository.path)`"
        if let commit = result.shortCommit { about += " at `\(commit)`" }
        out.append(about + " · \(result.scan.files) files · ripen \(style.toolVersion)")
        if !result.repositoryRules.isEmpty {
            out.append("")
            out.append("> Rules from the repository's own checklists: " + result.repositoryRules.map { "`\($0)`" }.joined(separator: ", "))
        }
        out.append("")
        out.append("| Level | Name | State |")
        out.append("| --- | --- | --- |")
        for level in result.levels where level.definition.level > 0 {
            let state = level.reached ? "✅ reached" : "\(Int((level.progress * 100).rounded(.down))) %"
            out.append("| \(level.definition.level) | \(level.definition.name) | \(state) |")
        }
        if let trend = result.trend {
            out.append("")
            out.append("### Since the baseline")
            out.append("")
            out.append(escape(trend.headline) + ".")
            if !trend.improved.isEmpty || !trend.regressed.isEmpty { out.append("") }
            for change in trend.improved { out.append("- ▲ improved: " + escape(change.line)) }
            for change in trend.regressed { out.append("- ▼ **regressed**: " + escape(change.line)) }
        }
        if !result.gaps.isEmpty {
            out.append("")
            out.append("### Gaps (recommended at level \(result.level) or below)")
            out.append("")
            out += result.gaps.map(item)
        }
        if !result.nextSteps.isEmpty {
            out.append("")
            out.append("### Next steps")
            out.append("")
            out += result.nextSteps.map(item)
        }
        for level in result.levels {
            let checks = result.checks.filter { $0.check.level == level.definition.level }
            guard !checks.isEmpty else { continue }
            out.append("")
            out.append("<details><summary>Level \(level.definition.level) · \(level.definition.name)</summary>")
            out.append("")
            out.append("| | Check | Capability | Evidence |")
            out.append("| --- | --- | --- | --- |")
            for check in checks {
                let evidence = check.status == .pass || check.check.level == 0
                    ? check.evidence.prefix(2).map { ($0.location.map { MarkdownText.code($0) + " " } ?? "") + escape($0.text) }
                        .joined(separator: "<br>")
                    : escape(check.reason ?? "")
                out.append("| \(check.status.mark) | \(MarkdownText.code(check.check.id)) \(escape(check.check.title)) | \(escape(check.check.capability)) | \(evidence) |")
            }
            out.append("")
            out.append("</details>")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func item(_ step: NextStep) -> String {
        var line = "- **\(escape(step.title))** (\(MarkdownText.code(step.checkID))\(step.required ? ", required" : "")): "
        line += escape(step.remedy.summary)
        if let command = step.remedy.command { line += " Run \(MarkdownText.code(command))." }
        return line
    }

    static func escape(_ text: String) -> String { MarkdownText.text(text) }
}
