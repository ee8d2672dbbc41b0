/// The organisation table in Markdown, for a CI job summary or a pull request.
public enum FleetMarkdownReporter: FleetReporter {
    public static let identifier = "markdown"

    public static func render(_ report: FleetReport, style: ReportStyle) -> String {
        var out = ["## MLOps maturity of \(report.summary)", "", "| Level | | Repositories |", "|---|---|---:|"]
        for (level, count) in report.histogram.enumerated().reversed() {
            out.append("| \(level) | \(cell(report.levelName(level))) | \(count) |")
        }
        out += ["", "| Repository | Level | Score | Gaps | Top next step |", "|---|---:|---:|---:|---|"]
        for entry in report.repositories {
            if let error = entry.error {
                out.append("| \(cell(entry.repository)) | — | — | — | error: \(cell(error)) |")
            } else {
                let step = entry.topStep.map { step in cell(step.title) + (step.command.map { " (\(MarkdownText.code($0)))" } ?? "") } ?? "none"
                out.append("| \(cell(entry.repository)) | \(entry.levelText) | \(entry.scoreText) | \(entry.gaps.count) | \(step) |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text in a table cell: nothing in it may end the cell or render as markup.
    static func cell(_ text: String) -> String { MarkdownText.text(text) }
}
