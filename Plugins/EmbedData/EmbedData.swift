import Foundation
import PackagePlugin

/// Embeds `checklists/`, `environments/` and `playbooks/` into the library at build time.
///
/// The top-level folders stay the single source of truth; the binary carries a copy, so
/// `ripen` works when copied anywhere without a resource bundle beside it.
@main
struct EmbedData: BuildToolPlugin {
    static let folders = ["checklists", "environments", "playbooks"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let dir = root.appending(path: folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                inputs.append(dir.appending(path: name))
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledData.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) data files",
                executable: try context.tool(named: "ripen-embed").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
