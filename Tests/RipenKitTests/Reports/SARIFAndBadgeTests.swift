import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RipenKit

/// SARIF for code scanning and the README badge: each checked by its field's own validator, with goldens.
@Suite struct SARIFAndBadgeTests {
    static let fixtures: [(String, [String: String], Bool)] = [
        ("level0", LevelFixtures.level0, false), ("level2", LevelFixtures.level2, true),
        ("level3", LevelFixtures.level3, true), ("level4", LevelFixtures.level4, true),
    ]

    @Test func sarifValidatesAgainstTheSARIF210Schema() throws {
        for (_, files, git) in Self.fixtures {
            let repo = try TemporaryRepository(files, git: git)
            let log = repo.url.appendingPathComponent("report.sarif")
            try SARIFReporter.render(try repo.audit(), style: ReportStyle()).write(to: log, atomically: true, encoding: .utf8)
            let schema = PackagePaths.root.appendingPathComponent("Tests/Validators/sarif-schema-2.1.0.json")
            let output = try Tool.run("check-jsonschema", ["--schemafile", schema.path, log.path])
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        }
    }

    @Test func sarifHasARulePerCheckAndAResultPerGapAndNextStep() throws {
        let repo = try TemporaryRepository(LevelFixtures.level0)
        let result = try repo.audit()
        let data = Data(SARIFReporter.render(result, style: ReportStyle()).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == result.checks.map(\.check.id))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == result.gaps.count + result.nextSteps.count)
        // A warning sign points at the committed model; a missing CI workflow at the file the generator writes.
        let model = try #require(results.first { $0["ruleId"] as? String == "no-committed-model-binaries" })
        #expect(Self.uri(model) == "models/lin_reg.bin")
        let ci = try #require(results.first { $0["ruleId"] as? String == "ci-pipeline" })
        #expect(Self.uri(ci) == ".github/workflows/ripen.yml")
        #expect((ci["message"] as? [String: Any])?["text"] as? String == "Toward level 1 (required): A CI pipeline builds, tests, lints or trains on push, pull request or schedule. Add a pipeline triggered on push and pull request that runs the tests and linters. Run `ripen generate ci`.")
    }

    static func uri(_ result: [String: Any]) -> String? {
        let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    @Test func badgeIsWellFormedSVGWithLevelAndScore() throws {
        var colours: Set<String> = []
        for (name, files, git) in Self.fixtures {
            let repo = try TemporaryRepository(files, git: git)
            let result = try repo.audit()
            let svg = BadgeReporter.render(result, style: ReportStyle())
            let parser = XMLParser(data: Data(svg.utf8))
            let collector = TextCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(collector.root == "svg")
            #expect(collector.texts.contains("level \(result.level) · \(String(format: "%.1f", result.score))"))
            #expect(collector.texts.contains("MLOps maturity"))
            colours.insert(BadgeReporter.colours[result.level])
            #expect(svg == BadgeReporter.render(try repo.audit(), style: ReportStyle()), "byte-identical across runs")
        }
        #expect(colours.count == Self.fixtures.count, "each level its own colour")
    }

    @Test func goldens() throws {
        for format in ["sarif", "badge"] {
            let (text, _, _) = try ReportTests.render(format, LevelFixtures.level3)
            try Golden.check(text, "reports/level3.\(format == "sarif" ? "sarif" : "svg")")
        }
    }

    final class TextCollector: NSObject, XMLParserDelegate {
        var root: String?
        var texts: [String] = []
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }
}
