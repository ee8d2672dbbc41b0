import ArgumentParser
import Foundation
import RipenKit

@main
struct Ripen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ripen",
        abstract: "Audit an ML team against the five-level MLOps maturity model, and provision the next level.",
        discussion: """
        EXIT CODES
          0  the command ran (for audit: the level meets --fail-under, or no gate was set)
          1  audit: the level is below --fail-under
          2  usage error, or invalid input (a malformed checklist, a missing directory)
          3  generate: files you changed were kept; their new versions are FILE.new
        """,
        version: RipenVersion.current,
        subcommands: [Audit.self, PlanCommand.self, History.self, Merge.self, Generate.self, Bootstrap.self, List.self, Explain.self, Pipelines.self, Validate.self],
        defaultSubcommand: Audit.self
    )

    /// argument-parser exits 64 on usage errors; ripen documents 2 for every usage or input error.
    static func main() {
        // The checklists' hash costs a parse of every checklist: only for --version, not on every start.
        if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
            print(RipenVersion.withChecklists)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                writeError(fullMessage(for: error))
                Foundation.exit(CLIExit.inputError.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// ripen's documented exit codes.
enum CLIExit: Int32 {
    case belowGate = 1
    case inputError = 2

    var code: ExitCode { ExitCode(rawValue) }
}

/// Prints an input error to stderr and exits 2; stdout stays empty.
func fail(_ message: CustomStringConvertible) -> ExitCode {
    writeError("\(message)")
    return CLIExit.inputError.code
}

/// One message (one or more lines) on stderr, with whatever it quotes made inert for a terminal and
/// credentials in URLs it quotes (a URL given where a path was expected) taken out.
func writeError(_ message: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((TerminalText.safe(Redaction.scrub(message)) + terminator).utf8))
}
