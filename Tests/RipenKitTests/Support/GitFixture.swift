import Foundation
import Testing

/// A real git repository built by a test, with commits at fixed dates. `arm()` makes it hostile: its
/// `.git/config` names hooks, an fsmonitor, a credential helper, a pager and an upload-pack hook that each
/// leave a marker file when run, so a test can prove ripen ran none of them.
final class GitFixture {
    let url: URL
    let markers: URL
    private let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-git-\(UUID().uuidString)")
        url = root.appendingPathComponent("repo")
        markers = root.appendingPathComponent("markers")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        try git(["init", "--quiet", "--initial-branch=main"])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { url.path }
    var fileURL: String { "file://\(url.path)" }

    @discardableResult
    func git(_ arguments: [String], date: String? = nil) throws -> String {
        var environment = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        if let date {
            environment["GIT_AUTHOR_DATE"] = "\(date)T12:00:00Z"
            environment["GIT_COMMITTER_DATE"] = "\(date)T12:00:00Z"
        }
        // The test's own git runs nothing from the repository either.
        let output = try RipenBinary.run(["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
                                          "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments,
                                         executable: try Tool.path("git"), environment: environment, directory: url)
        guard output.status == 0 else { throw Failure(description: "git \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }

    /// Writes `files`, deletes `removing`, and commits at noon UTC on `date`.
    @discardableResult
    func commit(_ files: [String: String], removing: [String] = [], date: String, message: String = "change") throws -> String {
        for path in removing { try FileManager.default.removeItem(at: url.appendingPathComponent(path)) }
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        try git(["add", "--all"])
        try git(["commit", "--quiet", "--message", message], date: date)
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func arm() throws {
        let hooks = root.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        func script(_ name: String, at folder: URL) throws -> String {
            let file = folder.appendingPathComponent(name)
            try "#!/bin/sh\ntouch '\(markers.path)/\(name)'\ncat >/dev/null 2>&1 || true\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            return file.path
        }
        for hook in ["post-checkout", "post-merge", "pre-commit", "post-commit", "reference-transaction", "pre-push",
                     "post-index-change", "post-rewrite", "pre-auto-gc"] {
            _ = try script(hook, at: hooks)
        }
        try git(["config", "core.hooksPath", hooks.path])
        try git(["config", "core.fsmonitor", try script("fsmonitor", at: root)])
        try git(["config", "credential.helper", try script("credential-helper", at: root)])
        try git(["config", "core.pager", try script("pager", at: root)])
        try git(["config", "uploadpack.packObjectsHook", try script("pack-objects-hook", at: root)])
        try git(["config", "core.sshCommand", try script("ssh-command", at: root)])
        try git(["config", "diff.external", try script("diff-external", at: root)])
    }

    /// The markers of everything that ran.
    var fired: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: markers.path)) ?? []).sorted()
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
