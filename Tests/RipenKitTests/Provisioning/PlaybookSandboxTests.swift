import Foundation
import Testing
@testable import RipenKit

/// The generated setup scripts run for real, twice, in a sandbox where the system-changing commands
/// (apt-get, usermod, curl, docker, conda...) are stand-ins that record what they were asked and keep an
/// imagined machine state. The first run performs every step; the second performs none: every guard holds.
@Suite(.serialized) struct PlaybookSandboxTests {
    final class Sandbox {
        let root: URL
        let bin: URL
        let state: URL
        let log: URL
        let home: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-sandbox-\(UUID().uuidString)")
            bin = root.appendingPathComponent("bin")
            state = root.appendingPathComponent("state")
            log = root.appendingPathComponent("log")
            home = root.appendingPathComponent("home/ubuntu")
            for folder in [bin, state, home] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let shim = PackagePaths.fixtures.appendingPathComponent("sandbox/shim").path
            for name in ["id", "sudo", "apt-get", "dpkg", "getent", "groupadd", "usermod", "curl", "sha256sum", "docker", "conda-standin"] {
                try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(name).path, withDestinationPath: shim)
            }
        }

        var environment: [String: String] {
            ["PATH": "\(bin.path):/usr/bin:/bin", "HOME": home.path, "TARGET_HOME": home.path, "TARGET_USER": "ubuntu",
             "SANDBOX_STATE": state.path, "SANDBOX_LOG": log.path, "SANDBOX_BIN": bin.path]
        }

        func run(_ script: String, extra: [String: String] = [:]) throws -> RipenBinary.Output {
            try RipenBinary.run([script], executable: URL(fileURLWithPath: "/bin/bash"),
                                environment: environment.merging(extra) { $1 })
        }

        var changes: [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.hasPrefix("CHANGE") }.map(String.init)
        }

        var recorded: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var target: Target
        var script: String
        var settings: [String: String] = [:]
        var testDescription: String { "\(target.rawValue) \(script) \(settings)" }
    }

    static let cases = [
        Case(target: .ec2, script: "ec2/setup.sh"),
        Case(target: .ec2, script: "ec2/setup.sh", settings: ["conda": "anaconda"]),
        Case(target: .codespaces, script: ".devcontainer/post-create.sh"),
        Case(target: .local, script: "setup-local.sh"),
    ]

    @Test(arguments: cases) func secondRunPerformsNoStep(_ testCase: Case) throws {
        let tree = try GeneratedTree(options: GenerationOptions(target: testCase.target, settings: testCase.settings))
        let sandbox = try Sandbox()
        var extra: [String: String] = [:]
        if testCase.target == .codespaces {
            // The devcontainer's conda feature provides conda at CONDA_DIR.
            let conda = sandbox.root.appendingPathComponent("opt/conda")
            try FileManager.default.createDirectory(at: conda.appendingPathComponent("bin"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PackagePaths.fixtures.appendingPathComponent("sandbox/shim").path,
                                             toPath: conda.appendingPathComponent("bin/conda").path)
            extra["CONDA_DIR"] = conda.path
        }
        let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: GenerationOptions(target: testCase.target, settings: testCase.settings))
        let steps = context.playbook.selected(context.optionValues).steps

        let first = try sandbox.run(tree.path(testCase.script), extra: extra)
        #expect(first.status == 0, "first run failed:\n\(first.stdout)\n\(first.stderr)\n\(sandbox.recorded)")
        for (index, step) in steps.enumerated() {
            #expect(first.stdout.contains("ripen: [\(index + 1)/\(steps.count)] \(step.name)\n"), "step \(index + 1) did not run:\n\(first.stdout)")
        }
        #expect(first.stdout.contains("setup complete"))
        let changesAfterFirst = sandbox.changes
        #expect(!changesAfterFirst.isEmpty || testCase.target == .codespaces)
        // Every download was checked against the sha256 pinned in the playbook.
        for download in steps.compactMap(\.download) {
            #expect(sandbox.recorded.contains("CHANGE curl download \(download.url)"))
            #expect(sandbox.recorded.contains("QUERY sha256sum check \(download.sha256)"))
        }

        let second = try sandbox.run(tree.path(testCase.script), extra: extra)
        #expect(second.status == 0, "second run failed:\n\(second.stdout)\n\(second.stderr)")
        for (index, step) in steps.enumerated() {
            #expect(second.stdout.contains("ripen: [\(index + 1)/\(steps.count)] \(step.name): already done"),
                    "step \(index + 1) ran again:\n\(second.stdout)")
        }
        #expect(sandbox.changes == changesAfterFirst, "the second run changed the machine: \(sandbox.changes.dropFirst(changesAfterFirst.count))")
    }

    /// `ripen bootstrap` changes the machine exactly as the generated script does: the same stand-ins see
    /// the same changes in the same order, and a second bootstrap performs no step.
    @Test(arguments: cases) func bootstrapChangesWhatTheScriptChanges(_ testCase: Case) throws {
        let tree = try GeneratedTree(options: GenerationOptions(target: testCase.target, settings: testCase.settings))
        func condaExtra(_ sandbox: Sandbox) throws -> [String: String] {
            guard testCase.target == .codespaces else { return [:] }
            let conda = sandbox.root.appendingPathComponent("opt/conda")
            try FileManager.default.createDirectory(at: conda.appendingPathComponent("bin"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PackagePaths.fixtures.appendingPathComponent("sandbox/shim").path,
                                             toPath: conda.appendingPathComponent("bin/conda").path)
            return ["CONDA_DIR": conda.path]
        }
        func normalised(_ sandbox: Sandbox, ripenDirectory: String) -> [String] {
            sandbox.changes.map {
                $0.replacingOccurrences(of: ripenDirectory, with: "<ripen-dir>").replacingOccurrences(of: sandbox.root.path, with: "<sandbox>")
            }
        }
        let scripted = try Sandbox()
        let scriptRun = try scripted.run(tree.path(testCase.script), extra: try condaExtra(scripted))
        #expect(scriptRun.status == 0, "\(scriptRun.stderr)")

        let bootstrapped = try Sandbox()
        let out = bootstrapped.root.appendingPathComponent("out")
        // The sandbox has no conda on PATH: the local playbook is asked for conda, as the script's default.
        let settings = testCase.settings.merging(testCase.target == .local ? ["installer": "conda"] : [:]) { $1 }
        let arguments = ["bootstrap", "--target", testCase.target.rawValue, "--out", out.path, "--yes"]
            + settings.keys.sorted().flatMap { ["--set", "\($0)=\(settings[$0]!)"] }
        let environment = bootstrapped.environment.merging(try condaExtra(bootstrapped)) { $1 }
        let first = try RipenBinary.run(arguments, environment: environment)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(normalised(bootstrapped, ripenDirectory: out.path) == normalised(scripted, ripenDirectory: tree.url.path))
        #expect(!first.stdout.contains("… already done"))

        let before = bootstrapped.changes
        let second = try RipenBinary.run(arguments, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 performed"), "\(second.stdout)")
        #expect(bootstrapped.changes == before)
    }

    /// The checksum check for real: real sha256sum over what the download stand-in wrote.
    @Test func aDownloadThatDoesNotMatchItsHashIsNeverRun() throws {
        let tree = try GeneratedTree([.ec2], options: GenerationOptions(target: .ec2))
        let sandbox = try Sandbox()
        try FileManager.default.removeItem(at: sandbox.bin.appendingPathComponent("sha256sum"))
        let script = try tree.text("ec2/setup.sh")
        let fetch = try #require(script.range(of: "fetch() {").flatMap { start in
            script.range(of: "\n}\n", range: start.lowerBound..<script.endIndex).map { script[start.lowerBound...$0.lowerBound] }
        })
        let probe = sandbox.root.appendingPathComponent("probe.sh")
        // The stand-in writes a known installer; its real hash is computed here.
        let installer = sandbox.root.appendingPathComponent("expected")
        try """
        set -euo pipefail
        \(fetch)}
        fetch https://example.com/installer.sh "$1" > /dev/null
        echo fetched
        """.write(to: probe, atomically: true, encoding: .utf8)
        let content = try RipenBinary.run(["-c", "SANDBOX_BIN=\(sandbox.bin.path) SANDBOX_LOG=/dev/null SANDBOX_STATE=\(sandbox.state.path) \(sandbox.bin.path)/curl -o \(installer.path) https://example.com/installer.sh && sha256sum \(installer.path) | cut -d' ' -f1"],
                                          executable: URL(fileURLWithPath: "/bin/bash"))
        let good = content.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(good.count == 64)
        let ok = try RipenBinary.run([probe.path, good], executable: URL(fileURLWithPath: "/bin/bash"), environment: sandbox.environment)
        #expect(ok.status == 0 && ok.stdout.contains("fetched"), "\(ok.stderr)")
        let bad = try RipenBinary.run([probe.path, String(repeating: "0", count: 64)], executable: URL(fileURLWithPath: "/bin/bash"),
                                      environment: sandbox.environment)
        #expect(bad.status != 0)
        #expect(!bad.stdout.contains("fetched"))
        #expect(bad.stderr.contains("does not match its pinned sha256"))
    }
}
