import Foundation
import Testing
@testable import RipenKit

/// `ripen bootstrap` with the real runner on small playbooks of the test's own (a step is a file written),
/// so every path runs for real in seconds: resume, failure with its output tail and log, the check after a
/// step, Ctrl-C, root without sudo, the dry run, and the Python and conda it looks for. The real
/// environment install is `BootstrapInstallTests`.
@Suite struct BootstrapTests {
    /// A scratch folder with a playbooks folder (a `local` playbook of the test's own) and an output folder.
    final class Scratch {
        let root: URL
        var playbooks: URL { root.appendingPathComponent("playbooks") }
        var out: URL { root.appendingPathComponent("out") }
        var home: URL { root.appendingPathComponent("home") }

        init(playbook: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-bootstrap-\(UUID().uuidString)")
            for folder in [playbooks, home] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            try playbook.write(to: playbooks.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        }

        func bootstrap(_ extra: [String] = [], environment: [String: String] = [:]) throws -> RipenBinary.Output {
            try RipenBinary.run(["bootstrap", "--target", "local", "--out", out.path, "--playbooks", playbooks.path] + extra,
                                environment: ["HOME": home.path].merging(environment) { $1 })
        }

        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path) }

        var log: String { (try? String(contentsOf: out.appendingPathComponent(".ripen/bootstrap.log"), encoding: .utf8)) ?? "" }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static let threeSteps = """
    name: local
    target: local
    description: three steps of a test
    steps:
      - name: Write the first file
        run: echo "first step says hello"; touch "$RIPEN_DIR/one"
        creates: $RIPEN_DIR/one
      - name: Needs the marker
        run: |
          for i in $(seq 40); do echo "noise line $i"; done
          if [ ! -e "$RIPEN_DIR/marker" ]; then echo "the marker is missing" >&2; exit 3; fi
          touch "$RIPEN_DIR/two"
        creates: $RIPEN_DIR/two
      - name: Write the third file
        run: touch "$RIPEN_DIR/three"
        unless: test -e "$RIPEN_DIR/three"
        verify: test -e "$RIPEN_DIR/three"
    """

    @Test func failsWithTheTailResumesAtTheFailedStepAndThenDoesNothing() throws {
        let scratch = try Scratch(playbook: Self.threeSteps)

        let first = try scratch.bootstrap(["--yes"])
        #expect(first.status == 1, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("[1/3] Write the first file … done ("))
        #expect(first.stdout.contains("[2/3] Needs the marker … failed"))
        #expect(first.stderr.contains("step 2/3 failed: Needs the marker"))
        #expect(first.stderr.contains("exited with 3"))
        #expect(first.stderr.contains("| the marker is missing"))
        #expect(first.stderr.contains("| noise line 40"))
        #expect(!first.stderr.contains("noise line 1\n"), "the whole output instead of its tail")
        #expect(first.stderr.contains("--yes"), "the command to resume")
        #expect(scratch.exists("one") && !scratch.exists("two") && !scratch.exists("three"))
        // The whole output is in the log, first lines included.
        #expect(scratch.log.contains("first step says hello"))
        #expect(scratch.log.contains("noise line 1\n"))
        #expect(scratch.log.contains("the marker is missing"))
        // The steps are the generated script's: it exists beside the other setup files.
        #expect(scratch.exists("setup-local.sh") && scratch.exists("requirements.txt"))

        FileManager.default.createFile(atPath: scratch.out.appendingPathComponent("marker").path, contents: nil)
        let second = try scratch.bootstrap(["--yes"])
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stdout.contains("[1/3] Write the first file … already done"))
        #expect(second.stdout.contains("[2/3] Needs the marker … done ("))
        #expect(second.stdout.contains("[3/3] Write the third file … done ("))
        #expect(second.stdout.contains("2 performed, 1 already done"))

        let third = try scratch.bootstrap(["--yes"])
        #expect(third.status == 0)
        #expect(!third.stdout.contains("… done ("), "a step ran again:\n\(third.stdout)")
        #expect(third.stdout.contains("0 performed, 3 already done"))
        // Three runs, appended.
        #expect(scratch.log.components(separatedBy: "== ripen bootstrap: playbook local").count == 4)
    }

    @Test func aFailingCheckStopsTheRun() throws {
        let scratch = try Scratch(playbook: """
        name: local
        target: local
        description: a step whose check fails
        steps:
          - name: Claims success
            run: echo "did nothing, really"
            creates: $RIPEN_DIR/never
            verify: echo "the check looked and found nothing" >&2; exit 4
          - name: Never reached
            run: touch "$RIPEN_DIR/reached"
            creates: $RIPEN_DIR/reached
        """)
        let run = try scratch.bootstrap(["--yes"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("step 1/2 failed: Claims success"))
        #expect(run.stderr.contains("its check failed (exit 4)"))
        #expect(run.stderr.contains("| the check looked and found nothing"))
        #expect(!scratch.exists("reached"))
    }

    @Test func ctrlCStopsTheRunningStepsProcessGroupAndKeepsTheLog() throws {
        let scratch = try Scratch(playbook: """
        name: local
        target: local
        description: a step that waits
        steps:
          - name: Wait a long time
            run: |
              sleep 300 &
              echo $! > "$RIPEN_DIR/sleeper.pid"
              echo "waiting for the sleeper"
              wait
            creates: $RIPEN_DIR/never
          - name: Never reached
            run: touch "$RIPEN_DIR/reached"
            creates: $RIPEN_DIR/reached
        """)
        let process = Process()
        process.executableURL = RipenBinary.url
        process.arguments = ["bootstrap", "--target", "local", "--out", scratch.out.path, "--playbooks", scratch.playbooks.path, "--yes"]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": scratch.home.path]) { $1 }
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let pidFile = scratch.out.appendingPathComponent("sleeper.pid")
        let deadline = Date().addingTimeInterval(60)
        var sleeper: pid_t?
        while Date() < deadline, sleeper == nil {
            if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                sleeper = pid
            } else {
                usleep(100_000)
            }
        }
        let pid = try #require(sleeper, "the step never started")
        #expect(kill(pid, 0) == 0)
        kill(process.processIdentifier, SIGINT)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted during step 1"))
        // The sleeper was in the step's process group: it is gone (reaped by init, so give it a moment).
        var gone = false
        for _ in 0..<50 where !gone {
            gone = kill(pid, 0) != 0 || (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") == true
            if !gone { usleep(100_000) }
        }
        #expect(gone, "the step's child survived Ctrl-C")
        if !gone { kill(pid, SIGKILL) }
        #expect(scratch.log.contains("waiting for the sleeper"))
        #expect(scratch.log.contains("interrupted"))
        #expect(!scratch.exists("reached"))
    }

    @Test func aRootStepWithoutSudoStopsWithTheExactCommand() throws {
        let scratch = try Scratch(playbook: """
        name: local
        target: local
        description: a step that needs root
        variables:
          - {name: TARGET_USER, value: "$(id -un)"}
        steps:
          - name: Change the system
            root: true
            run: touch /etc/ripen-test-never
            creates: /etc/ripen-test-never
        """)
        var arguments = ["bootstrap", "--target", "local", "--out", scratch.out.path, "--playbooks", scratch.playbooks.path, "--yes"]
        var executable = RipenBinary.url
        if geteuid() == 0 {
            // As root there is nothing to ask for: run ripen as nobody.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.root.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.home.path)
            // A copy nobody can reach: the build folder may sit in root's private home.
            let copy = scratch.root.appendingPathComponent("ripen")
            try FileManager.default.copyItem(at: RipenBinary.url, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + arguments
            executable = URL(fileURLWithPath: "/usr/bin/setpriv")
        }
        // No sudo that works without a password: a PATH whose sudo always refuses.
        let bin = scratch.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n".write(to: bin.appendingPathComponent("sudo"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("sudo").path)
        let run = try RipenBinary.run(arguments, executable: executable,
                                      environment: ["HOME": scratch.home.path, "PATH": "\(bin.path):/usr/bin:/bin"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("step 1 needs root: Change the system"))
        #expect(run.stderr.contains("cd \(scratch.out.path) && sudo bash setup-local.sh 1"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/ripen-test-never"))
    }

    @Test func aDryRunChangesNothingAndShowsEachCommandWithItsGuard() throws {
        let scratch = try Scratch(playbook: Self.threeSteps)
        let run = try scratch.bootstrap(["--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.out.path), "a dry run wrote files")
        #expect(run.stdout.contains("would create: setup-local.sh"))
        #expect(run.stdout.contains("RIPEN_DIR=\(scratch.out.path)"))
        #expect(run.stdout.contains("[1/3] Write the first file (would run)"))
        #expect(run.stdout.contains("  guard:  test -e \"$RIPEN_DIR/one\""))
        #expect(run.stdout.contains("  run:    echo \"first step says hello\"; touch \"$RIPEN_DIR/one\""))
        #expect(run.stdout.contains("  check:  test -e \"$RIPEN_DIR/three\""))
    }

    @Test func withoutATerminalItRunsOnlyWithYes() throws {
        let scratch = try Scratch(playbook: Self.threeSteps)
        let run = try scratch.bootstrap()
        #expect(run.status == 2)
        #expect(run.stderr.contains("pass --yes"))
        #expect(!scratch.exists("one"))
    }

    /// The shipped playbook, the same steps both ways: every line bootstrap runs is in the generated script.
    @Test(arguments: [(Target.local, ["installer": "venv"]), (.local, ["installer": "conda"]), (.local, ["conda": "anaconda"]),
                      (.codespaces, [:]), (.ec2, [:])])
    func bootstrapRunsWhatTheScriptHolds(_ target: Target, _ settings: [String: String]) throws {
        let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: GenerationOptions(target: target, settings: settings))
        let files = try Generation.files([try #require(target.setupStack)], context: context)
        let script = try #require(files.first { $0.path == target.setupScript }).contents
        let plan = BootstrapPlan(context: context, ripenDirectory: URL(fileURLWithPath: "/srv/team"))
        let steps = context.playbook.selected(context.optionValues).steps
        #expect(plan.steps.map(\.name) == steps.map(\.name))
        #expect(!plan.steps.isEmpty)
        for step in plan.steps {
            #expect(script.contains(Quote.shell("ripen: [\(step.number)/\(plan.steps.count)] \(step.name)")))
            #expect(script.contains("  if \(step.guardLine); then\n"))
            for line in step.runLines { #expect(script.contains("  \(line)\n"), "\(line)") }
            if let verify = step.verifyLine { #expect(script.contains("  if ! \(verify); then\n")) }
        }
        // The preamble is the script's, but for where the files are.
        let directory = target == .local ? "$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)"
            : "$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)"
        #expect(script.contains(PlaybookScript.preamble(context, ripenDirectory: directory)))
        #expect(plan.script("").hasPrefix(PlaybookScript.preamble(context, ripenDirectory: Quote.shell("/srv/team"))))
    }

    /// A platform team's step, added to a copy of the shipped playbook, appears in the generated script and
    /// in bootstrap: one source of truth.
    @Test func aStepAddedToAPlaybookAppearsInBoth() throws {
        var playbook = try String(contentsOf: PackagePaths.root.appendingPathComponent("playbooks/local.yaml"), encoding: .utf8)
        playbook += """
          - name: Install the team pre-commit hooks
            run: touch "$RIPEN_DIR/.hooks-installed"
            creates: $RIPEN_DIR/.hooks-installed

        """
        let scratch = try Scratch(playbook: playbook)
        let generated = try RipenBinary.run(["generate", "local", "--out", scratch.out.path, "--playbooks", scratch.playbooks.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let script = try String(contentsOf: scratch.out.appendingPathComponent("setup-local.sh"), encoding: .utf8)
        #expect(script.contains("Install the team pre-commit hooks"))
        let dry = try scratch.bootstrap(["--dry-run", "--set", "installer=conda"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Install the team pre-commit hooks (would run)"))
    }
}
