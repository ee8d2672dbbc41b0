import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check checklists: load them, report every problem at once, and run their examples.",
            discussion: "Without a directory, validates the built-in catalogue. Exit code 2 when anything is wrong.")

        @Argument(help: "Checklist directories to validate (merged over the built-in catalogue, in order).")
        var directories: [String] = []

        func run() throws {
            let report = ChecklistValidation.run(directories: directories.map { URL(fileURLWithPath: $0) })
            for problem in report.problems { writeError("\(problem)") }
            print("\(report.checks) checks, \(report.examples) examples run, \(report.problems.count) problems")
            if !report.problems.isEmpty { throw CLIExit.inputError.code }
        }
    }
}
