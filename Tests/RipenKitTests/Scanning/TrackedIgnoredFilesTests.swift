import Foundation
import Testing
@testable import RipenKit

/// A file git tracks is part of the repository even when a `.gitignore` pattern matches it: GitHub runs
/// a tracked workflow under an ignored `.github/`, and a reviewer reads it. Built with real git, in each
/// index format git writes.
@Suite struct TrackedIgnoredFilesTests {
    static let workflow = "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest -q\n"

    func repository(indexVersion: Int) throws -> GitFixture {
        let repo = try GitFixture()
        try repo.commit([".gitignore": ".github/\n*.yml\nscratch/\n", "tests/test_a.py": "def test_a():\n    assert 1\n"],
                        date: "2026-01-01")
        let file = repo.url.appendingPathComponent(".github/workflows/ci.yml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.workflow.utf8).write(to: file)
        try repo.git(["add", "--force", ".github/workflows/ci.yml"])
        try repo.git(["commit", "--quiet", "--message", "ci"], date: "2026-01-02")
        try repo.git(["update-index", "--index-version", String(indexVersion)])
        // Ignored and untracked, beside it: still left out.
        let scratch = repo.url.appendingPathComponent(".github/workflows/local.yml")
        try Data("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n".utf8).write(to: scratch)
        return repo
    }

    @Test(arguments: [2, 3, 4]) func aTrackedWorkflowUnderAnIgnoredFolderIsRead(version: Int) throws {
        let repo = try repository(indexVersion: version)
        let result = try Auditor.run(AuditOptions(repository: repo.url))
        #expect(result.status("ci-pipeline") == .pass)
        #expect(result.status("ci-runs-tests") == .pass)
        // The untracked file the same patterns ignore is not the team's pipeline.
        #expect(result.status("cd-deploys-model") == .fail)
    }

    @Test func theIndexListsTrackedFilesAndTheirFolders() throws {
        for version in [2, 3, 4] {
            let repo = try repository(indexVersion: version)
            let index = GitIndex.load(gitDirectory: repo.path + "/.git")
            #expect(index.tracks(file: Array(".github/workflows/ci.yml".utf8)), "index v\(version)")
            #expect(index.tracks(file: Array("tests/test_a.py".utf8)), "index v\(version)")
            #expect(!index.tracks(file: Array(".github/workflows/local.yml".utf8)), "index v\(version)")
            #expect(index.holds(folder: Array(".github/workflows".utf8)) && index.holds(folder: Array(".github".utf8)))
        }
    }

    @Test func aDamagedIndexIsReadAsNone() {
        #expect(GitIndex.parse(Array("DIRC".utf8) + [0, 0, 0, 2, 0, 0, 0, 9]) == nil)
        #expect(GitIndex.parse(Array("not an index".utf8)) == nil)
    }
}
