import Foundation

/// A playbook resolved for one machine: the steps `ripen bootstrap` runs, each as the same shell lines the
/// generated script holds (the preamble with the variables and helpers, then the guard, the command, the
/// check), so the script and the bootstrap cannot drift apart.
public struct BootstrapPlan: Sendable {
    public struct Step: Sendable {
        public var number: Int
        public var name: String
        public var root: Bool
        /// The guard as the playbook writes it (`test -e PATH` for `creates:`).
        public var guardText: String
        public var command: String
        public var verify: String?
        public var download: Playbook.Download?
        /// Succeeds when the step is done (as root or as the user, as the script runs it).
        var guardLine: String
        /// The same guard run as whoever runs ripen: a done step is skipped without asking for root.
        var plainGuardLine: String
        var runLines: [String]
        var verifyLine: String?
    }

    public var playbook: String
    public var target: Target
    public var environment: String
    /// The generated script that holds the same steps, relative to the output folder.
    public var script: String
    public var variableNames: [String]
    public var steps: [Step]
    /// The folder holding the generated files (`RIPEN_DIR`).
    public var ripenDirectory: String
    var preamble: String

    public init(context: GenerationContext, ripenDirectory: URL) {
        playbook = context.playbook.name
        target = context.playbook.target
        environment = context.environment.name
        script = context.playbook.target.setupScript ?? "setup.sh"
        self.ripenDirectory = ripenDirectory.path
        variableNames = PlaybookScript.variableNames(context)
        preamble = PlaybookScript.preamble(context, ripenDirectory: Quote.shell(ripenDirectory.path))
        steps = context.playbook.selected(context.optionValues).steps.enumerated().map { offset, step in
            Step(number: offset + 1, name: step.name, root: step.root, guardText: PlaybookScript.guardText(step),
                 command: step.run.trimmingCharacters(in: .newlines), verify: step.verify, download: step.download,
                 guardLine: PlaybookScript.guardLine(step),
                 plainGuardLine: "bash -c \(Quote.shell(PlaybookScript.guardText(step)))",
                 runLines: PlaybookScript.runLines(step), verifyLine: PlaybookScript.verifyLine(step))
        }
    }

    /// A whole `bash -c` script: the preamble, then `body`.
    func script(_ body: String) -> String {
        preamble + "\n" + body + "\n"
    }

    /// Prints each variable's value as the steps see it, one `NAME=value` per line.
    var variablesScript: String {
        script(variableNames.map { "printf '%s=%s\\n' \(Quote.shell($0)) \"$\($0)\"" }.joined(separator: "\n"))
    }
}

extension Target {
    /// The stack that renders this target's playbook as a script.
    public var setupStack: Stack? {
        switch self {
        case .local: .local
        case .codespaces: .devcontainer
        case .ec2: .ec2
        case .githubActions, .kubernetes: nil
        }
    }

    /// The generated script holding this target's playbook.
    public var setupScript: String? {
        switch self {
        case .local: LocalSetupGenerator.script
        case .codespaces: ".devcontainer/post-create.sh"
        case .ec2: "ec2/setup.sh"
        case .githubActions, .kubernetes: nil
        }
    }
}
