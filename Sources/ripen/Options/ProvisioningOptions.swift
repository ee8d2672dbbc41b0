import ArgumentParser
import Foundation
import RipenKit

/// Where environments and playbooks come from: the built-in ones plus the user's folders.
struct ProvisioningOptions: ParsableArguments {
    @Option(name: .customLong("environments"), help: ArgumentHelp("A folder of environment YAML files (repeatable); overrides built-ins of the same name.", valueName: "DIR"))
    var environmentDirectories: [String] = []

    @Option(name: .customLong("playbooks"), help: ArgumentHelp("A folder of playbook YAML files (repeatable); overrides built-ins of the same name.", valueName: "DIR"))
    var playbookDirectories: [String] = []

    func catalog() throws -> ProvisioningCatalog {
        do {
            return try ProvisioningCatalog.load(
                environmentDirectories: environmentDirectories.map { URL(fileURLWithPath: $0) },
                playbookDirectories: playbookDirectories.map { URL(fileURLWithPath: $0) })
        } catch {
            throw fail(error)
        }
    }
}

extension ProvisioningOptions {
    /// `--set KEY=VALUE` options as a dictionary.
    static func parse(_ settings: [String]) throws -> [String: String] {
        var parsed: [String: String] = [:]
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw fail("--set \(setting): expected KEY=VALUE") }
            parsed[parts[0]] = parts[1]
        }
        return parsed
    }
}

extension Target: ExpressibleByArgument {}
