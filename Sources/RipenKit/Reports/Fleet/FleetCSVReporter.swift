/// The organisation table as CSV (RFC 4180: fields quoted when they hold a comma, quote or line break),
/// for a spreadsheet.
public enum FleetCSVReporter: FleetReporter {
    public static let identifier = "csv"

    public static func render(_ report: FleetReport, style: ReportStyle) -> String {
        var lines = [["repository", "commit", "level", "level_name", "score", "gaps", "gap_checks",
                      "top_next_step", "command", "error"].joined(separator: ",")]
        for entry in report.repositories {
            let fields = [entry.repository, entry.commit ?? "", entry.level.map(String.init) ?? "",
                          entry.level.map(report.levelName) ?? "", entry.score.map { String(format: "%.1f", $0) } ?? "",
                          entry.error == nil ? String(entry.gaps.count) : "", entry.gaps.joined(separator: " "),
                          entry.topStep?.title ?? "", entry.topStep?.command ?? "", entry.error ?? ""]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        // A cell that starts like a formula (=, +, -, @, tab, CR) is run by spreadsheets: a repository's
        // own check title or command must stay text (OWASP's CSV injection advice: a leading quote).
        var field = field
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
