import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Bootstrap: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up this machine step by step: the target's playbook, run here with progress, guards and a log.",
            discussion: """
            Writes the target's setup files into --out (as `ripen generate` does, with its safety), then runs \
            the playbook's steps here, the same steps the generated script holds. A step whose guard says it \
            is done is skipped, so running again resumes where the last run stopped. The first failure stops \
            the run with the last lines of the step's output; the whole output is in the log. Steps that need \
            root use sudo when ripen is not root, or stop with the exact command to run. Ctrl-C stops the \
            running step with every process it started.

            Without conda, mamba and micromamba, the local target builds the environment as a Python virtual \
            environment of the version the environment names, from its pinned requirements.txt (unless \
            --require-conda, which installs Miniforge).

            EXIT CODES
              0    every step done (or already done)
              1    a step failed, or needs root, or a prerequisite is missing
              2    usage error or invalid input
              130  interrupted
            """)

        @Option(help: "Which playbook: local, codespaces (inside the codespace), ec2 (on the instance).")
        var target: Target = .local

        @Option(name: .customLong("env"), help: ArgumentHelp("The environment to set up (ripen list environments).", valueName: "name"))
        var environment = "exp-tracking"

        @Option(help: ArgumentHelp("Where the setup files are written and read (RIPEN_DIR).", valueName: "dir"))
        var out = "."

        @Option(name: .customLong("set"), help: ArgumentHelp("A playbook option, e.g. installer=venv or conda=anaconda (repeatable).", valueName: "key=value"))
        var settings: [String] = []

        @Flag(name: .customLong("dry-run"), help: "Change nothing: print each step's command and guard, and whether it would run.")
        var dryRun = false

        @Flag(name: .shortAndLong, help: "Run without asking (needed without a terminal).")
        var yes = false

        @Option(help: ArgumentHelp("Append the whole output here (default: OUT/.ripen/bootstrap.log).", valueName: "file"))
        var log: String?

        @Flag(name: .customLong("use-existing"), help: "Run the setup files already in the output folder where they differ from ripen's (by default bootstrap stops and shows the difference: run in a repository, they are the repository's).")
        var useExisting = false

        @Flag(name: .customLong("require-conda"), help: "Never fall back to a virtual environment: install Miniforge when conda is missing.")
        var requireConda = false

        @Option(help: ArgumentHelp("The Python for a virtual environment (default: found on PATH, in pyenv or uv).", valueName: "path"))
        var python: String?

        @OptionGroup(title: "Data") var data: ProvisioningOptions

        func validate() throws {
            if target == .githubActions { throw ValidationError("--target github-actions has no machine to set up; use ripen generate fleet") }
            if target == .kubernetes { throw ValidationError("--target kubernetes has no machine to set up; apply the manifests of ripen generate kubernetes --target kubernetes") }
        }

        func run() throws {
            var parsedSettings = try ProvisioningOptions.parse(settings)
            let catalog = try data.catalog()
            let output = URL(fileURLWithPath: out).standardizedFileURL
            var environment = ProcessInfo.processInfo.environment
            let playbook: Playbook
            do { playbook = try catalog.playbook(for: target) } catch { throw fail(error) }

            // conda or a virtual environment, when the playbook offers the choice and the user made none.
            if playbook.options["installer"] != nil, parsedSettings["installer"] == nil {
                if let conda = CondaLocator(environment: environment).find() {
                    if let base = conda.base {
                        parsedSettings["installer"] = "conda"
                        if environment["CONDA_DIR"] == nil { environment["CONDA_DIR"] = base.path }
                        say("ripen: using the conda installation at \(base.path)")
                    } else if !requireConda {
                        throw stop(BootstrapError.missingPrerequisite("\(conda.executable.path) is not a conda installation this playbook can drive; run with --set installer=venv for a virtual environment, or --require-conda to install Miniforge"))
                    }
                } else if requireConda {
                    parsedSettings["installer"] = "conda"
                } else {
                    parsedSettings["installer"] = "venv"
                    say("ripen: conda, mamba and micromamba not found: the environment becomes a Python virtual environment from requirements.txt (--require-conda installs Miniforge instead)")
                }
            }

            let context: GenerationContext
            let files: [GeneratedFile]
            do {
                let options = GenerationOptions(target: target, environment: self.environment, settings: parsedSettings)
                context = try GenerationContext(catalog: catalog, options: options)
                files = try Generation.files([target.setupStack!], context: context)
            } catch {
                throw fail(error)
            }

            if context.optionValues["installer"] == "venv" {
                environment["PYTHON"] = try interpreter(version: context.environment.python, environment: environment).path
            }
            environment["RIPEN_DIR"] = output.path
            environment["ENV_NAME"] = context.environment.name
            environment["ENV_PYTHON"] = context.environment.python

            let writer = GenerationWriter(output: output)
            // The steps install and run these files. One ripen did not write (a repository's own
            // requirements.txt or start script) runs only with the person's explicit consent.
            if !useExisting {
                let foreign: [GenerationWriter.Change]
                do {
                    foreign = try writer.plan(files).filter { $0.action == .keptUserChanges }
                } catch {
                    throw fail(error)
                }
                if !foreign.isEmpty {
                    for change in foreign { writeError(change.diff, terminator: "") }
                    throw fail("ripen: bootstrap runs only the setup files it writes, and "
                        + foreign.map(\.path).joined(separator: ", ")
                        + " in \(output.path) differ from them (shown above). Review them, then run again with --use-existing"
                        + " to run them as they are, or choose another --out.")
                }
            }
            do {
                if dryRun {
                    let pending = try writer.plan(files).filter { ![.unchanged, .keptSecret].contains($0.action) }
                    for change in pending { say("would \(change.action.rawValue): \(change.path)") }
                } else {
                    let changes = try writer.write(files)
                    let written = changes.filter { [.create, .update, .overwrite].contains($0.action) }
                    if !written.isEmpty { say("ripen: wrote \(written.count) setup files in \(output.path)") }
                    for change in changes where change.action == .keptUserChanges {
                        say("ripen: kept your \(change.path) (the new version is \(change.path).new); the steps use yours")
                    }
                }
            } catch {
                throw fail(error)
            }

            let plan = BootstrapPlan(context: context, ripenDirectory: output)
            // A dry run leaves no trace, not even a log.
            let logURL = dryRun ? URL(fileURLWithPath: "/dev/null")
                : log.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? output.appendingPathComponent(".ripen/bootstrap.log")
            let runner = ProcessGroupRunner()
            let bootstrapper: Bootstrapper
            do {
                bootstrapper = Bootstrapper(plan: plan, runner: runner, environment: environment, log: try BootstrapLog(url: logURL),
                                            isRoot: geteuid() == 0, obtainRoot: Self.obtainRoot, rerun: rerunCommand)
            } catch {
                throw fail(error)
            }

            if dryRun { return try preview(bootstrapper) }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw fail("ripen: bootstrap changes this machine; without a terminal to ask on, pass --yes (or --dry-run to look first)")
                }
                FileHandle.standardOutput.write(Data("Run the \(plan.steps.count) steps of the \(plan.playbook) playbook on this machine (steps that are done are skipped)? [y/N] ".utf8))
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                    say("ripen: nothing done")
                    return
                }
            }

            // Ctrl-C and SIGTERM reach ripen (the step runs in a process group of its own): stop the step's group.
            let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { runner.interrupt() }
                source.resume()
                return source
            }
            defer { signals.forEach { $0.cancel() } }

            let display = StepDisplay()
            do {
                let summary = try bootstrapper.run { event in display.show(event) }
                say("ripen: \(plan.playbook) setup complete: \(summary.performed.count) performed, \(summary.skipped.count) already done (log: \(logURL.path))")
            } catch {
                display.abandon()
                throw stop(error)
            }
        }

        /// The Python the virtual environment is made from, checked against the version the environment names.
        private func interpreter(version: String, environment: [String: String]) throws -> URL {
            if let explicit = python ?? environment["PYTHON"] {
                let url = explicit.contains("/") ? URL(fileURLWithPath: explicit) : (ExternalProcess.find(explicit, path: environment["PATH"]) ?? URL(fileURLWithPath: explicit))
                let found = PythonLocator.version(of: url, environment: environment)
                guard found == version else {
                    throw stop(BootstrapError.missingPrerequisite("\(explicit) is \(found.map { "Python \($0)" } ?? "not a working Python"); the environment \(self.environment) names Python \(version)"))
                }
                return url
            }
            let search = PythonLocator(environment: environment).find(version: version)
            guard let found = search.found else {
                throw stop(BootstrapError.missingPrerequisite("""
                    the environment \(self.environment) names Python \(version), and none was found (looked in: \(search.searched.joined(separator: "; "))).
                      Install Python \(version) (pyenv install \(version), uv python install \(version), or your system's package), \
                    or pass --python PATH, or use conda (--require-conda installs Miniforge).
                    """))
            }
            say("ripen: Python \(version) for the virtual environment: \(found.path)")
            return found
        }

        private func preview(_ bootstrapper: Bootstrapper) throws {
            do {
                say("Variables:")
                for (name, value) in try bootstrapper.variables() { say("  \(name)=\(value)") }
                let rows = try bootstrapper.preview()
                say("Steps (\(bootstrapper.plan.playbook) playbook; the same as \(bootstrapper.plan.script)):")
                for (step, done) in rows {
                    let state = done ? "done: would be skipped" : (step.root ? "would run as root" : "would run")
                    say("[\(step.number)/\(rows.count)] \(step.name) (\(state))")
                    say("  guard:  \(step.guardText.replacingOccurrences(of: "\n", with: "\n          "))")
                    if let download = step.download { say("  fetch:  \(download.url) (sha256 \(download.sha256))") }
                    say("  run:    \(step.command.replacingOccurrences(of: "\n", with: "\n          "))")
                    if let verify = step.verify { say("  check:  \(verify.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n          "))") }
                }
            } catch {
                throw stop(error)
            }
        }

        /// `sudo` without a prompt: already allowed (NOPASSWD or a fresh ticket), or after asking once on the terminal.
        private static func obtainRoot() -> Bool {
            guard let executable = ExternalProcess.find("sudo") else { return false }
            func sudo(_ arguments: [String], interactive: Bool) -> Bool {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                if !interactive {
                    process.standardInput = FileHandle.nullDevice
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                }
                guard (try? process.run()) != nil else { return false }
                process.waitUntilExit()
                return process.terminationStatus == 0
            }
            if sudo(["-n", "true"], interactive: false) { return true }
            guard isatty(STDIN_FILENO) == 1 else { return false }
            say("ripen: the next step needs root; sudo asks for your password once")
            return sudo(["-v"], interactive: true)
        }

        /// This very command, with --yes: what resumes the run.
        private var rerunCommand: String {
            var words = ["ripen"] + CommandLine.arguments.dropFirst().map(Quote.shellWord)
            if !yes { words.append("--yes") }
            return words.joined(separator: " ")
        }

        private func stop(_ error: Error) -> ExitCode {
            writeError("\(error)")
            switch error as? BootstrapError {
            case .interrupted: return ExitCode(130)
            case .io: return CLIExit.inputError.code
            default: return ExitCode(1)
            }
        }
    }
}

/// Unbuffered, so that these lines and the step display's interleave in order on a pipe.
private func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
