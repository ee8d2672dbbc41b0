import Foundation
import Testing
@testable import RipenKit

/// F11: a server that answers at once and then trickles its body (a byte every half second) held the
/// audit for as long as it kept sending, whatever `--probe-timeout` said. The whole answer, body
/// included, must meet the probe's deadline. How close to the timeout it finishes is measured on an
/// idle machine by scripts/check-probe-timing; here the time limit turns "waits for hours" into a failure.
@Suite struct ProbeTrickleTests {
    /// The server's first answer takes forever by design: wait for its port, not for an answer.
    static func waitUntilListening(_ port: Int) async throws {
        for _ in 0..<200 {
            let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(sock)
            if connected == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcess.Failed(description: "nothing listens on \(port) after 20 s")
    }

    @Test(.timeLimit(.minutes(1))) func aTricklingBodyMeetsTheProbeTimeout() async throws {
        let server = try LiveServers.fake("trickle")
        defer { server.stop() }
        try await Self.waitUntilListening(server.port)
        let output = try RipenBinary.run([
            "audit", PackagePaths.root.appendingPathComponent("examples/taxi-duration").path,
            "--tracking-uri", server.url, "--probe-timeout", "2", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        let reachable = checks.first { $0["id"] as? String == "mlflow-server-reachable" }
        #expect(reachable?["status"] as? String == "not-assessed", "\(reachable ?? [:])")
        #expect((reachable?["reason"] as? String)?.contains("within 2 s (--probe-timeout)") == true, "\(reachable ?? [:])")
    }
}
