import Foundation
import Testing
@testable import RipenKit

/// `--baseline OLD.json`: what improved and what regressed, in every format; `--fail-on-regression` gates on it.
@Suite struct TrendTests {
    static func baseline(_ files: [String: String]) throws -> (Baseline, URL, TemporaryRepository) {
        let repo = try TemporaryRepository(files, git: true)
        let url = repo.url.appendingPathComponent("baseline.json")
        try JSONReporter.render(try repo.audit(), style: ReportStyle()).write(to: url, atomically: true, encoding: .utf8)
        return (try Baseline.load(url), url, repo)
    }

    @Test func climbingAndSlidingAreBothReported() throws {
        let (old, _, _keep) = try Self.baseline(LevelFixtures.level1GitHub)
        _ = _keep
        let up = Trend(baseline: old, result: try TemporaryRepository(LevelFixtures.level2, git: true).audit())
        #expect(up.levelDelta == 1)
        #expect(up.improved.contains { $0.kind == .capability && $0.id == "experiment-tracking" && $0.to == .pass })
        #expect(up.regressed.isEmpty)
        #expect(!up.hasRegression)

        let (high, _, _keep2) = try Self.baseline(LevelFixtures.level2)
        _ = _keep2
        let down = Trend(baseline: high, result: try TemporaryRepository(LevelFixtures.level1GitHub, git: true).audit())
        #expect(down.levelDelta == -1)
        #expect(down.regressed.contains { $0.kind == .check && $0.id == "tracking-mlflow" && $0.from == .pass && $0.to == .fail })
        #expect(down.hasRegression)
        #expect(down.summary.hasPrefix("since the baseline (level 2 · 2."))
    }

    /// A live check passed in the baseline and was not probed now: unknown, not a regression.
    @Test func unassessedIsNeverARegression() throws {
        let (old, _, _keep) = try Self.baseline(LevelFixtures.level2)
        _ = _keep
        var edited = old
        edited.checks = old.checks.map { $0.id == "mlflow-server-reachable" ? .init(id: $0.id, status: .pass) : $0 }
        let trend = Trend(baseline: edited, result: try TemporaryRepository(LevelFixtures.level2, git: true).audit())
        #expect(trend.regressed.isEmpty)
        #expect(!trend.hasRegression)
    }

    @Test func everyFormatCarriesTheTrendAndTheGateFails() throws {
        let (_, url, _keep) = try Self.baseline(LevelFixtures.level2)
        _ = _keep
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        for format in Reporters.identifiers {
            let output = try RipenBinary.run(["audit", repo.path, "--format", format, "--baseline", url.path])
            #expect(output.status == 0, "\(format): \(output.stderr)")
            #expect(output.stdout.contains("tracking-mlflow") || output.stdout.contains("1 regressed")
                        || output.stdout.contains("regressed"), "\(format) lacks the trend")
        }
        let gated = try RipenBinary.run(["audit", repo.path, "--baseline", url.path, "--fail-on-regression"])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("ripen: regression since the baseline (level 2"))
        let same = try RipenBinary.run(["audit", _keep.path, "--baseline", url.path, "--fail-on-regression"])
        #expect(same.status == 0, "no regression against itself")
        let unused = try RipenBinary.run(["audit", repo.path, "--fail-on-regression"])
        #expect(unused.status == 64 || unused.status == 2, "--fail-on-regression without --baseline is a usage error")
        let bad = repo.url.appendingPathComponent("bad.json")
        try "{\"level\": 1}".write(to: bad, atomically: true, encoding: .utf8)
        let unreadable = try RipenBinary.run(["audit", repo.path, "--baseline", bad.path])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("bad.json: not a ripen JSON report (no 'score'); write one with --format json"))
    }

    @Test func jsonTrendValidatesAgainstTheSchema() throws {
        let (old, _, _keep) = try Self.baseline(LevelFixtures.level2)
        _ = _keep
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        var result = try repo.audit()
        result.trend = Trend(baseline: old, result: result)
        let report = repo.url.appendingPathComponent("report.json")
        try JSONReporter.render(result, style: ReportStyle()).write(to: report, atomically: true, encoding: .utf8)
        let output = try Tool.run("check-jsonschema", ["--schemafile", PackagePaths.root.appendingPathComponent("docs/report.schema.json").path, report.path])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let trend = try #require(object["trend"] as? [String: Any])
        #expect(trend["levelDelta"] as? Int == -1)
    }
}
