import Foundation
import Testing
@testable import RipenKit

/// A loopback port with a listener that accepts connections (through the backlog) and never answers.
final class SilentListener {
    let fd: Int32
    let port: Int

    init() throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(sock, 16) == 0 else {
            close(sock)
            throw CocoaError(.featureUnsupported)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &length) }
        }
        fd = sock
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// Probes against endpoints that fail in the ways real ones do; each failure has its own message, an
/// unreachable server leaves checks not assessed (never failed), and a silent one costs only the timeout.
@Suite struct ProbeFaultTests {
    /// A port that was just free: nothing listens there.
    static func closedPort() throws -> Int {
        let listener = try SilentListener()
        return listener.port // closed when the listener is released
    }

    static let everything = Set(ProbeKind.allCases)

    @Test func closedPortIsNotAssessedWithWhatToDo() async throws {
        let port = try Self.closedPort()
        let options = ProbeOptions(trackingURI: "http://127.0.0.1:\(port)", prometheusURL: "http://127.0.0.1:\(port)",
                                   timeout: .seconds(2))
        let outcomes = await ProbeRunner.run(options, needed: Self.everything)
        let reachable = try #require(outcomes[.mlflowServerReachable])
        #expect(reachable.status == .notAssessed)
        #expect(reachable.reason == "cannot connect to http://127.0.0.1:\(port)/health: connection refused. Is the server running there? Start it, or pass the right address.")
        #expect(outcomes[.mlflowRegisteredModels]?.status == .notAssessed)
        #expect(outcomes[.prometheusTargetsUp]?.reason?.hasPrefix("cannot connect to http://127.0.0.1:\(port)/-/healthy") == true)
    }

    /// The deadline fires: every probe gives up with the timeout's message. How long that takes is measured
    /// on an idle machine by scripts/check-probe-timing (timeout + 1 s), not here, where the rest of the suite
    /// shares the cores; the time limit only turns a probe that waits forever into a failure.
    @Test(.timeLimit(.minutes(1))) func silentServerCostsOnlyTheTimeout() async throws {
        let listener = try SilentListener()
        let options = ProbeOptions(trackingURI: "http://127.0.0.1:\(listener.port)",
                                   prometheusURL: "http://127.0.0.1:\(listener.port)", timeout: .seconds(2))
        let outcomes = await ProbeRunner.run(options, needed: Self.everything)
        for kind in [ProbeKind.mlflowServerReachable, .mlflowExperimentsHaveRuns, .mlflowRegisteredModels, .prometheusTargetsUp] {
            #expect(outcomes[kind]?.status == .notAssessed)
            #expect(outcomes[kind]?.reason?.contains("within 2 s (--probe-timeout)") == true, "\(kind): \(outcomes[kind]?.reason ?? "")")
        }
    }

    @Test func localStoreSaysSo() async throws {
        let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: "file:./mlruns"), needed: Self.everything)
        #expect(outcomes[.mlflowServerReachable]?.status == .fail)
        #expect(outcomes[.mlflowServerReachable]?.reason?.hasPrefix("file:./mlruns is a local store") == true)
        #expect(outcomes[.mlflowExperimentsHaveRuns]?.status == .notAssessed)
    }

    @Test func secretsNeverAppearInMessages() async throws {
        let port = try Self.closedPort()
        let secret = "s3cr3t-token-value"
        let options = ProbeOptions(trackingURI: "http://127.0.0.1:\(port)", timeout: .seconds(1),
                                   credentials: Credentials(token: secret))
        let outcomes = await ProbeRunner.run(options, needed: Self.everything)
        for outcome in outcomes.values {
            #expect(!(outcome.reason ?? "").contains(secret))
        }
        #expect(Credentials(token: secret).redact("Authorization: Bearer \(secret)") == "Authorization: ***")
        #expect(Redaction.scrub("https://alice:pw@mlflow.example.com/") == "https://***@mlflow.example.com/")
        #expect(Redaction.scrub("cannot connect to postgresql://mlflow:hunter2@db:5432/mlflow") == "cannot connect to postgresql://***@db:5432/mlflow")
        #expect(Redaction.scrub("GET https://h/x?run=1&access_token=abc&X-Amz-Signature=f00 failed") == "GET https://h/x?run=1&access_token=***&X-Amz-Signature=*** failed")
        #expect(Redaction.scrub("GET https://h/api?experiment_id=3") == "GET https://h/api?experiment_id=3")
    }

    /// Tried as an operator would: credentials in the URIs and in MLflow's variables, every format searched.
    @Test func noCredentialInAnyReportFormat() throws {
        let port = try Self.closedPort()
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let secrets = ["topsecret", "q-secret-token", "prom-secret", "env-token-value", "env-password-value", "alice"]
        // Every format of one audit, and every format of a fleet audit (with a credential in a clone URL too).
        let runs = Reporters.identifiers.map { ["audit", repo.path, "--format", $0] }
            + FleetReporters.identifiers.map {
                ["audit", repo.path, repo.path, "https://dave:topsecret@127.0.0.1:\(port)/team/repo.git", "--format", $0]
            }
        for run in runs {
            let format = run.joined(separator: " ")
            let output = try RipenBinary.run(
                run + ["--probe-timeout", "1",
                 "--tracking-uri", "http://alice:topsecret@127.0.0.1:\(port)/?token=q-secret-token",
                 "--prometheus-url", "http://bob:prom-secret@127.0.0.1:\(port)/"],
                environment: ["MLFLOW_TRACKING_TOKEN": "env-token-value", "MLFLOW_TRACKING_USERNAME": "carol",
                              "MLFLOW_TRACKING_PASSWORD": "env-password-value"])
            let fleet = run.count > 4
            #expect(output.status == (fleet ? 2 : 0), "\(output.stderr)")
            #expect(output.stdout.contains("127.0.0.1:\(port)") || run.contains("badge"), "the report names the system it probed")
            for secret in secrets {
                #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "\(format) shows \(secret)")
            }
        }
    }

    @Test func withoutEndpointsProbeChecksNameTheFlag() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let result = try repo.audit()
        #expect(result.status("mlflow-server-reachable") == .notAssessed)
        #expect(result.check("mlflow-server-reachable")?.reason == "probe 'mlflow-server-reachable' not run: pass --tracking-uri URL (or MLFLOW_TRACKING_URI)")
        #expect(result.check("docker-daemon")?.reason == "probe 'docker-daemon' not run: pass --infra")
        #expect(result.status("release-managed-by-pipeline") == .notAssessed)
    }

    @Test func attestedAnswersAreMarkedAsSuch() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let answers = repo.url.appendingPathComponent("answers.yaml")
        try "release-managed-by-pipeline: yes\nscientists-and-engineers-build-jobs-together: no\n".write(to: answers, atomically: true, encoding: .utf8)
        let result = try Auditor.run(AuditOptions(repository: repo.url, answers: try Answers.load(answers)))
        let release = try #require(result.check("release-managed-by-pipeline"))
        #expect(release.status == .pass)
        #expect(release.attested)
        #expect(release.evidence.first?.source == .answer)
        #expect(result.status("scientists-and-engineers-build-jobs-together") == .fail)
        try "release-managed-by-pipeline: maybe\n".write(to: answers, atomically: true, encoding: .utf8)
        #expect(throws: SpecErrors.self) { try Answers.load(answers) }
    }
}
