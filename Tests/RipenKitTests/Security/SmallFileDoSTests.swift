import Foundation
import Testing
@testable import RipenKit

/// F8: a few hundred bytes in the audited repository held the audit for minutes or took gigabytes:
/// nested YAML aliases under a `**` key path, a `.gitignore` glob that backtracks, a 2 MB line against
/// a built-in pattern's look-aheads, an alias bomb in the repository's own checklist, a sparse 1 GiB
/// `.ripen.yaml` or `packed-refs` read whole. Each input is now bounded; the time limits turn the old
/// minutes (or hours) into failures, and the fixed audit takes well under a second for each.
@Suite(.serialized) struct SmallFileDoSTests {
    func audit(_ repo: TemporaryRepository, _ extra: [String] = []) throws -> RipenBinary.Output {
        try RipenBinary.run(["audit", repo.path, "--format", "json"] + extra)
    }

    @Test(.timeLimit(.minutes(1))) func nestedYAMLAliasesAreNotExpanded() throws {
        var lines = ["a0: &a0 {x: 1, y: [2, {n: {d: 1}}]}", "schedule_doc: s"]
        for level in 1...8 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]") }
        let repo = try TemporaryRepository(["prod-deployment.yaml": lines.joined(separator: "\n") + "\n"], git: true)
        #expect(try audit(repo).status == 0)
    }

    @Test(.timeLimit(.minutes(1))) func aBacktrackingIgnoreGlobIsLinear() throws {
        let repo = try TemporaryRepository([".gitignore": "*a*a*a*a*a*a*b?\n", String(repeating: "a", count: 200) + ".py": "x = 1\n"], git: true)
        #expect(try audit(repo).status == 0)
        let glob = try Glob("*a*a*a*a*a*a*a*b?", braces: false)
        #expect(!glob.matches(String(repeating: "a", count: 400) + ".py"))
        #expect(glob.matches("xaaaaaaabz"))
    }

    @Test(.timeLimit(.minutes(1))) func aHugeLineMeetsNoPatternsLookAheads() throws {
        let line = "pytest " + String(String(repeating: "pip install a ", count: 150_000).prefix(2_000_000)) + "&&"
        let repo = try TemporaryRepository([".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    steps:\n      - run: \(line)\n"], git: true)
        #expect(try audit(repo).status == 0)
    }

    @Test(.timeLimit(.minutes(1))) func anAliasBombInARepositoryChecklistIsRefused() throws {
        var lines = [#"x-a0: &a0 {files: ["nope-*"]}"#]
        for level in 1...8 { lines.append("x-a\(level): &a\(level) {any: [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]}") }
        lines.append("checks:\n  - {id: bomb, level: 1, capability: ci, title: t, why: w, remedy: {text: r}, signal: *a8}")
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "ops/b.yaml": lines.joined(separator: "\n") + "\n"], git: true)
        let output = try audit(repo)
        #expect(output.status == 2)
        #expect(output.stderr.contains("ops/b.yaml:1:1: more than 200000 YAML nodes once aliases are expanded"), "\(output.stderr)")
    }

    @Test(.timeLimit(.minutes(1))) func hugeConfigurationAndRefsAreNotReadWhole() throws {
        let repo = try TemporaryRepository(["a.py": "x = 1\n"], git: true)
        try "ref: refs/heads/main\n".write(to: repo.url.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".git/refs/heads/main"))
        for (name, size) in [(".git/packed-refs", UInt64(1) << 30), (".ripen.yaml", UInt64(1) << 30)] {
            let url = repo.url.appendingPathComponent(name)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: size) // sparse: no disk is used
            try handle.close()
        }
        let output = try audit(repo)
        #expect(output.status == 2)
        #expect(output.stderr.contains(".ripen.yaml:1:1: file is 1073741824 bytes, more than a spec file's"), "\(output.stderr)")
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".ripen.yaml"))
        #expect(try audit(repo).status == 0)
    }
}
