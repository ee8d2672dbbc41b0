import Foundation

/// Finds a Python of a given minor version (`3.12`) for a virtual environment: `python3.12` on PATH, then
/// `python3` and `python` when they are that version, then the installations of pyenv and uv. Each
/// candidate is asked its version; a pyenv shim that is not active for this version does not answer.
public struct PythonLocator: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The interpreter, or nil with the places looked at.
    public func find(version: String) -> (found: URL?, searched: [String]) {
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        var candidates: [URL] = []
        for name in ["python\(version)", "python3", "python"] {
            for directory in path { candidates.append(URL(fileURLWithPath: "\(directory)/\(name)")) }
        }
        var searched = ["PATH (python\(version), python3, python)"]
        // pyenv: PYENV_ROOT, the root whose shims are on PATH, ~/.pyenv.
        var pyenvRoots: [String] = []
        if let root = environment["PYENV_ROOT"] { pyenvRoots.append(root) }
        for directory in path where directory.hasSuffix("/shims") {
            let root = String(directory.dropLast("/shims".count))
            if FileManager.default.fileExists(atPath: root + "/versions") { pyenvRoots.append(root) }
        }
        if let home = environment["HOME"] { pyenvRoots.append(home + "/.pyenv") }
        for root in unique(pyenvRoots) {
            searched.append(root + "/versions")
            for folder in versions(in: root + "/versions", prefix: version) {
                candidates.append(URL(fileURLWithPath: "\(root)/versions/\(folder)/bin/python\(version)"))
            }
        }
        // uv's managed Pythons.
        var uvRoots: [String] = []
        if let root = environment["UV_PYTHON_INSTALL_DIR"] { uvRoots.append(root) }
        if let data = environment["XDG_DATA_HOME"] { uvRoots.append(data + "/uv/python") }
        if let home = environment["HOME"] { uvRoots.append(home + "/.local/share/uv/python") }
        for root in unique(uvRoots) {
            searched.append(root)
            for folder in versions(in: root, prefix: "cpython-\(version)") {
                candidates.append(URL(fileURLWithPath: "\(root)/\(folder)/bin/python\(version)"))
            }
        }
        var tried: Set<String> = []
        for candidate in candidates where tried.insert(candidate.path).inserted {
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            if Self.version(of: candidate, environment: environment) == version { return (candidate, searched) }
        }
        return (nil, searched)
    }

    /// `3.12` for a Python 3.12.x, nil when it does not run.
    public static func version(of interpreter: URL, environment: [String: String]) -> String? {
        let process = ExternalProcess(executable: interpreter,
                                      arguments: ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                      environment: environment, directory: nil, timeout: .seconds(10))
        guard let output = try? process.run(), output.status == 0, !output.timedOut else { return nil }
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sub-folders named `prefix.N…` (3.12.1, 3.12.10), newest first.
    private func versions(in folder: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(prefix + ".") || $0.hasPrefix(prefix + "-") }
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
    }

    private func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
