import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a repository against the MLOps maturity model, with evidence and next steps.",
            discussion: """
            Reads the repository as text (it never runs its code), honouring .gitignore. A .ripen.yaml at the \
            repository root may mark checks not applicable, disable or select checks, and name more checklists.
            Exit codes: 0 ran, 1 level below --fail-under (or a regression with --fail-on-regression), \
            2 usage or input error.
            """)

        @Argument(help: "The repository to audit.")
        var path: String = "."

        @OptionGroup(title: "Output") var output: OutputOptions
        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions

        @Option(help: ArgumentHelp("Exit 1 when the level is below LEVEL (0-4), for CI gates.", valueName: "LEVEL"))
        var failUnder: Int?

        @Option(help: ArgumentHelp("Files larger than this many bytes are listed but not searched.", valueName: "BYTES"))
        var maxFileSize: Int = 2 << 20

        @OptionGroup(title: "Live systems") var live: ProbeArguments

        @Option(help: ArgumentHelp("Compare with an earlier JSON report: every format adds what improved and what regressed.",
                                   valueName: "OLD.json"))
        var baseline: String?

        @Flag(help: "Exit 1 when anything that held in the baseline no longer does, or the level dropped.")
        var failOnRegression = false

        func validate() throws {
            if let failUnder, !(0...4).contains(failUnder) {
                throw ValidationError("--fail-under takes a level from 0 to 4, not \(failUnder)")
            }
            guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
            if failOnRegression, baseline == nil { throw ValidationError("--fail-on-regression needs --baseline OLD.json") }
        }

        func run() throws {
            let options = AuditOptions(repository: URL(fileURLWithPath: path), checklistDirectories: checklists.urls,
                                       maxFileSize: maxFileSize, probes: live.probeOptions,
                                       answers: try live.answers { try checklists.catalogue() })
            var result: AuditResult
            do {
                result = try Auditor.run(options)
            } catch {
                throw fail(error)
            }
            if let baseline {
                do {
                    result.trend = Trend(baseline: try Baseline.load(URL(fileURLWithPath: baseline)), result: result)
                } catch {
                    throw fail(error)
                }
            }
            let style = ReportStyle(color: output.useColor, verbose: output.verbose)
            try output.emit(output.format.reporter.render(result, style: style))
            if failOnRegression, let trend = result.trend, trend.hasRegression {
                FileHandle.standardError.write(Data("ripen: regression \(trend.summary)\n".utf8))
                throw CLIExit.belowGate.code
            }
            if let failUnder, result.level < failUnder {
                FileHandle.standardError.write(Data("ripen: level \(result.level) is below --fail-under \(failUnder)\n".utf8))
                throw CLIExit.belowGate.code
            }
        }
    }
}
