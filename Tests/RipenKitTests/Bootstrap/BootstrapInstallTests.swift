import Foundation
import Testing
@testable import RipenKit

/// The done-when, for real, on a fresh HOME and without conda: `ripen bootstrap --target local
/// --env exp-tracking --yes` builds the environment from PyPI as a virtual environment, starts the
/// tracking server with the generated script, and the audit finds the server. A package that does not
/// exist stops the run at its step with the output tail; after the fix the run resumes there; a third
/// run does nothing. The server is stopped by its process group. Slow (wheels are cached between runs):
/// it runs in the suite's second pass.
@Suite(.serialized) struct BootstrapInstallTests {
    @Test func bootstrapInstallsTheEnvironmentStartsTheServerAndResumesAfterAFailedStep() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-bootstrap-install-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        let out = root.appendingPathComponent("out")
        let environments = root.appendingPathComponent("environments")
        for folder in [home, environments] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let pidFile = out.appendingPathComponent("tracking-server/mlflow-data/server.pid")
        var serverStopped = false
        defer {
            // Whatever happened, the server goes: by its process group, as its start script says. Only while
            // it may still run: a group number that is gone can soon belong to another test's process.
            if !serverStopped, let text = try? String(contentsOf: pidFile, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(-pid, SIGKILL)
            }
            try? FileManager.default.removeItem(at: root)
        }

        let shippedURL = PackagePaths.root.appendingPathComponent("environments/exp-tracking.yaml")
        let shipped = try String(contentsOf: shippedURL, encoding: .utf8)
        // A pin that does not exist, first, so that pip stops before fetching the rest.
        let broken = shipped.replacingOccurrences(of: "\npip:\n", with: "\npip:\n  - ripen-test-no-such-package==0.0.1\n")
        try #require(broken != shipped)
        let file = environments.appendingPathComponent("exp-tracking.yaml")
        try broken.write(to: file, atomically: true, encoding: .utf8)

        let port = try ServerProcess.freePort()
        // No telemetry from a test's server (and MLflow 3.17's telemetry client can crash it at start under load).
        let environment = ["HOME": home.path, "MLFLOW_PORT": String(port), "PIP_CACHE_DIR": MachineSetup.pipCache,
                           "PATH": MachineSetup.pathWithoutConda, "MLFLOW_DISABLE_TELEMETRY": "true"]
        let arguments = ["bootstrap", "--target", "local", "--env", "exp-tracking", "--yes", "--out", out.path,
                         "--environments", environments.path]

        let failed = try RipenBinary.runLeavingDaemons(arguments, environment: environment)
        #expect(failed.status == 1, "\(failed.stdout)\n\(failed.stderr)")
        #expect(failed.stdout.contains("conda, mamba and micromamba not found"))
        #expect(failed.stdout.contains("[1/3] Create the virtual environment … done ("))
        #expect(failed.stderr.contains("step 2/3 failed: Install the pinned packages into the virtual environment"))
        #expect(failed.stderr.contains("ripen-test-no-such-package"), "the tail names the package:\n\(failed.stderr)")
        let log = try String(contentsOf: out.appendingPathComponent(".ripen/bootstrap.log"), encoding: .utf8)
        #expect(log.contains("No matching distribution found for ripen-test-no-such-package==0.0.1"))

        // The fix: the environment file as shipped. The run resumes at the failed step.
        try shipped.write(to: file, atomically: true, encoding: .utf8)
        let started = Date()
        let installed = try RipenBinary.runLeavingDaemons(arguments, environment: environment)
        let seconds = Date().timeIntervalSince(started)
        #expect(installed.status == 0, "\(installed.stdout)\n\(installed.stderr)")
        #expect(installed.stdout.contains("[1/3] Create the virtual environment … already done"))
        #expect(installed.stdout.contains("[2/3] Install the pinned packages into the virtual environment … done ("))
        #expect(installed.stdout.contains("[3/3] Start the tracking server on 127.0.0.1"))
        FileHandle.standardError.write(Data("bootstrap: installing exp-tracking and starting the server took \(Int(seconds)) s\n".utf8))

        // Every pinned package, at its pinned version, in the environment's Python.
        let spec = try ProvisioningCatalog.load().environment("exp-tracking")
        let python = home.appendingPathComponent(".venvs/exp-tracking/bin/python").path
        #expect(try MachineSetup.missingPins(spec, python: python) == [])
        let version = try MachineSetup.shell("\(Quote.shell(python)) -c 'import sys; print(\"%d.%d\" % sys.version_info[:2])'")
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == spec.python)

        // The audit reaches the server the bootstrap started.
        let audit = try RipenBinary.run(["audit", out.path, "--tracking-uri", "http://127.0.0.1:\(port)", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any], "\(audit.stderr)")
        let checks = try #require(report["checks"] as? [[String: Any]])
        let reachable = try #require(checks.first { $0["id"] as? String == "mlflow-server-reachable" })
        #expect(reachable["status"] as? String == "pass", "\(reachable)")

        // A third run performs no step.
        let again = try RipenBinary.runLeavingDaemons(arguments, environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 performed, 3 already done"), "\(again.stdout)")
        #expect(!again.stdout.contains("… done ("))

        // Stopped by its process group: every process of the server goes.
        let pid = try #require(pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pid, SIGTERM) == 0)
        var stopped = false
        for _ in 0..<200 where !stopped {
            stopped = kill(-pid, 0) != 0
            if !stopped { usleep(100_000) }
        }
        #expect(stopped, "the server's process group outlived SIGTERM by 20 s")
        serverStopped = stopped
    }
}
