import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build one organisation report from the JSON reports of several audits (CI matrix shards).",
            discussion: """
            Reads fleet reports (ripen audit --repos FILE --shard K/N --format json) and single audit reports \
            (ripen audit --format json) alike; rows keep the order of the repository list.
            Exit codes: 0 merged, 1 a repository is below --fail-under, 2 a file could not be read (or a \
            shard reported a repository it could not audit).
            """)

        @Argument(help: ArgumentHelp("JSON reports to merge.", valueName: "FILE"))
        var files: [String]

        @OptionGroup(title: "Output") var output: OutputOptions

        @Option(help: ArgumentHelp("Exit 1 when any repository's level is below LEVEL (0-4).", valueName: "LEVEL"))
        var failUnder: Int?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one JSON report to merge") }
            if let failUnder, !(0...4).contains(failUnder) {
                throw ValidationError("--fail-under takes a level from 0 to 4, not \(failUnder)")
            }
            _ = try output.fleetReporter()
        }

        func run() throws {
            let report: FleetReport
            do {
                report = try FleetMerge.merge(files.map { URL(fileURLWithPath: $0) })
            } catch {
                throw fail(error)
            }
            let style = ReportStyle(color: output.useColor, verbose: output.verbose)
            try output.emit(try output.fleetReporter().render(report, style: style))
            if !report.failed.isEmpty {
                writeError("ripen: \(report.failed.count) repositor\(report.failed.count == 1 ? "y" : "ies") could not be audited")
                throw CLIExit.inputError.code
            }
            if let failUnder, report.audited.contains(where: { ($0.level ?? 0) < failUnder }) {
                writeError("ripen: a repository is below --fail-under \(failUnder)")
                throw CLIExit.belowGate.code
            }
        }
    }
}
