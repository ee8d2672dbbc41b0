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
        // Bound to loopback only: the same port on another local address is refused.
        let listening = try Tool.run("bash", ["-c", "ss -ltnH 'sport = :\(server.port)' | awk '{print $4}'"])
        #expect(listening.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("127.0.0.1:") }, "\(listening.stdout)")
        // ripen's own probes see a healthy server.
        let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: server.url, timeout: .seconds(10)), needed: [.mlflowServerReachable])
        #expect(outcomes[.mlflowServerReachable]?.status == .pass)
        server.stop()
        #expect(!server.isRunning)
        let after = try Tool.run("curl", ["-s", "--max-time", "2", server.url + "/health"])
        #expect(after.status != 0, "the server's process group must be gone")
    }
}
