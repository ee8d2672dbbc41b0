import Foundation
import Testing
@testable import RipenKit

/// Where bootstrap looks for a Python of the environment's version and for conda. The interpreters here
/// are stand-ins that only answer the version question (which is all the locator asks).
@Suite struct LocatorTests {
    final class Folder {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-locator-\(UUID().uuidString)")

        /// An executable that prints `version` when asked, or fails like an inactive pyenv shim.
        func interpreter(_ relative: String, version: String?) throws {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let body = version.map { "echo \($0)" } ?? "echo 'pyenv: python3.12: command not found' >&2; exit 127"
            try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test func anInactivePyenvShimLeadsToPyenvsNewestMatchingVersion() throws {
        let folder = Folder()
        try folder.interpreter("pyenv/shims/python3.12", version: nil)
        try folder.interpreter("pyenv/shims/python3", version: "3.11")
        try folder.interpreter("pyenv/versions/3.12.4/bin/python3.12", version: "3.12")
        try folder.interpreter("pyenv/versions/3.12.10/bin/python3.12", version: "3.12")
        try folder.interpreter("pyenv/versions/3.11.7/bin/python3.11", version: "3.11")
        let search = PythonLocator(environment: ["PATH": folder.path("pyenv/shims"), "HOME": folder.path("home")]).find(version: "3.12")
        #expect(search.found?.path == folder.path("pyenv/versions/3.12.10/bin/python3.12"))
    }

    @Test func pathComesFirstAndPython3CountsWhenItIsTheVersion() throws {
        let folder = Folder()
        try folder.interpreter("bin/python3", version: "3.12")
        try folder.interpreter("home/.pyenv/versions/3.12.9/bin/python3.12", version: "3.12")
        let search = PythonLocator(environment: ["PATH": folder.path("bin"), "HOME": folder.path("home")]).find(version: "3.12")
        #expect(search.found?.path == folder.path("bin/python3"))
    }

    @Test func uvsManagedPythonsAreFound() throws {
        let folder = Folder()
        try folder.interpreter("home/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12", version: "3.12")
        let search = PythonLocator(environment: ["PATH": folder.path("bin"), "HOME": folder.path("home")]).find(version: "3.12")
        #expect(search.found?.path == folder.path("home/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12"))
    }

    @Test func nothingFoundListsWhereItLooked() throws {
        let folder = Folder()
        try folder.interpreter("bin/python3", version: "3.11")
        let search = PythonLocator(environment: ["PATH": folder.path("bin"), "HOME": folder.path("home")]).find(version: "3.12")
        #expect(search.found == nil)
        #expect(search.searched.contains(folder.path("home/.pyenv") + "/versions"))
        #expect(search.searched.contains(folder.path("home/.local/share/uv/python")))
    }

    @Test func condaOnPathGivesItsBase() throws {
        let folder = Folder()
        try folder.interpreter("miniforge3/condabin/conda", version: "conda 26.1.0")
        try folder.interpreter("miniforge3/bin/conda", version: "conda 26.1.0")
        let found = try #require(CondaLocator(environment: ["PATH": folder.path("miniforge3/condabin"), "HOME": folder.path("home")]).find())
        #expect(found.base?.path == folder.path("miniforge3"))
        // Nothing on PATH, but an installation where the installer puts it.
        let home = try #require(CondaLocator(environment: ["PATH": folder.path("none"), "HOME": folder.root.path]).find())
        #expect(home.base?.path == folder.path("miniforge3"))
    }

    @Test func micromambaAloneIsNotACondaBase() throws {
        let folder = Folder()
        try folder.interpreter("bin/micromamba", version: "2.0.0")
        let found = try #require(CondaLocator(environment: ["PATH": folder.path("bin"), "HOME": folder.path("home")]).find())
        #expect(found.base == nil)
        #expect(CondaLocator(environment: ["PATH": folder.path("empty"), "HOME": folder.path("home")]).find() == nil)
    }

    /// Through the binary: no Python of the named version anywhere, and a --python of the wrong version.
    @Test func withoutTheNamedPythonBootstrapSaysWhatToInstall() throws {
        let folder = Folder()
        try folder.interpreter("bin/python3", version: "3.11")
        let out = folder.path("out")
        // Nowhere else to look either: no pyenv or uv root from the machine's environment.
        let environment = ["PATH": "\(folder.path("bin")):/usr/bin:/bin", "HOME": folder.path("home"), "PYENV_ROOT": folder.path("no-pyenv"),
                           "UV_PYTHON_INSTALL_DIR": folder.path("no-uv"), "XDG_DATA_HOME": folder.path("no-data")]
        let missing = try RipenBinary.run(["bootstrap", "--out", out, "--yes"], environment: environment)
        #expect(missing.status == 1, "\(missing.stdout)\n\(missing.stderr)")
        #expect(missing.stdout.contains("conda, mamba and micromamba not found"))
        #expect(missing.stderr.contains("names Python 3.12, and none was found"))
        #expect(missing.stderr.contains("--python PATH"))
        #expect(!FileManager.default.fileExists(atPath: out), "files written before a prerequisite was found")

        let wrong = try RipenBinary.run(["bootstrap", "--out", out, "--yes", "--python", folder.path("bin/python3")], environment: environment)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("is Python 3.11; the environment exp-tracking names Python 3.12"))
    }
}
