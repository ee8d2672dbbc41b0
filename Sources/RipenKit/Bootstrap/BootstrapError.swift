import Foundation

/// Why a bootstrap stopped. Each says what to do next.
public enum BootstrapError: Error, CustomStringConvertible, Equatable {
    /// A step's command (or its check) failed: its last lines, and where the whole output is.
    case stepFailed(step: Int, total: Int, name: String, status: Int32, phase: String, tail: String, log: String, rerun: String)
    /// A step needs root, ripen is not root and sudo cannot be used without a password prompt.
    case needsRoot(step: Int, name: String, command: String, rerun: String)
    /// Ctrl-C (or SIGTERM) stopped the run.
    case interrupted(step: Int?, log: String)
    /// Something the playbook needs before its first step is missing (a Python, conda).
    case missingPrerequisite(String)
    case io(String)

    public var description: String {
        switch self {
        case let .stepFailed(step, total, name, status, phase, tail, log, rerun):
            var text = "ripen: step \(step)/\(total) failed: \(name)\n"
            text += phase == "verify" ? "  it ran, but its check failed (exit \(status))\n" : "  the command exited with \(status)\n"
            if !tail.isEmpty {
                text += "  last lines of its output:\n"
                text += tail.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }.joined(separator: "\n") + "\n"
            }
            text += "  the whole output: \(log)\n"
            text += "  fix the cause, then run again (steps that are done are skipped; it resumes here):\n    \(rerun)"
            return text
        case let .needsRoot(step, name, command, rerun):
            return """
            ripen: step \(step) needs root: \(name)
              sudo is not available without a password here (and there is no terminal to ask on). Run it yourself:
                \(command)
              then resume with:
                \(rerun)
            """
        case let .interrupted(step, log):
            return "ripen: interrupted\(step.map { " during step \($0)" } ?? ""); the step's processes were stopped. The log: \(log). Run again to resume."
        case let .missingPrerequisite(message):
            return "ripen: \(message)"
        case let .io(message):
            return "ripen: \(message)"
        }
    }
}
