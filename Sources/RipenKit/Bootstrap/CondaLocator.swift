import Foundation

/// Finds an installed conda, mamba or micromamba: on PATH first, then where installers put them.
public struct CondaLocator: Sendable {
    public struct Found: Sendable, Equatable {
        public var executable: URL
        /// The installation's base (`CONDA_DIR`), when it is a conda installation (has `bin/conda`).
        public var base: URL?
    }

    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public static let names = ["conda", "mamba", "micromamba"]

    public func find() -> Found? {
        var candidates: [URL] = []
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            for name in Self.names { candidates.append(URL(fileURLWithPath: "\(directory)/\(name)")) }
        }
        if let home = environment["HOME"] {
            for folder in ["miniforge3", "mambaforge", "miniconda3", "anaconda3"] {
                candidates.append(URL(fileURLWithPath: "\(home)/\(folder)/bin/conda"))
            }
        }
        candidates.append(URL(fileURLWithPath: "/opt/conda/bin/conda"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            // `bin/conda` and `condabin/conda` both sit one level below the base.
            let resolved = candidate.resolvingSymlinksInPath()
            let base = resolved.deletingLastPathComponent().deletingLastPathComponent()
            let hasConda = FileManager.default.isExecutableFile(atPath: base.appendingPathComponent("bin/conda").path)
            return Found(executable: candidate, base: hasConda ? base : nil)
        }
        return nil
    }
}
