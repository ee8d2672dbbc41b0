import Foundation
import Testing
@testable import RipenKit

/// F5: file contents, file names, checklist text and server answers reached the terminal raw, through
/// a pipe and with colour off: a repository could set the window title, write the clipboard (OSC 52),
/// clear the screen or overwrite a line with a carriage return.
@Suite struct TerminalEscapeTests {
    static let hostileLine = "import mlflow\nmlflow.autolog()  # \u{1B}]0;TITLE\u{07}\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}\u{1B}[2J\rFAKE\u{202E}\n"

    static func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{07}" || $0 == "\u{202E}" || (0x80...0x9F).contains($0.value) }
    }

    @Test func reportAndErrorsQuoteRepositoryTextInertly() throws {
        let repo = try TemporaryRepository(["src/train.py": Self.hostileLine], git: true)
        try repo.write("models/x\u{1B}[2Jy\u{9B}.pkl", "\0")
        let text = try RipenBinary.run(["audit", repo.path, "-v", "--no-color"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(Self.isInert(text.stdout))
        #expect(text.stdout.contains(#"# \x1B]0;TITLE\x07\x1B]52;c;ZWNobyBwd25lZA==\x07\x1B[2J\rFAKE\u{202E}"#), "\(text.stdout)")
        #expect(text.stdout.contains(#"models/x\x1B[2Jy\x9B.pkl"#))
        // Every text format, not only the terminal report.
        for format in ["markdown", "html"] {
            let output = try RipenBinary.run(["audit", repo.path, "--format", format])
            #expect(Self.isInert(output.stdout), "\(format)")
        }
        // An error quoting the repository's own configuration.
        // (YAML's own escapes: a raw control character is refused before anything quotes it.)
        try repo.write(".ripen.yaml", "disable: [\"\\e]0;PWNED\\a\"]\n")
        let error = try RipenBinary.run(["audit", repo.path])
        #expect(error.status == 2)
        #expect(Self.isInert(error.stderr), "\(error.stderr)")
        #expect(error.stderr.contains(#"\x1B]0;PWNED\x07"#), "\(error.stderr)")
    }

    @Test func fleetTableQuotesRepositoryNamesInertly() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f5-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let repo = parent.appendingPathComponent("team\u{1B}]0;x\u{07}")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try "print(1)\n".write(to: repo.appendingPathComponent("a.py"), atomically: true, encoding: .utf8)
        let list = parent.appendingPathComponent("repos.txt")
        try (repo.path + "\n").write(to: list, atomically: true, encoding: .utf8)
        let output = try RipenBinary.run(["audit", "--repos", list.path, "--no-color"])
        #expect(Self.isInert(output.stdout + output.stderr), "\(output.stdout)")
        #expect(output.stdout.contains(#"team\x1B]0;x\x07"#), "\(output.stdout)")
    }

    @Test func ripensOwnColourStays() {
        let painted = "\u{1B}[1mLevel 2\u{1B}[0m · \u{1B}]0;title\u{07}"
        #expect(TerminalText.safe(painted, keepingColor: true) == #"\#u{1B}[1mLevel 2\#u{1B}[0m · \x1B]0;title\x07"#)
        #expect(TerminalText.safe(painted) == #"\x1B[1mLevel 2\x1B[0m · \x1B]0;title\x07"#)
        #expect(TerminalText.inline("a\nb\tc") == "a\\nb\tc")
    }

    @Test func aServerAnswerIsQuotedNotCopied() {
        let outcome = SignalOutcome.probePass([Evidence(text: String(repeating: "OK", count: 1_000_000), source: .probe)])
        #expect(outcome.evidence[0].text.count == SignalOutcome.quoteLimit + 1)
    }
}
