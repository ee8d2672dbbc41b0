import Foundation
import Testing
@testable import RipenKit

/// The tracking-server stack `ripen generate tracking-server` writes, started for real on a Docker daemon
/// of the test's own, with local stand-ins for the three registry images (Tests/Fixtures/containers):
/// secrets, health-gated start, MLflow's own client through the proxied artifact store, the model
/// registry, ripen's probes, restarts that keep data, teardown that keeps or removes volumes, and the
/// failure paths (no `.env`, a foreign Host header). Runs in its own pass of ./scripts/test.
@Suite(.serialized) struct TrackingStackTests {
    static let standIns = PackagePaths.fixtures.appendingPathComponent("containers")
    static let images = ["python": "ripen-test/python:3.12-slim", "postgres": "ripen-test/postgres:16",
                         "objectStore": "ripen-test/object-store:latest"]

    /// Phase timings, printed for the closing note.
    final class Clock {
        private var start = Date()
        func lap(_ phase: String) {
            print("tracking stack: \(phase) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            start = Date()
        }
    }

    /// The shipped tracking-server environment with its images replaced by the stand-ins: images are data.
    static func environments(in folder: URL) throws -> URL {
        let catalog = try ProvisioningCatalog.load()
        let shipped = try catalog.environment("tracking-server")
        let images = try #require(shipped.images)
        var text = try String(contentsOf: PackagePaths.root.appendingPathComponent("environments/tracking-server.yaml"), encoding: .utf8)
        for (original, standIn) in [(images.python, Self.images["python"]!), (images.postgres, Self.images["postgres"]!),
                                    (images.objectStore, Self.images["objectStore"]!)] {
            #expect(text.contains(original))
            text = text.replacingOccurrences(of: original, with: standIn)
        }
        let environments = folder.appendingPathComponent("environments")
        try FileManager.default.createDirectory(at: environments, withIntermediateDirectories: true)
        try text.write(to: environments.appendingPathComponent("tracking-server.yaml"), atomically: true, encoding: .utf8)
        return environments
    }

    /// The `export NAME=VALUE` lines of a generated shell environment file.
    static func exports(_ file: URL) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("export ") {
            let parts = line.dropFirst(7).split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    static func secrets(_ stack: URL) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try String(contentsOf: stack.appendingPathComponent(".env"), encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, !line.hasPrefix("#") { values[parts[0]] = parts[1] }
        }
        return values
    }

    @Test func theGeneratedStackStartsServesAndKeepsItsData() throws {
        let clock = Clock()
        let listening = try Tool.run("ss", ["-ltnH", "sport = :5000"]).stdout
        #expect(listening.isEmpty, "port 5000 is taken on this machine; the stack publishes 127.0.0.1:5000: \(listening)")
        let docker = try DockerHarness()
        defer { docker.stop() }
        clock.lap("daemon started")

        // The stack, generated from the shipped data with the stand-in images.
        let work = docker.root.appendingPathComponent("work")
        let generated = try RipenBinary.run(["generate", "tracking-server", "--environments", try Self.environments(in: work).path,
                                             "--out", work.appendingPathComponent("out").path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let stack = work.appendingPathComponent("out/tracking-server")
        try FileManager.default.removeItem(at: stack.appendingPathComponent(".env"))

        try docker.baseImage()
        clock.lap("base image (debootstrap, cached) imported")
        // Two at a time: what depends only on the base, then what depends on the Python stand-in. The
        // generated Dockerfile is built as `compose up --build` would (the classic builder: see DockerHarness).
        let mlflow = try #require(try ProvisioningCatalog.load().environment("tracking-server").pipVersion("mlflow"))
        try docker.buildTogether([(Self.images["python"]!, Self.standIns.appendingPathComponent("python")),
                                  (Self.images["postgres"]!, Self.standIns.appendingPathComponent("postgres"))])
        try docker.buildTogether([(Self.images["objectStore"]!, Self.standIns.appendingPathComponent("object-store")),
                                  ("ripen/mlflow-server:\(mlflow)", stack)])
        clock.lap("stand-in images and the MLflow image from the generated Dockerfile built")

        // Without .env the stack refuses to start, and says what to do.
        let refused = try docker.compose(["up", "--detach", "--wait"], directory: stack)
        #expect(refused.stderr.contains("is missing a value: run ./init-secrets.sh to create .env"), "\(refused.stderr)")
        #expect(try docker.docker(["ps", "--all", "--quiet"]).stdout.isEmpty, "nothing was started")

        try docker.must(try RipenBinary.run([], executable: stack.appendingPathComponent("init-secrets.sh"), directory: stack), "init-secrets.sh")
        let mode = try FileManager.default.attributesOfItem(atPath: stack.appendingPathComponent(".env").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let since = String(Int(Date().timeIntervalSince1970) - 1)
        try docker.must(try docker.compose(["up", "--detach", "--wait"], directory: stack), "docker compose up --wait")
        clock.lap("stack up and healthy")

        // The health checks gate the start: MLflow starts after PostgreSQL is healthy and the bucket exists.
        let events = try docker.must(try docker.docker(["events", "--since", since, "--until", String(Int(Date().timeIntervalSince1970) + 1),
                                                       "--filter", "type=container", "--format",
                                                       "{{.TimeNano}} {{.Actor.Attributes.name}} {{.Status}} {{.Actor.Attributes.exitCode}}"]), "docker events")
        func first(_ container: String, _ status: String) -> Int? {
            events.split(separator: "\n").first { $0.contains(" ripen-tracking-\(container)-1 \(status)") }
                .flatMap { Int($0.split(separator: " ")[0]) }
        }
        let healthy = try #require(first("postgres", "health_status: healthy"), "\(events)")
        let bucket = try #require(first("create-bucket", "die"), "\(events)")
        let started = try #require(first("mlflow", "start"), "\(events)")
        #expect(started > healthy && started > bucket, "MLflow started before its dependencies were ready:\n\(events)")
        #expect(events.contains("ripen-tracking-create-bucket-1 die 0"), "the bucket was created: \(events)")

        // MLflow's own client: a run with a metric and an artifact through the proxied store, a model
        // version with an alias.
        // The client's settings come from the generated client.env, as a user would source it.
        let clientEnvironment = try Self.exports(stack.appendingPathComponent("client.env"))
        #expect(clientEnvironment["MLFLOW_TRACKING_URI"] == "http://127.0.0.1:5000")
        let client = try RipenBinary.run(["-c", Self.roundTrip, "http://127.0.0.1:5000"], executable: try Tool.path("python3"),
                                         environment: clientEnvironment)
        #expect(client.status == 0, "\(client.stderr.suffix(3000))")
        // MLflow prints where to view the run; the script's own answer is the last line.
        let runID = String(client.stdout.split(separator: "\n").last ?? "")
        #expect(runID.count == 32, "\(client.stdout)")
        let stored = try docker.compose(["exec", "-T", "object-store", "find", "/data", "-name", "notes.txt"], directory: stack)
        #expect(stored.stdout.contains("/data/mlflow-artifacts/") && stored.stdout.contains(runID), "the artifact is in the object store: \(stored.stdout)")
        clock.lap("client round trip")

        // ripen's probes against the running stack and this daemon.
        let audit = try RipenBinary.run(["audit", PackagePaths.root.appendingPathComponent("examples/taxi-duration").path,
                                         "--tracking-uri", "http://127.0.0.1:5000", "--infra", "--format", "json"],
                                        environment: ["DOCKER_HOST": docker.host])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let statuses = Dictionary(uniqueKeysWithValues: (report["checks"] as? [[String: Any]] ?? []).map {
            ($0["id"] as! String, $0["status"] as! String)
        })
        for probe in ["mlflow-server-reachable", "mlflow-experiments-have-runs", "mlflow-registered-models",
                      "mlflow-model-promoted", "docker-daemon"] {
            #expect(statuses[probe] == "pass", "\(probe): \(statuses[probe] ?? "missing")")
        }
        clock.lap("ripen audit with probes")

        // Published on loopback only; a foreign Host header refused; secrets only where they are needed.
        for container in ["postgres", "object-store", "mlflow"] {
            let ports = try docker.docker(["port", "ripen-tracking-\(container)-1"]).stdout
            for line in ports.split(separator: "\n") { #expect(line.hasSuffix("127.0.0.1:5000"), "\(container) publishes \(line)") }
        }
        let foreign = try Tool.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: evil.example.com",
                                            "http://127.0.0.1:5000/api/2.0/mlflow/experiments/search?max_results=1"])
        #expect(foreign.stdout == "403", "an unknown Host header is refused: \(foreign.stdout)")
        let secrets = try Self.secrets(stack)
        let needs = ["postgres": ["POSTGRES_PASSWORD"], "object-store": ["S3_SECRET_KEY"], "create-bucket": ["S3_SECRET_KEY"],
                     "mlflow": ["POSTGRES_PASSWORD", "S3_SECRET_KEY"]]
        for (container, needed) in needs {
            let inspected = try docker.docker(["inspect", "ripen-tracking-\(container)-1"]).stdout
            for (name, value) in secrets where value.count >= 16 {
                #expect(inspected.contains(value) == needed.contains(name), "\(container) and \(name)")
            }
        }

        // A restart keeps the run and the artifact.
        try docker.must(try docker.compose(["restart"], directory: stack), "docker compose restart")
        try docker.must(try docker.compose(["up", "--detach", "--wait"], directory: stack), "healthy again")
        let after = try RipenBinary.run(["-c", Self.readBack, "http://127.0.0.1:5000", runID], executable: try Tool.path("python3"),
                                        environment: clientEnvironment)
        #expect(after.status == 0 && after.stdout.contains("rmse=0.42 artifact through the proxied store"), "\(after.stdout)\(after.stderr.suffix(2000))")
        clock.lap("restart and read back")

        // down keeps the volumes, down --volumes removes them.
        try docker.must(try docker.compose(["down"], directory: stack), "docker compose down")
        #expect(try docker.docker(["ps", "--all", "--quiet"]).stdout.isEmpty)
        let volumes = try docker.docker(["volume", "ls", "--format", "{{.Name}}"]).stdout
        #expect(volumes.contains("ripen-tracking_postgres-data") && volumes.contains("ripen-tracking_object-store-data"), "\(volumes)")
        try docker.must(try docker.compose(["down", "--volumes"], directory: stack), "docker compose down --volumes")
        #expect(!(try docker.docker(["volume", "ls", "--format", "{{.Name}}"]).stdout.contains("ripen-tracking_")))
        clock.lap("teardown")
    }

    static let roundTrip = """
        import os, sys, tempfile, mlflow
        from mlflow import MlflowClient
        mlflow.set_tracking_uri(sys.argv[1])
        mlflow.set_experiment("ripen-stack-test")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "notes.txt")
            with open(path, "w") as file:
                file.write("artifact through the proxied store\\n")
            with mlflow.start_run() as run:
                mlflow.log_metric("rmse", 0.42)
                mlflow.log_artifact(path)
        client = MlflowClient()
        client.create_registered_model("taxi-duration")
        version = client.create_model_version("taxi-duration", f"runs:/{run.info.run_id}/notes.txt", run.info.run_id)
        client.set_registered_model_alias("taxi-duration", "champion", version.version)
        print(run.info.run_id)
        """

    static let readBack = """
        import sys, tempfile, mlflow
        from mlflow import MlflowClient
        mlflow.set_tracking_uri(sys.argv[1])
        client = MlflowClient()
        run = client.get_run(sys.argv[2])
        with tempfile.TemporaryDirectory() as folder:
            path = mlflow.artifacts.download_artifacts(run_id=sys.argv[2], artifact_path="notes.txt", dst_path=folder)
            text = open(path).read().strip()
        assert client.get_model_version_by_alias("taxi-duration", "champion").run_id == sys.argv[2]
        print(f"rmse={run.data.metrics['rmse']} {text}")
        """
}
