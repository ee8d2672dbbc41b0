/// The fleet report as JSON: what shards upload and `ripen merge` reads back. Keys sorted, rows in the
/// list's order, so the same inputs give the same bytes.
public enum FleetJSONReporter: FleetReporter {
    public static let identifier = "json"

    struct Document: Encodable {
        var report: FleetReport
        var histogram: [Int]

        private enum CodingKeys: String, CodingKey { case kind, schemaVersion, levelNames, repositories, histogram }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(report.kind, forKey: .kind)
            try container.encode(report.schemaVersion, forKey: .schemaVersion)
            try container.encode(report.levelNames, forKey: .levelNames)
            try container.encode(report.repositories, forKey: .repositories)
            try container.encode(histogram, forKey: .histogram)
        }
    }

    public static func render(_ report: FleetReport, style: ReportStyle) -> String {
        ReportEncoding.json(Document(report: report, histogram: report.histogram))
    }
}
