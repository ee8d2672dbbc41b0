/// The organisation page: a level histogram and the table, self-contained like the single report.
/// `data-repository`, `data-level` and `data-score` let a test read the rendered DOM back.
public enum FleetHTMLReporter: FleetReporter {
    public static let identifier = "html"

    public static func render(_ report: FleetReport, style: ReportStyle) -> String {
        let escape = ReportEncoding.xml
        let counts = report.histogram
        let most = max(1, counts.max() ?? 1)
        var body = ["<header><h1>MLOps maturity of the organisation</h1><p class=\"about\">\(escape(report.summary)) · ripen \(escape(style.toolVersion))</p></header>"]
        var bars: [String] = []
        for (level, count) in counts.enumerated().reversed() {
            bars.append("<li class=\"rung reached\" data-histogram-level=\"\(level)\" data-count=\"\(count)\"><div class=\"bar\"><div class=\"fill\" style=\"width: \(count * 100 / most)%\"></div></div><span class=\"rung-label\">\(level) · \(escape(report.levelName(level)))</span><span class=\"rung-state\">\(count)</span></li>")
        }
        body.append("<section class=\"ladder\"><h2>Repositories per level</h2><ol reversed>\n\(bars.joined(separator: "\n"))\n</ol></section>")
        var rows: [String] = []
        for entry in report.repositories {
            let name = escape(entry.repository)
            if let error = entry.error {
                rows.append("<tr class=\"fail\" data-repository=\"\(name)\" data-error=\"true\"><td>\(name)</td><td>—</td><td>—</td><td>—</td><td class=\"reason\">error: \(escape(error))</td></tr>")
                continue
            }
            var step = "none"
            if let top = entry.topStep {
                step = escape(top.title) + (top.command.map { " <code class=\"command\">\(escape($0))</code>" } ?? "")
            }
            let gaps = entry.gaps.isEmpty ? "0" : "<span title=\"\(escape(entry.gaps.joined(separator: ", ")))\">\(entry.gaps.count)</span>"
            rows.append("<tr data-repository=\"\(name)\" data-level=\"\(entry.levelText)\" data-score=\"\(entry.scoreText)\"><td>\(name)</td><td>\(entry.levelText)</td><td>\(entry.scoreText)</td><td>\(gaps)</td><td>\(step)</td></tr>")
        }
        body.append("<section class=\"fleet\"><h2>Repositories</h2><table><thead><tr><th>Repository</th><th>Level</th><th>Score</th><th>Gaps</th><th>Top next step</th></tr></thead><tbody>\n\(rows.joined(separator: "\n"))\n</tbody></table></section>")
        return HTMLReporter.page(title: "ripen · MLOps maturity of \(escape(report.summary))",
                                 main: "data-repositories=\"\(report.repositories.count)\" data-failed=\"\(report.failed.count)\"",
                                 body: body.joined(separator: "\n"))
    }
}
