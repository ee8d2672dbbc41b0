/// The organisation table for a terminal: a row per repository, then the level histogram.
public enum FleetTextReporter: FleetReporter {
    public static let identifier = "text"

    public static func render(_ report: FleetReport, style: ReportStyle) -> String {
        let header = ["Repository", "Level", "Score", "Gaps", "Top next step"]
        let rows = report.repositories.map { entry -> [String] in
            if let error = entry.error { return [entry.repository, "—", "—", "—", "error: \(error)"] }
            return [entry.repository, entry.levelText, entry.scoreText, String(entry.gaps.count),
                    entry.topStep?.line ?? "none: level 4 with no gaps"]
        }
        // Every column but the last is padded to its widest cell.
        var widths = header.map(\.count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = ["MLOps maturity · \(report.summary)", "", line(header)]
        out += rows.map(line)
        out.append("")
        out += histogram(report)
        return out.joined(separator: "\n") + "\n"
    }

    /// `Level 2  Automated Training   ██████████  12`
    static func histogram(_ report: FleetReport) -> [String] {
        let counts = report.histogram
        let most = max(1, counts.max() ?? 1)
        let nameWidth = (0..<counts.count).map { report.levelName($0).count }.max() ?? 0
        return counts.enumerated().reversed().map { level, count in
            let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * 30 / most))
            let name = report.levelName(level).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            return "Level \(level)  \(name)  \(bar.padding(toLength: 30, withPad: " ", startingAt: 0))  \(count)"
        }
    }
}
