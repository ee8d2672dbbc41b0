import Foundation
import Testing
@testable import RipenKit

/// Every shipped environment's pinned requirements resolve and install together, for real, on the Python
/// version the environment names, and `pip check` finds no broken dependency. exp-tracking is installed
/// by `BootstrapInstallTests` through bootstrap itself. Slow: in the suite's second pass.
@Suite(.serialized) struct EnvironmentPinsTests {
    static let environments: [String] = (try? ProvisioningCatalog.load().environments.map(\.name).filter { $0 != "exp-tracking" }) ?? []

    @Test func everyShippedEnvironmentIsCovered() throws {
        let shipped = try ProvisioningCatalog.load().environments.map(\.name)
        #expect(Set(Self.environments + ["exp-tracking"]) == Set(shipped))
        #expect(Self.environments.count >= 3)
    }

    @Test(arguments: environments) func pinsInstallTogetherOnTheNamedPython(_ name: String) throws {
        let catalog = try ProvisioningCatalog.load()
        let spec = try catalog.environment(name)
        let search = PythonLocator().find(version: spec.python)
        let python = try #require(search.found, "no Python \(spec.python) on this machine (looked in \(search.searched)); install it to test \(name)")
        let tree = try GeneratedTree([.env], options: GenerationOptions(environment: name))
        let venv = tree.url.appendingPathComponent("venv").path
        let install = try MachineSetup.shell("""
            set -euo pipefail
            \(Quote.shell(python.path)) -m venv \(Quote.shell(venv))
            \(Quote.shell(venv))/bin/python -m pip install --disable-pip-version-check --requirement \(Quote.shell(tree.path("requirements.txt")))
            \(Quote.shell(venv))/bin/python -m pip check
            """, environment: ["PIP_CACHE_DIR": MachineSetup.pipCache])
        #expect(install.status == 0, "\(name): \(install.output.suffix(3000))")
        #expect(try MachineSetup.missingPins(spec, python: "\(venv)/bin/python") == [])
    }
}
