import Foundation
import Testing

/// F1: a repository that calls itself a partial clone, with one object missing, must not make `ripen
/// history` run what its `.git/config` names (`remote.origin.uploadpack`, `core.gitProxy`).
@Suite struct HistoryLazyFetchTests {
    static func shell(_ script: String, in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-ec", script]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "setup failed: \(script)")
    }

    @Test(arguments: ["uploadpack", "gitProxy"])
    func aPartialCloneRunsNothingOfItsConfiguration(_ variant: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pwned = scratch.appendingPathComponent("pwned")
        let remote = variant == "uploadpack"
            ? "git config remote.origin.url /nonexistent && git config remote.origin.uploadpack 'touch \(pwned.path); exit 1; :'"
            : "printf '#!/bin/sh\\ntouch \(pwned.path)\\n' > .git/proxy.sh && chmod +x .git/proxy.sh && git config remote.origin.url git://evil.invalid/x && git config core.gitProxy .git/proxy.sh"
        try Self.shell("""
            git init -q -b main repo && cd repo
            echo 'import mlflow' > train.py && echo '# readme' > README.md
            git add -A && git -c user.email=a@b -c user.name=a commit -qm one
            git repack -adq && git prune-packed
            mkdir ../packs && mv .git/objects/pack/* ../packs/ && git unpack-objects -q < ../packs/*.pack
            blob=$(git rev-parse HEAD:README.md); rm -f .git/objects/$(echo $blob | cut -c1-2)/$(echo $blob | cut -c3-)
            git config core.repositoryformatversion 1
            git config extensions.partialClone origin
            git config remote.origin.promisor true
            \(remote)
            """, in: scratch)
        let output = try RipenBinary.run(["history", scratch.appendingPathComponent("repo").path, "--format", "json"])
        #expect(!FileManager.default.fileExists(atPath: pwned.path), "the repository's configured command ran")
        // The missing object is an error at that point of history, not a silent success.
        #expect(output.stdout.contains("missing") || output.stderr.contains("missing") || output.status != 0,
                "\(output.status) \(output.stderr)")
    }
}
