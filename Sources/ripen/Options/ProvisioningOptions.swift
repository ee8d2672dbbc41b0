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

extension Target: ExpressibleByArgument {}
