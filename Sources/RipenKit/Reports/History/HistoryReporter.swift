/// Renders the level over time. One type per format, registered in `HistoryReporters`.
public protocol HistoryReporter: Sendable {
    static var identifier: String { get }
    static func render(_ report: HistoryReport, style: ReportStyle) -> String
}

public enum HistoryReporters {
    public static let all: [any HistoryReporter.Type] = [HistoryTextReporter.self, HistoryJSONReporter.self,
                                                         HistoryCSVReporter.self, HistoryHTMLReporter.self]

    public static var identifiers: [String] { all.map { $0.identifier } }

    public static func named(_ identifier: String) -> (any HistoryReporter.Type)? {
        all.first { $0.identifier == identifier }
    }
}

extension HistoryReport.Point {
    var scoreText: String { String(format: "%.1f", score) }
}
