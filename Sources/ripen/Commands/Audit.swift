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

            Given several directories, or --repos FILE (a path or git URL per line; URLs are cloned \
            shallowly into a temporary folder with hooks and configured helpers disabled, and removed after), \
            it audits them in parallel with one catalogue and one round of probes and prints an organisation \
            table (--format text, json, csv, markdown, html). A repository that cannot be read or cloned is \
            reported and the others complete.

            Exit codes: 0 ran, 1 level below --fail-under (for a fleet: any repository's), or a regression with \
            --fail-on-regression, 2 usage or input error (for a fleet: a repository could not be audited; the \
            report is still written).
            """)

        @Argument(help: "The repository to audit, or several for an organisation table.")
        var paths: [String] = []

        @Option(help: ArgumentHelp("Audit the repositories listed in FILE (a path or git URL per line; # comments).",
                                   valueName: "FILE"))
        var repos: String?

        @Option(help: ArgumentHelp("Audit only shard K of N of the list (every N-th entry from the K-th), for CI matrices.",
                                   valueName: "K/N"))
        var shard: String?

        @Option(help: ArgumentHelp("Repositories audited at once (default: one per core).", valueName: "N"))
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

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

        var isFleet: Bool { repos != nil || paths.count > 1 || shard != nil }

        func validate() throws {
            if let failUnder, !(0...4).contains(failUnder) {
                throw ValidationError("--fail-under takes a level from 0 to 4, not \(failUnder)")
            }
            guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
            guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
            if failOnRegression, baseline == nil { throw ValidationError("--fail-on-regression needs --baseline OLD.json") }
            if isFleet {
                if baseline != nil { throw ValidationError("--baseline compares one repository; audit them one by one") }
                if shard != nil, repos == nil { throw ValidationError("--shard needs --repos FILE") }
                _ = try parsedShard()
                _ = try output.fleetReporter()
            } else {
                _ = try output.reporter()
            }
        }

        func parsedShard() throws -> (index: Int, count: Int)? {
            guard let shard else { return nil }
            let parts = shard.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] > 0, (1...parts[1]).contains(parts[0]) else {
                throw ValidationError("--shard \(shard): expected K/N with 1 ≤ K ≤ N, e.g. 2/8")
            }
            return (parts[0], parts[1])
        }

        func options(repository: String) throws -> AuditOptions {
            AuditOptions(repository: URL(fileURLWithPath: repository), checklistDirectories: checklists.urls,
                         maxFileSize: maxFileSize, probes: live.probeOptions,
                         answers: try live.answers { try checklists.catalogue() },
                         trustRepositoryChecklists: checklists.trustRepository)
        }

        func run() throws {
            if isFleet { return try runFleet() }
            var result: AuditResult
            do {
                result = try Auditor.run(try options(repository: paths.first ?? "."))
            } catch let error as AuditError {
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
            try output.emit(try output.reporter().render(result, style: style))
            if failOnRegression, let trend = result.trend, trend.hasRegression {
                writeError("ripen: regression \(trend.summary)")
                throw CLIExit.belowGate.code
            }
            if let failUnder, result.level < failUnder {
                writeError("ripen: level \(result.level) is below --fail-under \(failUnder)")
                throw CLIExit.belowGate.code
            }
        }

        private func runFleet() throws {
            var entries = paths
            if let repos {
                do {
                    entries += try RepositorySource.load(URL(fileURLWithPath: repos))
                } catch {
                    throw fail(error)
                }
            }
            let sources = RepositorySource.sources(entries, shard: try parsedShard())
            let session: AuditSession
            let sessionOptions = try options(repository: ".")
            do {
                session = try AuditSession(sessionOptions)
            } catch {
                throw fail(error)
            }
            let bar = ProgressBar(total: sources.count, label: "repositories")
            let report = FleetAuditor(session: session, jobs: jobs).run(sources) { done, _ in bar.update(done) }
            bar.finish()
            let style = ReportStyle(color: output.useColor, verbose: output.verbose)
            try output.emit(try output.fleetReporter().render(report, style: style))
            for entry in report.failed {
                let error = entry.error ?? ""
                let line = error.hasPrefix(entry.repository) ? error : "\(entry.repository): \(error)"
                writeError("ripen: \(line)")
            }
            if !report.failed.isEmpty { throw CLIExit.inputError.code }
            if let failUnder {
                let below = report.audited.filter { ($0.level ?? 0) < failUnder }
                if !below.isEmpty {
                    writeError("ripen: \(below.count) repositor\(below.count == 1 ? "y is" : "ies are") below --fail-under \(failUnder)")
                    throw CLIExit.belowGate.code
                }
            }
        }
    }
}
