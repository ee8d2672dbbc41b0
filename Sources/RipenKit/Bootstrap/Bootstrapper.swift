import Foundation

/// Runs a bootstrap plan on this machine through a `CommandRunner`: for each step the guard (a done step is
/// skipped, so running again resumes where the last run stopped), then the command and its check. The
/// first failure stops the run with the last lines of the step's output; everything goes to the log.
public struct Bootstrapper {
    public enum Event {
        case skipped(BootstrapPlan.Step, total: Int)
        case started(BootstrapPlan.Step, total: Int)
        case finished(BootstrapPlan.Step, total: Int, seconds: Double)
    }

    public struct Summary: Sendable, Equatable {
        public var performed: [Int] = []
        public var skipped: [Int] = []
    }

    public var plan: BootstrapPlan
    public var runner: any CommandRunner
    /// The steps' environment, exactly.
    public var environment: [String: String]
    public var log: BootstrapLog
    /// ripen runs as root: root steps need no sudo.
    public var isRoot: Bool
    /// Makes `sudo` usable without a prompt (asking on the terminal if need be); false when it cannot.
    public var obtainRoot: () -> Bool
    /// The command that runs this bootstrap again, for messages.
    public var rerun: String
    /// How many lines of a failed step's output the error shows.
    public var tailLines = 15

    public init(plan: BootstrapPlan, runner: any CommandRunner, environment: [String: String], log: BootstrapLog,
                isRoot: Bool, obtainRoot: @escaping () -> Bool, rerun: String) {
        self.plan = plan
        self.runner = runner
        self.environment = environment
        self.log = log
        self.isRoot = isRoot
        self.obtainRoot = obtainRoot
        self.rerun = rerun
    }

    public func run(onEvent: (Event) -> Void) throws(BootstrapError) -> Summary {
        var summary = Summary()
        let total = plan.steps.count
        log.line("== ripen bootstrap: playbook \(plan.playbook), environment \(plan.environment), \(total) steps")
        for step in plan.steps {
            let label = "[\(step.number)/\(total)] \(step.name)"
            // A done root step is recognised without root: its guard runs as the user first.
            let needsSudo = step.root && !isRoot
            log.line("-- \(label): guard: \(step.guardText)")
            var done = try execute(needsSudo ? step.plainGuardLine : step.guardLine, step: step).status == 0
            if !done && needsSudo {
                guard obtainRoot() else {
                    log.line("-- \(label): needs root, and sudo cannot be used without a password")
                    throw .needsRoot(step: step.number, name: step.name,
                                     command: "cd \(Quote.shellWord(plan.ripenDirectory)) && sudo bash \(plan.script) \(step.number)",
                                     rerun: rerun)
                }
                done = try execute(step.guardLine, step: step).status == 0
            }
            if done {
                log.line("-- \(label): already done")
                summary.skipped.append(step.number)
                onEvent(.skipped(step, total: total))
                continue
            }
            onEvent(.started(step, total: total))
            let started = Date()
            log.line("-- \(label): run")
            let tail = Tail()
            let result = try execute(step.runLines.joined(separator: "\n"), step: step, tail: tail)
            if result.status != 0 {
                log.line("-- \(label): failed (exit \(result.status))")
                throw .stepFailed(step: step.number, total: total, name: step.name, status: result.status, phase: "run",
                                  tail: tail.lines(tailLines), log: log.url.path, rerun: rerun)
            }
            if let verifyLine = step.verifyLine {
                log.line("-- \(label): check: \(step.verify ?? "")")
                let checkTail = Tail()
                let check = try execute(verifyLine, step: step, tail: checkTail)
                if check.status != 0 {
                    log.line("-- \(label): check failed (exit \(check.status))")
                    throw .stepFailed(step: step.number, total: total, name: step.name, status: check.status, phase: "verify",
                                      tail: checkTail.lines(tailLines), log: log.url.path, rerun: rerun)
                }
            }
            let seconds = Date().timeIntervalSince(started)
            log.line("-- \(label): done (\(String(format: "%.1f", seconds)) s)")
            summary.performed.append(step.number)
            onEvent(.finished(step, total: total, seconds: seconds))
        }
        log.line("== done: \(summary.performed.count) performed, \(summary.skipped.count) already done")
        return summary
    }

    /// Runs one line after the preamble; output to the log (and the tail). An interruption ends the run.
    private func execute(_ body: String, step: BootstrapPlan.Step, tail: Tail? = nil) throws(BootstrapError) -> CommandResult {
        let result: CommandResult
        do {
            result = try runner.run(plan.script(body), environment: environment) { data in
                log.write(data)
                tail?.append(data)
            }
        } catch {
            throw .io("step \(step.number): \(error)")
        }
        if result.interrupted {
            log.line("-- [\(step.number)] interrupted: the step's process group was stopped")
            throw .interrupted(step: step.number, log: log.url.path)
        }
        return result
    }

    /// Whether each step would run, without running any: the guards run as the user (they only look).
    public func preview() throws(BootstrapError) -> [(step: BootstrapPlan.Step, done: Bool)] {
        var rows: [(step: BootstrapPlan.Step, done: Bool)] = []
        for step in plan.steps {
            log.line("-- dry run [\(step.number)] guard: \(step.guardText)")
            let line = step.root && !isRoot ? step.plainGuardLine : step.guardLine
            rows.append((step, try execute(line, step: step).status == 0))
        }
        return rows
    }

    /// The variables as the steps see them.
    public func variables() throws(BootstrapError) -> [(name: String, value: String)] {
        let collected = Tail(limit: 1 << 16)
        let result: CommandResult
        do {
            result = try runner.run(plan.variablesScript, environment: environment) { collected.append($0) }
        } catch {
            throw .io("cannot evaluate the playbook's variables: \(error)")
        }
        guard result.status == 0 else { throw .io("cannot evaluate the playbook's variables: \(collected.lines(5))") }
        return collected.text.split(separator: "\n").compactMap { line -> (name: String, value: String)? in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }
}

/// The last bytes a command printed, for an error message.
final class Tail: @unchecked Sendable {
    private var data = Data()
    private let limit: Int
    private let lock = NSLock()

    init(limit: Int = 32768) { self.limit = limit }

    func append(_ chunk: Data) {
        lock.withLock {
            data.append(chunk)
            if data.count > limit { data = data.suffix(limit) }
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    func lines(_ count: Int) -> String {
        // Progress bars redraw with \r: only the last state of a line is worth showing.
        let lines = text.split(separator: "\n").map { String($0.split(separator: "\r").last ?? "") }
        return lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.suffix(count).joined(separator: "\n")
    }
}
