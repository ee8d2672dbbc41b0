import Foundation
import Testing
@testable import RipenKit

@Suite struct IgnoreRulesTests {
    func walk(_ files: [String: String]) throws -> [String] {
        let repo = try TemporaryRepository(files)
        return RepositoryWalker().walk(root: repo.path).files.map(\.path)
    }

    @Test func honoursGitignoreSemantics() throws {
        let paths = try walk([
            ".gitignore": "# comment\n*.log\n/build\ndata/\n!keep.log\nsecret?.txt\ndocs/**/draft.md\n\\#hash.py\n",
            "a.log": "", "keep.log": "", "src/x.log": "",
            "build/out.py": "", "src/build/ok.py": "",
            "data/raw.csv": "", "src/data/more.csv": "",
            "secret1.txt": "", "secret10.txt": "",
            "docs/a/b/draft.md": "", "docs/final.md": "",
            "#hash.py": "", "train.py": "",
        ])
        #expect(paths == [".gitignore", "docs/final.md", "keep.log", "secret10.txt", "src/build/ok.py", "train.py"])
    }

    @Test func nestedGitignoreOverridesParentAndInfoExclude() throws {
        let paths = try walk([
            ".git/info/exclude": "local-notes.md\n",
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "*.csv\n",
            "local-notes.md": "",
            "sub/.gitignore": "!important.csv\ngenerated/\n",
            "sub/important.csv": "", "sub/other.csv": "", "sub/generated/x.py": "",
            "top.csv": "", "main.py": "",
        ])
        #expect(paths == [".git/HEAD", ".gitignore", "main.py", "sub/.gitignore", "sub/important.csv"])
    }

    @Test func skipsEnvironmentsAndDependencyFolders() throws {
        let paths = try walk([
            "node_modules/react/index.js": "",
            ".venv/lib/python3.11/site-packages/mlflow/__init__.py": "",
            "myenv/pyvenv.cfg": "home = /usr/bin\n", "myenv/lib/x.py": "",
            "conda-env/conda-meta/history": "", "conda-env/lib/y.py": "",
            "src/__pycache__/a.cpython-311.pyc": "",
            "notebooks/.ipynb_checkpoints/eda-checkpoint.ipynb": "",
            "src/app.py": "",
        ])
        #expect(paths == ["src/app.py"])
    }

    /// The acceptance case of the issue: hostile entries are passed over, quickly, without error.
    @Test(.timeLimit(.minutes(1))) func hostileTreeIsAuditedWithoutBlocking() throws {
        let repo = try TemporaryRepository(["train.py": "import mlflow\nmlflow.log_metric('a', 1)\n"], git: true)
        let root = repo.url
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("loop"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("loop/again").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("rootfs").path, withDestinationPath: "/")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link.py").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(root.appendingPathComponent("x.py").path, 0o644) == 0)
        let sparse = root.appendingPathComponent("huge.py").path
        #expect(fm.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 2 << 30) == 0)
        try Data([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02] + Array("mlflow.log_param('x', 1)".utf8))
            .write(to: root.appendingPathComponent("binary.py"))
        let weird = root.path + "/caf\u{e9}-\u{1F600}"
        #expect(fm.createFile(atPath: weird, contents: Data("x".utf8)))
        // A name that is not UTF-8 at all.
        let invalid: [UInt8] = Array(root.path.utf8) + Array("/bad-\u{1}".utf8) + [0xFF, 0xFE] + Array(".py".utf8) + [0]
        let fd = invalid.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        _ = "import mlflow\nmlflow.autolog()\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        // A Unix socket named like a source file.
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = Array(root.appendingPathComponent("server.py").path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        defer { close(socketFD) }
        try fm.createDirectory(at: root.appendingPathComponent("locked"), withIntermediateDirectories: true)
        chmod(root.appendingPathComponent("locked").path, 0)
        defer { chmod(root.appendingPathComponent("locked").path, 0o755) }

        // Nothing here may block or take long: the FIFO would hang a read, the sparse file is 2 GB. The
        // assertions below show neither was read; the test's time limit turns a hang into a failure.
        let audit = try repo.audit()
        #expect(audit.scan.skippedLarge == ["huge.py"])
        #expect(audit.scan.skippedBinary == 1)
        #expect(audit.status("tracking-mlflow") == .pass)
        // The non-UTF-8 file was read through its exact bytes.
        #expect(audit.check("tracking-mlflow")?.evidence.contains { $0.text == "mlflow.autolog()" } == true)
        let listed = RepositoryWalker().walk(root: root.path).files.map(\.path)
        #expect(!listed.contains("x.py") && !listed.contains("server.py") && !listed.contains("link.py"))
        #expect(!listed.contains { $0.hasPrefix("loop/again") || $0.hasPrefix("rootfs") })
    }
}
