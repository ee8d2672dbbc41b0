import Foundation
@testable import RipenKit

/// What the install tests share: the wheel cache kept between runs, a PATH without conda, a shell runner
/// that waits for its own process only, and the versions pip installed.
enum MachineSetup {
    /// pip's cache, kept between runs of the suite (the first run downloads every wheel once).
    static var pipCache: String {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/ripen-tests/pip").path
    }

    /// This machine's PATH without any folder that holds conda, mamba or micromamba.
    static var pathWithoutConda: String {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").filter { directory in
            !CondaLocator.names.contains { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
        }.joined(separator: ":")
    }

    struct Shell {
        var status: Int32
        var output: String
    }

    static func shell(_ script: String, environment: [String: String] = [:]) throws -> Shell {
        let collected = Tail(limit: 1 << 24)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let result = try ProcessGroupRunner().run(script, environment: env) { collected.append($0) }
        return Shell(status: result.status, output: collected.text)
    }

    /// Installed distributions by normalised name (PEP 503), with their versions.
    static func installed(python: String) throws -> [String: String] {
        let list = try shell("\(Quote.shell(python)) -m pip list --format json --disable-pip-version-check 2>/dev/null")
        guard list.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: String]] else {
            return [:]
        }
        var versions: [String: String] = [:]
        for row in rows { if let name = row["name"], let version = row["version"] { versions[normalised(name)] = version } }
        return versions
    }

    static func normalised(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
    }

    /// Pins that are not installed at their version, as `name==wanted (found)`.
    static func missingPins(_ environment: EnvironmentSpec, python: String) throws -> [String] {
        let versions = try installed(python: python)
        return environment.pip.compactMap { pin in
            let found = versions[normalised(pin.name)]
            return found == pin.version ? nil : "\(pin.spec) (\(found ?? "not installed"))"
        }
    }
}
