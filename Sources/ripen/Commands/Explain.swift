import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain a check: why it matters, what it looks for, how to fix it.")

        @Argument(help: "The check id (see 'ripen list checks').")
        var checkID: String

        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions

        func run() throws {
            let catalogue = try checklists.catalogue()
            guard let check = catalogue.check(checkID) else {
                let close = catalogue.checks.map(\.id).filter { $0.contains(checkID) || checkID.contains($0) }.prefix(5)
                let hint = close.isEmpty ? "" : " (did you mean: \(close.joined(separator: ", "))?)"
                throw fail("ripen: no check '\(checkID)'\(hint); 'ripen list checks' lists them")
            }
            print(TerminalText.safe(CheckExplanation.render(check, catalogue: catalogue)))
        }
    }
}
