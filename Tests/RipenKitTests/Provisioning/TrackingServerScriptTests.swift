import Foundation
import Testing
@testable import RipenKit

/// The generated start-tracking-server.sh, run for real with MLflow from PyPI.
@Suite struct TrackingServerScriptTests {
    @Test func startScriptServesHealthAndExperiments() async throws {
        let tree = try GeneratedTree([.trackingServer], options: GenerationOptions(target: .local))
        let script = tree.path("tracking-server/start-tracking-server.sh")
        let server = try ServerProcess(name: "start-script", environment: ["MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"]) { port, directory in
            ["env", "MLFLOW_PORT=\(port)", "MLFLOW_DATA=\(directory.appendingPathComponent("data").path)", "bash", script]
        }
        defer { server.stop() }
        try await server.waitUntil("/health", contains: "OK")
        let search = try Tool.run("curl", ["-sf", "--max-time", "5", server.url + "/api/2.0/mlflow/experiments/search?max_results=10"])
        #expect(search.status == 0)
        #expect(search.stdout.range(of: #""name": ?"Default""#, options: .regularExpression) != nil, "\(search.stdout)")
        // Bound to loopback only, as the kernel's socket table shows.
        let listening = try Tool.run("bash", ["-c", "ss -ltnH 'sport = :\(server.port)' | awk '{print $4}'"])
        let sockets = listening.stdout.split(separator: "\n")
        #expect(!sockets.isEmpty && sockets.allSatisfy { $0.hasPrefix("127.0.0.1:") }, "listening on: \(listening.stdout)\(listening.stderr)")
        // ripen's own probes see a healthy server.
        let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: server.url, timeout: LiveServers.probeTimeout), needed: [.mlflowServerReachable])
        #expect(outcomes[.mlflowServerReachable]?.status == .pass)
        server.stop()
        #expect(!server.isRunning)
        let after = try Tool.run("curl", ["-s", "--max-time", "2", server.url + "/health"])
        #expect(after.status != 0, "the server's process group must be gone")
    }

    /// --background, as the devcontainer's postStartCommand runs it: starts once, says so the second
    /// time, and the documented kill of its process group stops every MLflow process.
    @Test func backgroundModeStartsOnceAndStopsAsDocumented() async throws {
        let tree = try GeneratedTree([.trackingServer], options: GenerationOptions(target: .codespaces))
        let script = tree.path("tracking-server/start-tracking-server.sh")
        let port = try ServerProcess.freePort()
        let data = tree.url.appendingPathComponent("server-data")
        let environment = ["MLFLOW_PORT": "\(port)", "MLFLOW_DATA": data.path, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"]
        // Through Python, which closes inherited descriptors (Foundation's Process learns of a child's exit
        // from a socket the child inherits, so a daemon started by the child would keep it waiting) and
        // unblocks the signals the test process blocks (else the daemon could never get SIGTERM).
        func runDetached() throws -> RipenBinary.Output {
            try RipenBinary.run(["-c", """
                import signal, subprocess, sys
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
                sys.stdout.write(r.stdout); sys.stderr.write(r.stderr); sys.exit(r.returncode)
                """, "bash", script, "--background"], executable: try Tool.path("python3"), environment: environment)
        }
        let started = try runDetached()
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("ripen: MLflow starting on http://127.0.0.1:\(port)"))
        let pid = try String(contentsOf: data.appendingPathComponent("server.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Tool.run("bash", ["-c", "kill -9 -- -\(pid) 2>/dev/null"]) }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(120)
        var healthy = false
        while clock.now < deadline, !healthy {
            healthy = (try? Tool.run("curl", ["-sf", "--max-time", "2", "http://127.0.0.1:\(port)/health"]))?.stdout.contains("OK") == true
            if !healthy { try await Task.sleep(for: .milliseconds(300)) }
        }
        #expect(healthy, "\((try? String(contentsOf: data.appendingPathComponent("server.log"), encoding: .utf8)) ?? "")")
        let again = try runDetached()
        #expect(again.stdout.contains("ripen: MLflow already runs (pid \(pid))"))

        #expect(try Tool.run("bash", ["-c", "kill -- -\(pid)"]).status == 0)
        var gone = false
        for _ in 0..<100 where !gone {
            // Living members only: a zombie waits for a parent that may never reap it (PID 1 in a container).
            gone = try Tool.run("bash", ["-c", "ps -eo pgid=,stat= | awk '$1 == \(pid) && $2 !~ /^Z/' | grep -q ."]).status != 0
            if !gone { try await Task.sleep(for: .milliseconds(100)) }
        }
        let left = (try? Tool.run("bash", ["-c", "ps -eo pid,pgid,stat,args | awk '$2 == \(pid)'"]))?.stdout ?? ""
        #expect(gone, "processes of the server's group outlived the documented kill:\n\(left)")
    }
}
