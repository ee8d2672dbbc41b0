import ArgumentParser
import Foundation
import RipenKit

/// Where the live systems are, and the attested answers.
struct ProbeArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Probe this MLflow tracking server (default: $MLFLOW_TRACKING_URI). Credentials come from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD.",
        valueName: "URL"))
    var trackingURI: String?

    @Option(help: ArgumentHelp("Probe this Prometheus server.", valueName: "URL"))
    var prometheusURL: String?

    @Flag(help: "Probe this machine: the Docker daemon (its Unix socket, or DOCKER_HOST) and conda on PATH.")
    var infra = false

    @Option(help: ArgumentHelp("Seconds each probe may take in all (default 3).", valueName: "SECONDS"))
    var probeTimeout: Double = 3

    @Option(help: ArgumentHelp("Runs newer than this many days count as activity (default 90).", valueName: "DAYS"))
    var recentDays: Int = 90

    @Option(help: ArgumentHelp("Attested answers to people-and-process questions (YAML: id: yes|no).", valueName: "FILE"))
    var answers: String?

    @Flag(help: "Ask the unanswered people-and-process questions (only when stdin is a terminal).")
    var interactive = false

    func validate() throws {
        guard probeTimeout > 0, probeTimeout <= 600 else { throw ValidationError("--probe-timeout takes 0 to 600 seconds") }
        guard recentDays > 0 else { throw ValidationError("--recent-days must be positive") }
    }

    var probeOptions: ProbeOptions {
        var options = ProbeOptions.fromEnvironment()
        if let trackingURI { options.trackingURI = trackingURI }
        options.prometheusURL = prometheusURL
        options.infra = infra
        options.timeout = .milliseconds(Int64(probeTimeout * 1000))
        options.recentDays = recentDays
        return options
    }

    /// The answers file, plus what the person at the terminal says when asked.
    func answers(catalogue: () throws -> Catalogue) throws -> Answers {
        var result = Answers()
        if let answers {
            do {
                result = try Answers.load(URL(fileURLWithPath: answers))
            } catch {
                throw fail(error)
            }
        }
        guard interactive, isatty(STDIN_FILENO) == 1 else { return result }
        for question in Answers.questions(in: try catalogue()) where result.values[question.id] == nil {
            writeError("\(question.question) [y/n/skip]", terminator: " ")
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { break }
            if ["y", "yes"].contains(line) { result.values[question.id] = true }
            if ["n", "no"].contains(line) { result.values[question.id] = false }
        }
        if answers == nil { result.source = "interactive answers" }
        return result
    }
}
