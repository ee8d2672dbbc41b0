import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit past commits and show the level over time (a table, or a chart with --format html).",
            discussion: """
            Each sampled commit of the main line (first parents of HEAD) is read from git's objects into a \
            temporary folder with git's plumbing (ls-tree, cat-file): your work tree, index and HEAD are not \
            touched, and the repository's hooks, fsmonitor and configured helpers never run. A point is the \
            state at the end of its day (UTC).
            Exit codes: 0 ran, 2 usage or input error (not a git repository, no commits).
            """)

        @Argument(help: "The repository (a git work tree).")
        var path: String = "."

        @Option(help: ArgumentHelp("The first point, YYYY-MM-DD (default: a year before --until).", valueName: "DATE"))
        var since: String?

        @Option(help: ArgumentHelp("The last point, YYYY-MM-DD (default: the newest commit's day).", valueName: "DATE"))
        var until: String?

        @Option(help: ArgumentHelp("How often: \(CommitSampler.Interval.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   valueName: "period"))
        var every: String = "month"

        @Option(name: .long, help: ArgumentHelp("Report format: \(HistoryReporters.identifiers.joined(separator: ", ")).",
                                                valueName: "format"))
        var format = "text"

        @Option(name: [.short, .long], help: "Write the report to FILE (atomically) instead of stdout; '-' is stdout.")
        var output: String?

        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions

        @Option(help: ArgumentHelp("Files larger than this many bytes are listed but not searched.", valueName: "BYTES"))
        var maxFileSize: Int = 2 << 20

        func validate() throws {
            guard HistoryReporters.named(format) != nil else {
                throw ValidationError("--format \(format): expected one of \(HistoryReporters.identifiers.joined(separator: ", "))")
            }
            guard CommitSampler.Interval(rawValue: every) != nil else {
                throw ValidationError("--every \(every): expected one of \(CommitSampler.Interval.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            for (flag, value) in [("--since", since), ("--until", until)] {
                if let value, CommitSampler.parseDay(value) == nil {
                    throw ValidationError("\(flag) \(value): expected a date as YYYY-MM-DD")
                }
            }
            guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        }

        func run() throws {
            let session: AuditSession
            let options = AuditOptions(repository: URL(fileURLWithPath: path), checklistDirectories: checklists.urls,
                                       maxFileSize: maxFileSize, trustRepositoryChecklists: checklists.trustRepository)
            do {
                session = try AuditSession(options)
            } catch {
                throw fail(error)
            }
            let report: HistoryReport
            let bar = ProgressBar(total: 0, label: "commits")
            do {
                report = try Historian(session: session, maxFileSize: maxFileSize).run(
                    repository: URL(fileURLWithPath: path), since: since.flatMap(CommitSampler.parseDay),
                    until: until.flatMap(CommitSampler.parseDay), every: CommitSampler.Interval(rawValue: every)!
                ) { done, total in bar.update(done, of: total) }
            } catch {
                bar.finish()
                throw fail(error)
            }
            bar.finish()
            let text = HistoryReporters.named(format)!.render(report, style: ReportStyle())
            let writer = OutputOptions.destination(output, format: format)
            try writer(text)
        }
    }
}
