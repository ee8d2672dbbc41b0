import ArgumentParser
import Foundation
import RipenKit

/// Where and how a report is written.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Report format: \(Reporters.identifiers.joined(separator: ", ")); for many repositories: \(FleetReporters.identifiers.joined(separator: ", ")).",
        valueName: "format"))
    var format = "text"

    /// The reporter for one repository's audit.
    func reporter() throws -> any Reporter.Type {
        guard let reporter = Reporters.named(format) else {
            throw ValidationError("--format \(format): expected one of \(Reporters.identifiers.joined(separator: ", "))")
        }
        return reporter
    }

    /// The reporter for a fleet of repositories.
    func fleetReporter() throws -> any FleetReporter.Type {
        guard let reporter = FleetReporters.named(format) else {
            throw ValidationError("--format \(format) is for one repository; for many: \(FleetReporters.identifiers.joined(separator: ", "))")
        }
        return reporter
    }

    @Option(name: [.short, .long], help: "Write the report to FILE (atomically) instead of stdout; '-' is stdout.")
    var output: String?

    @Flag(inversion: .prefixedNo, help: "Colour the text report (default: only on a terminal, and never with NO_COLOR).")
    var color: Bool?

    @Flag(name: [.short, .long], help: "Show why failing checks failed.")
    var verbose = false

    /// Colour only for a terminal, never with NO_COLOR or TERM=dumb, unless asked.
    var useColor: Bool {
        if let color { return color }
        guard output == nil || output == "-" else { return false }
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    func emit(_ text: String) throws {
        try Self.destination(output, format: format)(text)
    }

    /// Writes to stdout, or to FILE atomically. Every format but JSON and SARIF (whose encoders escape
    /// control characters themselves) has what it quotes from repositories made inert for a terminal.
    static func destination(_ output: String?, format: String = "text") -> (String) throws -> Void {
        let structured = ["json", "sarif"].contains(format)
        return { text in
            try write(structured ? text : TerminalText.safe(text, keepingColor: true, keepingCRLF: format == "csv"), to: output)
        }
    }

    private static func write(_ text: String, to output: String?) throws {
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            // Never through a link: the CI action writes fixed names inside an untrusted checkout.
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output), followLinks: false)
        } catch {
            throw fail("cannot write \(output): \(error.localizedDescription)")
        }
    }
}

/// Extra checklist directories.
struct ChecklistOptions: ParsableArguments {
    @Option(name: .customLong("checklists"), help: ArgumentHelp(
        "Add the checklists in DIR; its checks add to or override built-in ones by id (repeatable).",
        valueName: "DIR"))
    var directories: [String] = []

    @Flag(name: .customLong("trust-repository-checklists"), help: ArgumentHelp(
        "Let the audited repository's .ripen.yaml checklists redefine levels, capabilities, command classes and roles, and override built-in checks. Off by default: a repository may only add checks, so it cannot lower the bar it is scored against."))
    var trustRepository = false

    var urls: [URL] { directories.map { URL(fileURLWithPath: $0) } }

    func catalogue() throws -> Catalogue {
        do {
            return try Catalogue.load(extraDirectories: urls)
        } catch {
            throw fail(error)
        }
    }
}
