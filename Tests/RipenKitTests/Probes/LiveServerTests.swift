import Foundation
import Testing
@testable import RipenKit

/// Real servers, installed by scripts/install-test-tools: MLflow from PyPI, Prometheus from Debian.
enum LiveServers {
    /// `mlflow server` on SQLite with local artifacts, without the job-runner processes nobody here needs.
    static func mlflow(allowedHosts: String? = nil) throws -> ServerProcess {
        try ServerProcess(name: "mlflow", environment: ["MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"]) { port, directory in
            ["mlflow", "server", "--host", "127.0.0.1", "--port", "\(port)", "--workers", "1",
             "--backend-store-uri", "sqlite:///\(directory.path)/mlflow.db",
             "--artifacts-destination", directory.appendingPathComponent("artifacts").path]
                + (allowedHosts.map { ["--allowed-hosts", $0] } ?? [])
        }
    }

    /// Fills an MLflow server through MLflow's own Python client (see Fixtures/servers/seed_mlflow.py).
    static func seed(_ server: ServerProcess) throws {
        let script = PackagePaths.fixtures.appendingPathComponent("servers/seed_mlflow.py").path
        let output = try Tool.run("python3", [script, server.url])
        guard output.status == 0, output.stdout.contains("seeded") else {
            throw ServerProcess.Failed(description: "seeding \(server.url) failed: \(output.stderr.suffix(3000))")
        }
    }

    /// Fixtures/servers/fake_server.py in one of its modes (html, 401, 404, tls).
    static func fake(_ mode: String) throws -> ServerProcess {
        let script = PackagePaths.fixtures.appendingPathComponent("servers/fake_server.py").path
        return try ServerProcess(name: "fake-\(mode)") { port, directory in
            guard mode == "tls" else { return ["python3", script, "\(port)", mode] }
            let certificate = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let made = try Tool.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                                "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", certificate])
            guard made.status == 0 else { throw ServerProcess.Failed(description: "openssl: \(made.stderr)") }
            return ["python3", script, "\(port)", mode, certificate, key]
        }
    }

    /// Generous: these servers answer at once, and the deadline must not fire while the rest of the suite
    /// keeps both cores (and the concurrency pool) busy. Timeouts themselves are tested against silent servers.
    static let probeTimeout: Duration = .seconds(30)

    static let mlflowKinds: Set<ProbeKind> = [.mlflowServerReachable, .mlflowExperimentsHaveRuns, .mlflowRunsTraceable,
                                               .mlflowRegisteredModels, .mlflowModelPromoted]
}

@Suite struct LiveServerTests {
    /// Empty first: reachable, every other check fails with its reason. Then seeded through MLflow's client:
    /// every check passes, naming what it found. Then a level-1 repository plus this server reaches level 2.
    @Test func mlflowEmptyThenSeeded() async throws {
        let server = try LiveServers.mlflow()
        defer { server.stop() }
        try await server.waitUntil("/health", contains: "OK")
        let options = ProbeOptions(trackingURI: server.url, timeout: LiveServers.probeTimeout)

        let empty = await ProbeRunner.run(options, needed: LiveServers.mlflowKinds)
        #expect(empty[.mlflowServerReachable]?.status == .pass)
        let health = empty[.mlflowServerReachable]?.evidence.first?.text ?? ""
        #expect(health.hasPrefix("GET \(server.url)/health answered OK; MLflow 3."), "\(health)")
        #expect(empty[.mlflowExperimentsHaveRuns]?.status == .fail)
        #expect(empty[.mlflowExperimentsHaveRuns]?.reason == "no runs in the last 90 days in 0 experiment(s) besides Default on \(server.url)")
        #expect(empty[.mlflowRunsTraceable]?.reason == "no runs in the last 90 days to trace on \(server.url)")
        #expect(empty[.mlflowRegisteredModels]?.status == .fail)
        #expect(empty[.mlflowRegisteredModels]?.reason == "no registered model with versions on \(server.url) (0 registered model(s) without versions)")
        #expect(empty[.mlflowModelPromoted]?.reason == "no model version on \(server.url) has an alias (e.g. champion) or stage Production")

        try LiveServers.seed(server)
        let seeded = await ProbeRunner.run(options, needed: LiveServers.mlflowKinds)
        for kind in LiveServers.mlflowKinds {
            #expect(seeded[kind]?.status == .pass, "\(kind): \(seeded[kind]?.reason ?? "")")
        }
        #expect(seeded[.mlflowExperimentsHaveRuns]?.evidence.map(\.text) == ["experiment 'taxi-duration': 2 run(s) in the last 90 days"])
        #expect(seeded[.mlflowRunsTraceable]?.evidence.first?.text == "2 of 2 recent run(s) carry mlflow.source.git.commit; 2 log dataset inputs")
        #expect(seeded[.mlflowRegisteredModels]?.evidence.map(\.text) == ["registered model 'taxi-duration': 2 version(s)"])
        #expect(seeded[.mlflowModelPromoted]?.evidence.map(\.text) == ["'taxi-duration' version 2 has alias 'champion'"])

        // One item per page: every search follows next_page_token to the same findings.
        let transport = HTTPTransport(credentials: Credentials(), timeout: LiveServers.probeTimeout)
        let paged = await MLflowProbes(base: server.url, transport: transport, recentDays: 90, pageSize: 1).run()
        await transport.shutdown()
        for kind in LiveServers.mlflowKinds {
            #expect(paged[kind]?.status == .pass, "\(kind): \(paged[kind]?.reason ?? "")")
            #expect(paged[kind]?.evidence.map(\.text) == seeded[kind]?.evidence.map(\.text), "\(kind) paged")
        }

        // A level-1 repository alone stays at 1; with the seeded server its tracking capability is proven
        // by the server, and the report says which evidence came from where.
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        #expect(try repo.audit().level == 1)
        let result = try await Auditor.audit(AuditOptions(repository: repo.url, probes: options))
        for id in ["mlflow-server-reachable", "mlflow-experiments-have-runs", "mlflow-runs-traceable",
                   "mlflow-registered-models", "mlflow-model-promoted"] {
            #expect(result.status(id) == .pass, "\(id): \(result.check(id)?.reason ?? "")")
            #expect(result.check(id)?.evidence.allSatisfy { $0.source == .probe } == true)
        }
        #expect(result.level == 2)
        let text = TextReporter.render(result, style: ReportStyle())
        #expect(text.contains("live: MLflow \(server.url)"))
        #expect(text.contains("live  experiment 'taxi-duration': 2 run(s) in the last 90 days"))
        #expect(text.contains("Level 2 · Automated Training · reached\n  from the live systems: experiment-tracking, central-tracking, model-registry"), "\(text)")
    }

    /// MLflow 3 refuses API calls whose Host header is not in --allowed-hosts, while /health still answers.
    @Test func mlflowHostHeaderRefusalNamesTheSetting() async throws {
        let server = try LiveServers.mlflow(allowedHosts: "mlflow.internal.example")
        defer { server.stop() }
        try await server.waitUntil("/health", contains: "OK")
        let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: server.url, timeout: LiveServers.probeTimeout),
                                             needed: LiveServers.mlflowKinds)
        let runs = try #require(outcomes[.mlflowExperimentsHaveRuns])
        #expect(runs.status == .notAssessed)
        #expect(runs.reason?.hasSuffix("answered 403 Invalid Host header: the server's --allowed-hosts (MLFLOW_SERVER_ALLOWED_HOSTS) does not include '127.0.0.1'; add it where the server starts") == true,
                "\(runs.reason ?? "")")
        #expect(outcomes[.mlflowRegisteredModels]?.status == .notAssessed)
    }

    /// A sign-in page where JSON was expected (a single-sign-on proxy in front of the server).
    @Test func htmlInsteadOfJSONIsMalformed() async throws {
        let proxy = try LiveServers.fake("html")
        defer { proxy.stop() }
        try await proxy.waitUntil("/", contains: "Sign in")
        let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: proxy.url, prometheusURL: proxy.url, timeout: LiveServers.probeTimeout),
                                             needed: Set(ProbeKind.allCases))
        let runs = try #require(outcomes[.mlflowExperimentsHaveRuns])
        #expect(runs.status == .notAssessed)
        #expect(runs.reason?.hasSuffix("answered with a body that is not the expected JSON (starts with '<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>')") == true
                || runs.reason?.contains("not the expected JSON (starts with '<html>") == true, "\(runs.reason ?? "")")
        #expect(outcomes[.prometheusTargetsUp]?.reason?.contains("not the expected JSON") == true, "\(outcomes[.prometheusTargetsUp]?.reason ?? "")")
    }

    /// Prometheus scraping itself: one target up.
    @Test func prometheusScrapingItself() async throws {
        let server = try ServerProcess(name: "prometheus") { port, directory in
            let config = directory.appendingPathComponent("prometheus.yml")
            try """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ["127.0.0.1:\(port)"]

            """.write(to: config, atomically: true, encoding: .utf8)
            return ["prometheus", "--config.file=\(config.path)", "--web.listen-address=127.0.0.1:\(port)",
                    "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)"]
        }
        defer { server.stop() }
        try await server.waitUntil("/api/v1/targets", contains: "\"health\":\"up\"")
        let outcomes = await ProbeRunner.run(ProbeOptions(prometheusURL: server.url, timeout: LiveServers.probeTimeout),
                                             needed: [.prometheusTargetsUp])
        let up = try #require(outcomes[.prometheusTargetsUp])
        #expect(up.status == .pass, "\(up.reason ?? "")")
        #expect(up.evidence.map(\.text) == ["1 of 1 scrape target(s) up on \(server.url)",
                                             "job 'prometheus' up: http://127.0.0.1:\(server.port)/metrics"])
    }

    /// A proxy that wants credentials, and a URL that is no MLflow server: each says what to do.
    @Test func unauthorizedAndNotFoundSayWhatToDo() async throws {
        for (mode, message) in [
            ("401", "answered 401: credentials missing or rejected; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"),
            ("404", "answered 404: this is not an MLflow tracking server, or a proxy path prefix is missing from the URL"),
        ] {
            let server = try LiveServers.fake(mode)
            defer { server.stop() }
            try await server.waitUntil("/", contains: "Sign in")
            let outcomes = await ProbeRunner.run(ProbeOptions(trackingURI: server.url, timeout: LiveServers.probeTimeout), needed: LiveServers.mlflowKinds)
            for kind in LiveServers.mlflowKinds {
                #expect(outcomes[kind]?.status == .notAssessed, "\(mode) \(kind)")
                #expect(outcomes[kind]?.reason?.hasPrefix(server.url) == true && outcomes[kind]?.reason?.hasSuffix(message) == true,
                        "\(mode) \(kind): \(outcomes[kind]?.reason ?? "")")
            }
        }
    }

    /// A self-signed certificate: refused with the setting that accepts it, and accepted with that setting.
    @Test func selfSignedTLSNamesTheSetting() async throws {
        let server = try LiveServers.fake("tls")
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)"
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline, (try? Tool.run("curl", ["-sk", "--max-time", "2", url + "/"]))?.stdout.contains("Sign in") != true {
            try await Task.sleep(for: .milliseconds(200))
        }
        let strict = await ProbeRunner.run(ProbeOptions(trackingURI: url, timeout: LiveServers.probeTimeout), needed: [.mlflowServerReachable])
        let reason = strict[.mlflowServerReachable]?.reason ?? ""
        #expect(strict[.mlflowServerReachable]?.status == .notAssessed)
        #expect(reason.hasPrefix("TLS with \(url)/health failed ("), "\(reason)")
        #expect(reason.hasSuffix("; for a self-signed certificate set MLFLOW_TRACKING_INSECURE_TLS=true"), "\(reason)")
        let insecure = await ProbeRunner.run(ProbeOptions(trackingURI: url, timeout: LiveServers.probeTimeout, credentials: Credentials(insecureTLS: true)),
                                             needed: [.mlflowServerReachable])
        #expect(insecure[.mlflowServerReachable]?.status == .pass, "\(insecure[.mlflowServerReachable]?.reason ?? "")")
    }
}
