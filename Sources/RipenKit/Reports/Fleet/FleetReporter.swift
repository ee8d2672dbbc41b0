/// Renders an organisation's fleet report. One type per format, registered in `FleetReporters`.
public protocol FleetReporter: Sendable {
    static var identifier: String { get }
    static func render(_ report: FleetReport, style: ReportStyle) -> String
}

/// Every fleet format, looked up by identifier, as `Reporters` does for one repository.
public enum FleetReporters {
    public static let all: [any FleetReporter.Type] = [FleetTextReporter.self, FleetJSONReporter.self,
                                                       FleetCSVReporter.self, FleetMarkdownReporter.self,
                                                       FleetHTMLReporter.self]

    public static var identifiers: [String] { all.map { $0.identifier } }

    public static func named(_ identifier: String) -> (any FleetReporter.Type)? {
        all.first { $0.identifier == identifier }
    }
}

extension FleetEntry {
    /// `2.6`, or `—` for a repository that could not be audited.
    var scoreText: String { score.map { String(format: "%.1f", $0) } ?? "—" }
    var levelText: String { level.map(String.init) ?? "—" }
}

extension FleetReport {
    /// `500 repositories · 3 could not be audited`
    var summary: String {
        var text = "\(repositories.count) repositor\(repositories.count == 1 ? "y" : "ies")"
        if !failed.isEmpty { text += " · \(failed.count) could not be audited" }
        return text
    }
}
