import Foundation
import Testing
@testable import RipenKit

@Suite struct ReportTests {
    /// Replaces what varies between machines and catalogue edits with placeholders.
    static func normalized(_ text: String, _ repo: TemporaryRepository, _ result: AuditResult) -> String {
        text.replacingOccurrences(of: repo.url.standardizedFileURL.path, with: "${ROOT}")
            .replacingOccurrences(of: result.checklistsSHA256, with: "${CHECKLISTS}")
            .replacingOccurrences(of: RipenVersion.current, with: "${VERSION}")
    }

    static func render(_ format: String, _ files: [String: String]) throws -> (String, TemporaryRepository, AuditResult) {
        let repo = try TemporaryRepository(files, git: true)
        let result = try repo.audit()
        let text = try #require(Reporters.named(format)).render(result, style: ReportStyle())
        return (normalized(text, repo, result), repo, result)
    }

    @Test(arguments: ["text", "json", "markdown"])
    func level3ReportMatchesGolden(_ format: String) throws {
        let (text, _, _) = try Self.render(format, LevelFixtures.level3)
        try Golden.check(text, "reports/level3.\(["markdown": "md", "text": "txt", "json": "json"][format]!)")
    }

    @Test func level0TextReportMatchesGolden() throws {
        let repo = try TemporaryRepository(LevelFixtures.level0)
        let result = try repo.audit()
        try Golden.check(Self.normalized(TextReporter.render(result, style: ReportStyle()), repo, result), "reports/level0.txt")
    }

    @Test func jsonIsByteIdenticalAcrossRuns() throws {
        let repo = try TemporaryRepository(LevelFixtures.level4, git: true)
        let first = JSONReporter.render(try repo.audit(), style: ReportStyle())
        let second = JSONReporter.render(try repo.audit(), style: ReportStyle())
        #expect(first == second)
    }

    @Test func jsonCarriesTheDocumentedFields() throws {
        let repo = try TemporaryRepository(LevelFixtures.level2, git: true)
        let result = try repo.audit()
        let data = Data(JSONReporter.render(result, style: ReportStyle()).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["level"] as? Int == 2)
        #expect((object["score"] as? Double).map { $0 >= 2 && $0 < 3 } == true)
        #expect((object["repository"] as? [String: Any])?["commit"] as? String == String(repeating: "ab", count: 20))
        #expect((object["checklistsSHA256"] as? String)?.count == 64)
        let checks = try #require(object["checks"] as? [[String: Any]])
        let tracking = try #require(checks.first { $0["id"] as? String == "tracking-mlflow" })
        #expect(tracking["status"] as? String == "pass")
        #expect(tracking["capability"] as? String == "experiment-tracking")
        #expect((tracking["evidence"] as? [[String: Any]])?.first?["line"] as? Int == 7)
        // A command only where a generator writes what the check looks for: tracking is code, a server is generated.
        #expect((tracking["remedy"] as? [String: Any])?["command"] == nil)
        let server = try #require(checks.first { $0["id"] as? String == "tracking-server-uri" })
        #expect((server["remedy"] as? [String: Any])?["command"] as? String == "ripen generate tracking-server")
    }

    /// The documented schema is checked by a real JSON Schema validator.
    @Test func jsonValidatesAgainstTheDocumentedSchema() throws {
        for fixture in [LevelFixtures.level0, LevelFixtures.level2Azure, LevelFixtures.level4] {
            let repo = try TemporaryRepository(fixture, git: true)
            let report = repo.url.appendingPathComponent("report.json")
            try JSONReporter.render(try repo.audit(), style: ReportStyle()).write(to: report, atomically: true, encoding: .utf8)
            let output = try Tool.run("check-jsonschema", ["--schemafile", PackagePaths.root.appendingPathComponent("docs/report.schema.json").path, report.path])
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        }
    }

    @Test func colourOnlyWhenAsked() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let result = try repo.audit()
        #expect(!TextReporter.render(result, style: ReportStyle(color: false)).contains("\u{1B}["))
        #expect(TextReporter.render(result, style: ReportStyle(color: true)).contains("\u{1B}[32m✓"))
    }
}
