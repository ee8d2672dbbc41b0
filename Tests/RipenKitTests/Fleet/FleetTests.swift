import Foundation
import Testing
@testable import RipenKit

/// Audits of many repositories: directories and git URLs (cloned with nothing of theirs run), failures
/// reported beside the rest, shards that merge back into the whole, and every organisation format checked
/// by its reader.
@Suite(.serialized) struct FleetTests {
    /// Level fixtures as real folders, and their levels audited one by one.
    final class Organisation {
        let repositories: [TemporaryRepository]
        let levels: [Int]
        let remote: GitFixture
        let scratch: URL

        init() throws {
            repositories = try [(LevelFixtures.level0, false), (LevelFixtures.level2, true), (LevelFixtures.level3, true),
                                (LevelFixtures.level4, true), (LevelFixtures.level1GitHub, true)]
                .map { try TemporaryRepository($0.0, git: $0.1) }
            levels = try repositories.map { try $0.audit().level }
            remote = try GitFixture()
            try remote.commit(LevelFixtures.level1GitLab, date: "2026-01-05")
            try remote.arm()
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-fleet-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: scratch) }

        /// Directories, the hostile remote by URL, a missing folder, and a URL that cannot be cloned.
        var list: [String] {
            repositories.map(\.path) + [remote.fileURL, scratch.appendingPathComponent("missing").path,
                                        "file://\(scratch.path)/no-such-repository.git"]
        }

        func listFile() throws -> URL {
            let file = scratch.appendingPathComponent("repos.txt")
            try ("# the organisation\n\n" + list.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        /// ripen with its temporary folder inside the scratch folder, so leftovers are visible.
        func ripen(_ arguments: [String]) throws -> RipenBinary.Output {
            let temporary = scratch.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            return try RipenBinary.run(arguments, environment: ["TMPDIR": temporary.path])
        }

        var leftovers: [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("tmp").path)) ?? []
        }
    }

    @Test func auditsEveryRepositoryAndReportsTheOnesItCannotRead() throws {
        let org = try Organisation()
        let output = try org.ripen(["audit", "--repos", try org.listFile().path, "--format", "json"])
        #expect(output.status == 2, "a repository could not be audited: exit 2, the report still written")
        let report = try JSONDecoder().decode(FleetReport.self, from: Data(output.stdout.utf8))
        #expect(report.repositories.map(\.repository) == org.list)
        #expect(report.repositories.map(\.index) == Array(0..<org.list.count).map(Optional.some))
        #expect(report.repositories.prefix(5).map(\.level) == org.levels.map(Optional.some), "the same levels as one by one")
        let cloned = report.repositories[5]
        #expect(cloned.error == nil && cloned.level == 1, "the remote is cloned and audited: \(cloned)")
        #expect(cloned.commit?.count == 40)
        #expect(report.repositories[6].error?.contains("no such directory") == true)
        #expect(report.repositories[7].error?.hasPrefix("cannot clone") == true)
        #expect(output.stderr.contains("missing") && output.stderr.contains("no-such-repository"))
        #expect(org.remote.fired.isEmpty, "the remote's hooks or helpers ran: \(org.remote.fired)")
        #expect(org.leftovers.isEmpty, "clones are removed: \(org.leftovers)")
        #expect(report.histogram.reduce(0, +) == 6)
    }

    @Test func shardsMergeBackIntoTheWholeReport() throws {
        let org = try Organisation()
        let list = try org.listFile().path
        let whole = try org.ripen(["audit", "--repos", list, "--format", "json", "--jobs", "1"])
        let parallel = try org.ripen(["audit", "--repos", list, "--format", "json", "--jobs", "3"])
        #expect(whole.stdout == parallel.stdout, "the order of the list, however many run at once")
        var shards: [String] = []
        for shard in 1...3 {
            let file = org.scratch.appendingPathComponent("shard-\(shard).json").path
            let output = try org.ripen(["audit", "--repos", list, "--shard", "\(shard)/3", "--format", "json", "--output", file])
            #expect([0, 2].contains(output.status), "\(output.stderr)")
            shards.append(file)
        }
        let merged = try org.ripen(["merge"] + shards.reversed() + ["--format", "json"])
        #expect(merged.status == 2, "the unreadable repositories are still reported after merging")
        #expect(merged.stdout == whole.stdout, "merged shards are byte-identical to the whole")

        // Single audit reports merge too, after the fleet's rows.
        let single = org.scratch.appendingPathComponent("single.json").path
        _ = try org.ripen(["audit", org.repositories[2].path, "--format", "json", "--output", single])
        let mixed = try org.ripen(["merge", shards[0], single, "--format", "json"])
        let report = try JSONDecoder().decode(FleetReport.self, from: Data(mixed.stdout.utf8))
        #expect(report.repositories.last?.repository == org.repositories[2].path)
        #expect(report.repositories.last?.level == org.levels[2])

        let garbage = org.scratch.appendingPathComponent("garbage.json")
        try "{\"hello\": 1}".write(to: garbage, atomically: true, encoding: .utf8)
        let refused = try org.ripen(["merge", garbage.path])
        #expect(refused.status == 2 && refused.stderr.contains("neither a fleet report nor an audit report"))
    }

    @Test func everyFormatReadsBackWithItsOwnReader() throws {
        let org = try Organisation()
        let list = try org.listFile().path
        let json = try JSONDecoder().decode(FleetReport.self, from: Data(try org.ripen(["audit", "--repos", list, "--format", "json"]).stdout.utf8))

        // CSV: Python's csv module reads the same rows.
        let csvFile = org.scratch.appendingPathComponent("org.csv")
        _ = try org.ripen(["audit", "--repos", list, "--format", "csv", "--output", csvFile.path])
        let rows = try Tool.run("python3", ["-c", """
            import csv, json, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            print(json.dumps([[r["repository"], r["level"], r["error"]] for r in rows]))
            """, csvFile.path])
        let parsed = try JSONDecoder().decode([[String]].self, from: Data(rows.stdout.utf8))
        #expect(parsed.map { $0[0] } == json.repositories.map(\.repository))
        #expect(parsed.map { $0[1] } == json.repositories.map { $0.level.map(String.init) ?? "" })
        #expect(parsed.map { !$0[2].isEmpty } == json.repositories.map { $0.error != nil })

        // HTML: what the browser shows is what the JSON says.
        let html = org.scratch.appendingPathComponent("org.html")
        _ = try org.ripen(["audit", "--repos", list, "--format", "html", "--output", html.path])
        let dom = try HTMLReportTests.dom(html)
        let audited = json.audited
        #expect(HTMLReportTests.attributes("data-level", in: dom) == audited.map { $0.levelText })
        #expect(HTMLReportTests.attributes("data-score", in: dom) == audited.map { $0.scoreText })
        #expect(HTMLReportTests.attributes("data-count", in: dom) == json.histogram.reversed().map(String.init))
        #expect(HTMLReportTests.attributes("data-error", in: dom).count == json.failed.count)

        // Text and Markdown: a row per repository and the histogram.
        let text = try org.ripen(["audit", "--repos", list]).stdout
        for entry in json.repositories { #expect(text.contains(entry.repository)) }
        for (level, count) in json.histogram.enumerated() {
            #expect(text.split(separator: "\n").contains { $0.hasPrefix("Level \(level) ") && $0.hasSuffix(" \(count)") })
        }
        let markdown = try org.ripen(["audit", "--repos", list, "--format", "markdown"]).stdout
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("| /") || $0.hasPrefix("| file:") }.count == json.repositories.count)
    }

    @Test func formatsAreGoldenAndDeterministic() throws {
        let fixtures: [(String, [String: String], Bool)] = [
            ("team/forecasting", LevelFixtures.level3, true), ("team/notebooks", LevelFixtures.level0, false),
            ("team/pipeline", LevelFixtures.level2, true)]
        var entries: [FleetEntry] = []
        for (index, (name, files, git)) in fixtures.enumerated() {
            let repo = try TemporaryRepository(files, git: git)
            entries.append(FleetEntry(index: index, repository: name, result: try repo.audit()))
        }
        entries.append(FleetEntry(index: 3, repository: "https://***@git.example.com/team/private.git",
                                  error: "cannot clone: git clone failed: fatal: could not read Username for 'https://user:hunter2@git.example.com'"))
        let report = FleetReport(levelNames: try Catalogue.load().levels.map(\.name), repositories: entries.reversed())
        #expect(!FleetJSONReporter.render(report, style: ReportStyle()).contains("hunter2"), "errors are redacted")
        for reporter in FleetReporters.all {
            let text = reporter.render(report, style: ReportStyle())
            #expect(text == reporter.render(report, style: ReportStyle()))
            let suffix = ["text": "txt", "markdown": "md"][reporter.identifier] ?? reporter.identifier
            try Golden.check(text, "reports/fleet.\(suffix)")
        }
    }

    @Test func liveSystemsAreProbedOnceForTheWholeFleet() async throws {
        let org = try Organisation()
        let log = org.scratch.appendingPathComponent("requests.log")
        // A tracking server that answers every request with an error and logs it.
        let server = try ServerProcess(name: "counting", python: """
            import http.server, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def answer(self):
                    if self.path != "/ready":
                        with open(sys.argv[2], "a") as log: log.write(self.path + "\\n")
                    self.send_response(200 if self.path == "/ready" else 500); self.end_headers()
                    self.wfile.write(b"ready")
                do_GET = do_POST = answer
                def log_message(self, *args): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """, arguments: [log.path])
        defer { server.stop() }
        try await server.waitUntil("/ready", contains: "ready", timeout: .seconds(30))
        func requests(_ repositories: [String]) throws -> Int {
            try? FileManager.default.removeItem(at: log)
            let output = try org.ripen(["audit"] + repositories + ["--tracking-uri", server.url, "--format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            return (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").count ?? 0
        }
        let one = try requests([org.repositories[0].path])
        #expect(one > 0, "the probes asked the server")
        #expect(try requests(org.repositories.map(\.path)) == one, "five repositories, one round of probes")
    }

    @Test func refusesWhatMakesNoSenseForAFleet() throws {
        let org = try Organisation()
        let a = org.repositories[0].path, b = org.repositories[1].path
        for (arguments, message) in [(["audit", a, b, "--format", "sarif"], "for one repository"),
                                     (["audit", a, b, "--baseline", "x.json"], "--baseline"),
                                     (["audit", a, "--shard", "1/2"], "--shard needs --repos"),
                                     (["audit", "--repos", try org.listFile().path, "--shard", "3/2"], "1 ≤ K ≤ N"),
                                     (["audit", a, "--format", "csv"], "expected one of")] {
            let output = try org.ripen(arguments)
            #expect(output.status == 2 && output.stderr.contains(message), "\(arguments): \(output.stderr)")
        }
        let gate = try org.ripen(["audit", a, b, "--fail-under", "1"])
        #expect(gate.status == 1 && gate.stderr.contains("below --fail-under 1"))
    }
}

/// A token for private repositories reaches the git server it is meant for, as a header, and nowhere else.
@Suite(.serialized) struct FleetTokenTests {
    @Test func theTokenGoesOnlyToItsHostAndIntoNoOutput() async throws {
        let org = try FleetTests.Organisation()
        let log = org.scratch.appendingPathComponent("headers.log")
        // A git server that logs each request's Authorization header and has no repository.
        let server = try ServerProcess(name: "git-http", python: """
            import http.server, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path == "/ready":
                        self.send_response(200); self.end_headers(); self.wfile.write(b"ready"); return
                    with open(sys.argv[2], "a") as log:
                        log.write(self.path + " " + str(self.headers.get("Authorization")) + "\\n")
                    self.send_response(404); self.end_headers()
                def log_message(self, *args): pass
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """, arguments: [log.path])
        defer { server.stop() }
        try await server.waitUntil("/ready", contains: "ready", timeout: .seconds(30))
        let list = org.scratch.appendingPathComponent("private.txt")
        try "http://127.0.0.1:\(server.port)/team/private.git\nhttp://localhost:\(server.port)/elsewhere/other.git\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let token = "ghs_secretvalue123"
        let output = try RipenBinary.run(["audit", "--repos", list.path, "--format", "csv"],
                                         environment: ["RIPEN_GIT_TOKEN": token,
                                                       "RIPEN_GIT_TOKEN_URL": "http://127.0.0.1:\(server.port)/team/"])
        #expect(output.status == 2, "neither can be cloned from this server: \(output.stderr)")
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let basic = Data("x-access-token:\(token)".utf8).base64EncodedString()
        #expect(requests.contains { $0.hasPrefix("/team/private.git/") && $0.hasSuffix("basic \(basic)") }, "\(requests)")
        #expect(requests.filter { $0.hasPrefix("/elsewhere/") }.allSatisfy { $0.hasSuffix(" None") }, "\(requests)")
        for secret in [token, basic] {
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
        }
    }
}
