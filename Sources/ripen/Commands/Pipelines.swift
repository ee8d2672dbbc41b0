import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Pipelines: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the CI/CD pipelines the audit reads: jobs, triggers, and what each job does with the chain behind it.")

        @Argument(help: "The repository (default: the current folder).")
        var path: String = "."

        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions

        func run() throws {
            let catalogue = try checklists.catalogue()
            print(TerminalText.safe(PipelineListing.render(repository: URL(fileURLWithPath: path), catalogue: catalogue)))
        }
    }
}
