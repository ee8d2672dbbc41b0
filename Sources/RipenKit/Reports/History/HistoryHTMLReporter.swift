/// The level over time as an inline SVG chart (the score as a line over the five rungs) and a table, in
/// the same self-contained page as the audit report.
public enum HistoryHTMLReporter: HistoryReporter {
    public static let identifier = "html"

    public static func render(_ report: HistoryReport, style: ReportStyle) -> String {
        let escape = ReportEncoding.xml
        let width = 800.0, height = 260.0, left = 240.0, right = 45.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = report.points.count
        func x(_ index: Int) -> Double { count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(count - 1) }
        func y(_ score: Double) -> Double { top + plotHeight * (1 - min(max(score, 0), 4.99) / 5) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        var svg: [String] = []
        for level in 0...4 {
            let lineY = y(Double(level))
            svg.append("<line class=\"grid\" x1=\"\(number(left))\" y1=\"\(number(lineY))\" x2=\"\(number(width - right))\" y2=\"\(number(lineY))\"/>")
            svg.append("<text class=\"axis\" x=\"\(number(left - 8))\" y=\"\(number(lineY - 4))\" text-anchor=\"end\">\(level) · \(escape(report.levelName(level)))</text>")
        }
        let path = report.points.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element.score)))" }.joined(separator: " ")
        if count > 1 { svg.append("<polyline class=\"score\" points=\"\(path)\"/>") }
        let labelEvery = max(1, count / 8)
        for (index, point) in report.points.enumerated() {
            svg.append("<circle class=\"point\" cx=\"\(number(x(index)))\" cy=\"\(number(y(point.score)))\" r=\"4\"><title>\(point.date) · level \(point.level) · \(point.scoreText) · \(point.commit.prefix(12))</title></circle>")
            if index % labelEvery == 0 || index == count - 1 {
                svg.append("<text class=\"axis\" x=\"\(number(x(index)))\" y=\"\(number(height - bottom + 18))\" text-anchor=\"middle\">\(point.date)</text>")
            }
        }
        let chart = "<svg class=\"history-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Maturity score over time\">\(svg.joined())</svg>"

        let rows = report.points.map { point in
            "<tr data-date=\"\(point.date)\" data-level=\"\(point.level)\" data-score=\"\(point.scoreText)\"><td>\(point.date)</td><td><code>\(point.commit.prefix(12))</code></td><td>\(point.level) · \(escape(report.levelName(point.level)))</td><td>\(point.scoreText)</td><td>\(point.gaps.count)</td></tr>"
        }
        let body = """
            <header><h1>MLOps maturity over time</h1><p class="about">\(escape(report.repository)) · every \(escape(report.interval)) · ripen \(escape(style.toolVersion))</p></header>
            <section class="history"><h2>Score by \(escape(report.interval))</h2>\(chart)</section>
            <section><h2>Points</h2><table><thead><tr><th>Date</th><th>Commit</th><th>Level</th><th>Score</th><th>Gaps</th></tr></thead><tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></section>
            """
        let css = """

            .history-chart { width: 100%; height: auto; }
            .history-chart .grid { stroke: var(--line); stroke-width: 1; }
            .history-chart .axis { fill: var(--muted); font-size: 11px; }
            .history-chart .score { fill: none; stroke: var(--accent); stroke-width: 2.5; }
            .history-chart .point { fill: var(--accent); }
            """
        return HTMLReporter.page(title: "ripen · MLOps maturity of \(escape(report.repository)) over time",
                                 main: "data-points=\"\(count)\"", body: body, css: css)
    }
}
