import Foundation
import Testing
@testable import RipenKit

/// F6: Markdown written into job summaries and pull-request comments carried what a repository wrote:
/// a carriage return in a CI line started a heading and a link, a back-ticked file name closed its code
/// span and brought raw HTML, and fleet Markdown passed check titles through. Rendered here by GitHub's
/// own parser (cmark-gfm), nothing a repository wrote may become an element.
@Suite struct MarkdownInjectionTests {
    /// The HTML GitHub would make of `markdown`.
    static func render(_ markdown: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f6-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        try markdown.write(to: file, atomically: true, encoding: .utf8)
        let output = try Tool.run("cmark-gfm", ["-e", "table", "-e", "autolink", file.path])
        try #require(output.status == 0, "cmark-gfm: \(output.stderr)")
        return output.stdout
    }

    static let hostileWorkflow = "on:\n  push:\njobs:\n  t:\n    steps:\n      - run: python -m pytest tests/ # ok\r## INJECTED HEADING\r[Sign in again](https://evil.example/login) <img src=x>\n"

    @Test func anAuditReportRendersRepositoryTextAsText() throws {
        let repo = try TemporaryRepository([".github/workflows/ci.yml": Self.hostileWorkflow], git: true)
        try repo.write("models/a`<img src=https:&#47;&#47;evil.example&#47;p.png>`|x.pkl", "\0")
        let output = try RipenBinary.run(["audit", repo.path, "-v", "--format", "markdown"])
        #expect(output.status == 0, "\(output.stderr)")
        let html = try Self.render(output.stdout)
        #expect(!html.contains("<h2>INJECTED"), "\(html)")
        // A visible URL may be linked (GitHub links bare URLs); a link that hides its target may not.
        #expect(!html.contains(">Sign in again</a>"), "\(html)")
        #expect(!html.contains("<img"), "\(html)")
        // The file name is there, as code, whole.
        #expect(html.contains("models/a`&lt;img src=https:&amp;#47;&amp;#47;evil.example&amp;#47;p.png&gt;`|x.pkl"), "\(html)")
    }

    @Test func fleetMarkdownRendersChecklistTextAsText() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f6-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let repo = parent.appendingPathComponent("repo")
        let checks = """
            checks:
              - id: team-extra
                level: 1
                capability: ci
                title: "<img src=x onerror=alert(1)><a href='https://evil.example'>Sign in</a> ## Fake"
                why: Because.
                remedy: {text: "[Sign in](https://evil.example)", command: "x` <img src=y> `"}
                signal: {files: ["never-there.txt"]}

            """
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("ops"), withIntermediateDirectories: true)
        try checks.write(to: repo.appendingPathComponent("ops/c.yaml"), atomically: true, encoding: .utf8)
        try "checklists: [ops]\n".write(to: repo.appendingPathComponent(".ripen.yaml"), atomically: true, encoding: .utf8)
        let list = parent.appendingPathComponent("repos.txt")
        try (repo.path + "\n").write(to: list, atomically: true, encoding: .utf8)
        let output = try RipenBinary.run(["audit", "--repos", list.path, "--format", "markdown"])
        let html = try Self.render(output.stdout)
        #expect(!html.contains("<img"), "\(html)")
        #expect(!html.contains(">Sign in</a>"), "\(html)")
        let single = try RipenBinary.run(["audit", repo.path, "--format", "markdown"])
        let page = try Self.render(single.stdout)
        #expect(!page.contains("<img") && !page.contains(">Sign in</a>"), "\(page)")
    }

    @Test func codeSpansHoldAnyBackticks() {
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`x`") == "`` `x` ``")
        #expect(MarkdownText.code("a|b") == "`a\\|b`")
        #expect(MarkdownText.text("[x](y) <b>\r# h_i") == "\\[x\\](y) &lt;b&gt; # h\\_i")
    }
}
