import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "What to do next, in order: the gaps, then what the next level (or --to LEVEL) needs, with the command for each.",
            discussion: """
            Audits the repository, then lists the recommended capabilities of the reached levels that do not \
            hold (gaps) and every capability of the levels up to the target that does not, ordered by level \
            and by what each needs first (a tracking server before registry promotion, serving before CD). \
            Each step names its `ripen generate` command where a generator covers it, otherwise the manual \
            step and `ripen explain CHECK`. --apply runs the generators the plan names into --out, with \
            generate's safety: files you changed are kept and the new version goes beside them as FILE.new.
            Exit codes: 0 planned (or applied), 2 usage or input error, 3 applied but files you changed were kept.
            """)

        @Argument(help: "The repository to plan for.")
        var path: String = "."

        @Option(help: ArgumentHelp("The level to reach (default: the next one).", valueName: "LEVEL"))
        var to: Int?

        @Option(name: .long, help: ArgumentHelp("Format: \(PlanReporters.identifiers.joined(separator: ", ")).", valueName: "format"))
        var format = "text"

        @Option(name: [.short, .long], help: "Write the plan to FILE (atomically) instead of stdout; '-' is stdout.")
        var output: String?

        @Flag(help: "Run the generators the plan names, into --out.")
        var apply = false

        @Option(help: ArgumentHelp("Where --apply writes (default: the repository).", valueName: "dir"))
        var out: String?

        @Option(help: "Where the generated setup runs, for --apply: \(Target.allCases.map(\.rawValue).joined(separator: ", ")).")
        var target: Target = .local

        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions
        @OptionGroup(title: "Data") var data: ProvisioningOptions

        func validate() throws {
            if let to, !(0...4).contains(to) { throw ValidationError("--to takes a level from 0 to 4, not \(to)") }
            guard PlanReporters.named(format) != nil else {
                throw ValidationError("--format \(format): expected one of \(PlanReporters.identifiers.joined(separator: ", "))")
            }
            if out != nil, !apply { throw ValidationError("--out is where --apply writes; add --apply") }
        }

        func run() throws {
            let catalogue = try checklists.catalogue()
            let result: AuditResult
            do {
                result = try Auditor.run(AuditOptions(repository: URL(fileURLWithPath: path), checklistDirectories: checklists.urls,
                                                      trustRepositoryChecklists: checklists.trustRepository))
            } catch {
                throw fail(error)
            }
            let plan = Planner.plan(result, catalogue: catalogue, to: to)
            try OutputOptions.destination(output, format: format)(PlanReporters.named(format)!.render(plan, style: ReportStyle()))
            guard apply else { return }

            let stacks = plan.stacks.filter { $0.targets.contains(target) }
            for skipped in plan.stacks where !stacks.contains(skipped) {
                writeError("ripen: skipped ripen generate \(skipped.rawValue): not for --target \(target.rawValue) (its targets: \(skipped.targets.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !stacks.isEmpty else {
                writeError("ripen: the plan names no generator for --target \(target.rawValue); its steps are manual")
                return
            }
            let destination = URL(fileURLWithPath: out ?? path).standardizedFileURL
            do {
                let context = try GenerationContext(catalog: try data.catalog(), options: GenerationOptions(target: target))
                let files = try Generation.files(stacks, context: context)
                let changes = try GenerationWriter(output: destination, force: false).write(files)
                for change in changes {
                    writeError("\(change.action.rawValue) \(change.path)")
                }
                if changes.contains(where: { $0.action == .keptUserChanges }) { throw ExitCode(3) }
            } catch let error as GenerationError {
                throw fail(error)
            }
        }
    }
}
