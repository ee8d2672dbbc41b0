import Foundation
import Testing
@testable import RipenKit

/// F4: every value the HTML report interpolates is escaped, attributes included. Hostile values in
/// every place a repository reaches (its own check's title, why, remedy and command; file names;
/// evidence lines) are rendered by headless Chromium, and the page holds no element or attribute
/// they introduced.
@Suite struct HTMLHostileValueTests {
    static let payload = #"x"'><img src=x onerror=alert(1)><meta http-equiv=refresh content="0;url=https://evil.invalid"><script>alert(2)</script><a href="https://evil.invalid">go</a>"#

    @Test func hostileValuesRenderAsText() throws {
        let quoted = Self.payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let check = """
            checks:
              - id: team-hostile
                level: 1
                capability: ci
                title: "\(quoted)"
                why: "\(quoted)"
                remedy: {text: "\(quoted)", command: "\(quoted)"}
                signal: {files: ["never-there.txt"]}

            """
        let repo = try TemporaryRepository([
            ".ripen.yaml": "checklists: [ops]\n", "ops/c.yaml": check,
            "src/train.py": "import mlflow\nmlflow.autolog()  # \(Self.payload)\n",
        ], git: true)
        try repo.write("models/\(Self.payload.replacingOccurrences(of: "/", with: "_")).pkl", "\0")
        let html = repo.url.appendingPathComponent("report.html")
        let output = try RipenBinary.run(["audit", repo.path, "-v", "--format", "html", "-o", html.path])
        #expect(output.status == 0, "\(output.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("team-hostile"), "the hostile check is in the report")
        let dom = try HTMLReportTests.dom(html)
        // Elements and attributes live in tags; the same words in text nodes are the report quoting them.
        let tags = try NSRegularExpression(pattern: "<[A-Za-z][^>]*>").matches(in: dom, range: NSRange(dom.startIndex..., in: dom))
            .map { String(dom[Range($0.range, in: dom)!]) }
        #expect(!tags.isEmpty)
        for tag in tags {
            for introduced in ["<img", "<script", "onerror", "refresh", "evil.invalid"] {
                #expect(!tag.contains(introduced), "\(introduced) in the tag \(tag)")
            }
        }
        // The text is there, shown as text.
        #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(dom.prefix(2000))")
    }
}
