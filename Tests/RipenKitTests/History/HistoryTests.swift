import Foundation
import Testing
@testable import RipenKit

/// `ripen history`: past commits read from git's objects, never checked out over the work tree, with the
/// repository's own configuration unable to run anything.
@Suite(.serialized) struct HistoryTests {
    /// Three states of one project: notebooks, then CI, then tracking and a pipeline.
    static let states: [(date: String, files: [String: String])] = [
        ("2026-01-10", LevelFixtures.level0),
        ("2026-03-05", LevelFixtures.level1GitHub),
        ("2026-05-20", LevelFixtures.level2),
    ]

    /// The project's history, each state replacing the previous one; returns the commits.
    static func project() throws -> (GitFixture, [String]) {
        let fixture = try GitFixture()
        var previous: [String: String] = [:]
        var commits: [String] = []
        for state in states {
            let removed = previous.keys.filter { state.files[$0] == nil }
            commits.append(try fixture.commit(state.files, removing: removed, date: state.date))
            previous = state.files
        }
        return (fixture, commits)
    }

    /// What `ripen audit` says of each state as a plain folder with a git HEAD.
    static func expectedLevels() throws -> [Int] {
        try states.map { try TemporaryRepository($0.files, git: true).audit().level }
    }

    @Test func auditsPastCommitsWithoutTouchingTheWorkTreeOrRunningItsConfiguration() throws {
        let (fixture, commits) = try Self.project()
        try fixture.arm()
        // Work in progress that must survive: a change to a tracked file and an untracked file.
        let tracked = fixture.url.appendingPathComponent("README.md")
        let draft = "# work in progress\n"
        try draft.write(to: tracked, atomically: true, encoding: .utf8)
        try "scratch\n".write(to: fixture.url.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let index = try Data(contentsOf: fixture.url.appendingPathComponent(".git/index"))
        let head = try String(contentsOf: fixture.url.appendingPathComponent(".git/HEAD"), encoding: .utf8)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-history-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }

        let output = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--every", "month", "--format", "json"],
                                         environment: ["TMPDIR": temporary.path])
        #expect(output.status == 0, "\(output.stderr)")
        let report = try JSONDecoder().decode(HistoryReport.self, from: Data(output.stdout.utf8))
        let levels = try Self.expectedLevels()
        #expect(levels == levels.sorted() && Set(levels).count == 3, "the states climb: \(levels)")
        // Month ends from January (no commit yet on 1 January), then the newest commit's day.
        #expect(report.points.map(\.date) == ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-05-20"])
        #expect(report.points.map(\.commit) == [commits[0], commits[0], commits[1], commits[1], commits[2]])
        #expect(report.points.map(\.level) == [levels[0], levels[0], levels[1], levels[1], levels[2]])

        #expect(fixture.fired.isEmpty, "the repository's hooks or helpers ran: \(fixture.fired)")
        #expect(try String(contentsOf: tracked, encoding: .utf8) == draft)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appendingPathComponent("notes.txt").path))
        #expect(try Data(contentsOf: fixture.url.appendingPathComponent(".git/index")) == index, "the index is untouched")
        #expect(try String(contentsOf: fixture.url.appendingPathComponent(".git/HEAD"), encoding: .utf8) == head)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the scratch tree is removed")

        let again = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--format", "json"])
        #expect(again.stdout == output.stdout, "the same history gives the same bytes")
    }

    @Test func theHardeningOverridesWhatTheRepositoryConfigures() throws {
        let (fixture, _) = try Self.project()
        try fixture.arm()
        // Control: git run naively on this repository runs its fsmonitor and its hooks.
        for arguments in [["status", "--short"], ["update-ref", "refs/ripen/naive", "HEAD"]] {
            let naive = try RipenBinary.run(arguments, executable: try Tool.path("git"),
                                            environment: ["GIT_CONFIG_GLOBAL": "/dev/null"], directory: fixture.url)
            #expect(naive.status == 0)
        }
        #expect(fixture.fired.contains("fsmonitor") && fixture.fired.contains("reference-transaction"), "the fixture is hostile: \(fixture.fired)")
        for marker in fixture.fired { try FileManager.default.removeItem(at: fixture.markers.appendingPathComponent(marker)) }

        let git = try SafeGit()
        _ = try git.run(["status", "--short"], in: fixture.url)
        _ = try git.run(["update-ref", "refs/ripen/safe", "HEAD"], in: fixture.url)
        #expect(fixture.fired.isEmpty, "ran: \(fixture.fired)")
    }

    @Test func theScratchTreeHoldsExactlyEachCommitsFiles() throws {
        let (fixture, commits) = try Self.project()
        let big = String(repeating: "x", count: 5_000) + "\n"
        let last = try fixture.commit(["data/big.csv": big], date: "2026-06-01")
        let tree = try CommitTree(repository: fixture.url, git: try SafeGit(), maxFileSize: 4_096)
        defer { tree.remove() }
        for (commit, files) in zip(commits + [last], Self.states.map(\.files) + [Self.states[2].files.merging(["data/big.csv": big]) { $1 }]) {
            try tree.checkout(commit)
            var found: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(at: tree.root, includingPropertiesForKeys: [.isRegularFileKey])!
            for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                let path = String(url.standardizedFileURL.path.dropFirst(tree.root.standardizedFileURL.path.count + 1))
                guard path != ".git/HEAD" else { continue }
                found[path] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            }
            #expect(Set(found.keys) == Set(files.keys), "\(commit)")
            for (path, text) in files where path != "data/big.csv" { #expect(found[path] == text, "\(path)") }
            #expect(try String(contentsOf: tree.root.appendingPathComponent(".git/HEAD"), encoding: .utf8) == commit + "\n")
        }
        let size = try FileManager.default.attributesOfItem(atPath: tree.root.appendingPathComponent("data/big.csv").path)[.size] as? Int
        #expect(size == big.utf8.count, "a file over the limit keeps its size, not its content")
        #expect(!CommitTree.isSafe("../outside") && !CommitTree.isSafe("a/../../b") && !CommitTree.isSafe("/etc/passwd")
                && !CommitTree.isSafe(".git/config") && CommitTree.isSafe("src/train.py"))
    }

    @Test func theChartShowsWhatTheJSONSays() throws {
        let (fixture, _) = try Self.project()
        let json = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--every", "week", "--format", "json"])
        let report = try JSONDecoder().decode(HistoryReport.self, from: Data(json.stdout.utf8))
        #expect(report.points.count == 19, "the 18 weeks from 15 January (the first commit is on 10 January), and 20 May")
        let html = fixture.url.deletingLastPathComponent().appendingPathComponent("history.html")
        let written = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--every", "week", "--format", "html", "--output", html.path])
        #expect(written.status == 0, "\(written.stderr)")
        let dom = try HTMLReportTests.dom(html)
        #expect(HTMLReportTests.attributes("data-level", in: dom) == report.points.map { String($0.level) })
        #expect(HTMLReportTests.attributes("data-date", in: dom) == report.points.map(\.date))
        #expect(dom.contains("<svg class=\"history-chart\""))
        let text = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01"]).stdout
        #expect(text.contains("▲ level \(report.points.last!.level)"), "\(text)")
        let csv = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--format", "csv"]).stdout
        #expect(csv.split(separator: "\r\n").count == 6)
    }

    @Test func everyFormatIsGolden() throws {
        // Fixed authors and dates give the same commits, so the same bytes, on every machine.
        let (fixture, _) = try Self.project()
        for format in HistoryReporters.identifiers {
            let output = try RipenBinary.run(["history", fixture.path, "--since", "2026-01-01", "--format", format])
            #expect(output.status == 0, "\(output.stderr)")
            let text = output.stdout.replacingOccurrences(of: fixture.path, with: "/repo")
            let suffix = ["text": "txt"][format] ?? format
            try Golden.check(text, "reports/history.\(suffix)")
        }
    }

    @Test func samplingIsInUTCAndSkipsTimeBeforeTheFirstCommit() throws {
        let day = { (text: String) in CommitSampler.parseDay(text)! }
        let commits = [CommitSampler.Commit(hash: "c", time: day("2026-03-31").addingTimeInterval(23 * 3600 + 59 * 60)),
                       CommitSampler.Commit(hash: "b", time: day("2026-02-15")),
                       CommitSampler.Commit(hash: "a", time: day("2026-01-20"))]
        let points = CommitSampler.points(commits, since: day("2026-01-01"), until: day("2026-04-01"), every: .month)
        #expect(points.map { CommitSampler.day($0.date) } == ["2026-02-01", "2026-03-01", "2026-04-01"])
        #expect(points.map(\.commit.hash) == ["a", "b", "c"], "a commit at 23:59 on 31 March is the state of 1 April")
        #expect(CommitSampler.parseDay("2026-02-30") == nil && CommitSampler.parseDay("26-1-1") == nil)
    }

    @Test func refusesWhatIsNotAHistory() throws {
        let folder = try TemporaryRepository(["train.py": "print(1)\n"])
        let output = try RipenBinary.run(["history", folder.path])
        #expect(output.status == 2 && output.stderr.contains("cannot read its history"), "\(output.stderr)")
        let badDate = try RipenBinary.run(["history", folder.path, "--since", "last year"])
        #expect(badDate.status == 2 && badDate.stderr.contains("YYYY-MM-DD"))
        let badEvery = try RipenBinary.run(["history", folder.path, "--every", "fortnight"])
        #expect(badEvery.status == 2 && badEvery.stderr.contains("day, week, month, quarter"))
    }
}
