/// The history as a table: date, commit, level, score, and the score drawn as a bar.
public enum HistoryTextReporter: HistoryReporter {
    public static let identifier = "text"

    public static func render(_ report: HistoryReport, style: ReportStyle) -> String {
        var out = ["MLOps maturity of \(report.repository), every \(report.interval)", "",
                   "Date        Commit        Level  Score  ",
                   ]
        var previous: Int?
        for point in report.points {
            let bar = String(repeating: "█", count: Int((point.score * 5).rounded(.down)))
            var change = ""
            if let previous, previous != point.level {
                change = point.level > previous ? "  ▲ level \(point.level) · \(report.levelName(point.level))"
                    : "  ▼ level \(point.level) · \(report.levelName(point.level))"
            }
            out.append("\(point.date)  \(point.commit.prefix(12))  \(point.level)      \(point.scoreText)    \(bar.padding(toLength: 20, withPad: " ", startingAt: 0))\(change)")
            previous = point.level
        }
        if report.points.isEmpty { out.append("(no commit in the period)") }
        return out.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }
}

public enum HistoryJSONReporter: HistoryReporter {
    public static let identifier = "json"

    public static func render(_ report: HistoryReport, style: ReportStyle) -> String {
        ReportEncoding.json(report)
    }
}

public enum HistoryCSVReporter: HistoryReporter {
    public static let identifier = "csv"

    public static func render(_ report: HistoryReport, style: ReportStyle) -> String {
        var lines = ["date,commit,level,level_name,score,gaps"]
        for point in report.points {
            lines.append([point.date, point.commit, String(point.level), report.levelName(point.level), point.scoreText,
                          point.gaps.joined(separator: " ")].map(FleetCSVReporter.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
