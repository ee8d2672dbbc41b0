import Foundation
import Testing
@testable import RipenKit

/// The HTML report, rendered by a real browser (headless Chromium): what the page shows is what the JSON
/// report says, and the page loads nothing from anywhere.
@Suite(.serialized) struct HTMLReportTests {
    static let fixtures: [(String, [String: String], Bool)] = [
        ("level0", LevelFixtures.level0, false), ("level2", LevelFixtures.level2, true),
        ("level3", LevelFixtures.level3, true), ("level4", LevelFixtures.level4, true),
    ]

    /// Chromium's rendered DOM, after layout (`--dump-dom`).
    static func dom(_ html: URL) throws -> String {
        let output = try Tool.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                              "--user-data-dir=\(html.deletingLastPathComponent().appendingPathComponent("chromium").path)",
                                              html.absoluteString])
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout
    }

    static func attributes(_ name: String, in dom: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\(name)=\"([^\"]*)\"")
        return regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map {
            String(dom[Range($0.range(at: 1), in: dom)!])
        }
    }

    @Test func browserShowsWhatTheJSONReportSays() throws {
        for (name, files, git) in Self.fixtures {
            let repo = try TemporaryRepository(files, git: git)
            let result = try repo.audit()
            let html = repo.url.appendingPathComponent("report.html")
            try HTMLReporter.render(result, style: ReportStyle()).write(to: html, atomically: true, encoding: .utf8)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter.render(result, style: ReportStyle()).utf8)) as? [String: Any])
            let dom = try Self.dom(html)
            #expect(Self.attributes("data-level", in: dom).first == "\(json["level"] as! Int)", "\(name)")
            #expect(Self.attributes("data-score", in: dom).first.flatMap(Double.init) == json["score"] as? Double, "\(name)")
            let checks = try #require(json["checks"] as? [[String: Any]])
            #expect(Self.attributes("data-check", in: dom) == checks.map { $0["id"] as! String }, "\(name)")
            #expect(Self.attributes("data-status", in: dom).suffix(checks.count) == ArraySlice(checks.map { $0["status"] as! String }), "\(name)")
            let capabilities = try #require(json["capabilities"] as? [[String: Any]])
            #expect(Self.attributes("data-capability", in: dom) == capabilities.map { $0["id"] as! String }, "\(name)")
            let gaps = (json["gaps"] as? [[String: Any]] ?? []).map { $0["check"] as! String }
            let steps = (json["nextSteps"] as? [[String: Any]] ?? []).map { $0["check"] as! String }
            #expect(Self.attributes("data-step", in: dom) == gaps + (result.level < 4 ? steps : []), "\(name)")
            #expect(dom.contains("Level \(result.level) · \(result.levelName)"))
        }
    }

    /// Nothing is fetched: no scripts, links, images, frames, fonts or CSS URLs, and a policy that forbids them.
    @Test func pageLoadsNothingFromTheNetwork() throws {
        let repo = try TemporaryRepository(LevelFixtures.level4, git: true)
        var result = try repo.audit()
        result.liveSystems = ["MLflow https://mlflow.example.com"]
        let html = HTMLReporter.render(result, style: ReportStyle())
        for pattern in ["<script", "<link", "<img", "<iframe", "<object", "src=", "href=", "url(", "@import", "@font-face"] {
            #expect(!html.lowercased().contains(pattern), "the page references \(pattern)")
        }
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
    }

    /// Rendered to pixels too: the screenshot exists and is a real page, not an error page.
    @Test func rendersToAScreenshot() throws {
        let repo = try TemporaryRepository(LevelFixtures.level3, git: true)
        let html = repo.url.appendingPathComponent("report.html")
        try HTMLReporter.render(try repo.audit(), style: ReportStyle()).write(to: html, atomically: true, encoding: .utf8)
        let png = repo.url.appendingPathComponent("report.png")
        let output = try Tool.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(png.path)",
                                              "--window-size=1280,2000",
                                              "--user-data-dir=\(repo.url.appendingPathComponent("chromium").path)",
                                              html.absoluteString])
        #expect(output.status == 0, "\(output.stderr)")
        let data = try Data(contentsOf: png)
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(data.count > 50_000, "a blank or error page is much smaller")
    }

    @Test func goldenAndDeterministic() throws {
        let (text, repo, _) = try ReportTests.render("html", LevelFixtures.level3)
        try Golden.check(text, "reports/level3.html")
        #expect(HTMLReporter.render(try repo.audit(), style: ReportStyle()) == HTMLReporter.render(try repo.audit(), style: ReportStyle()))
    }
}
