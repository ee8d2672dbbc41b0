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
        // The folders themselves are inputs too, so adding a file re-runs the command; the tool
        // lists them itself at run time rather than trusting this (possibly stale) plan.
        var inputs: [URL] = Self.folders.map { root.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
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
                displayName: "Embedding \(Self.folders.joined(separator: ", "))",
                executable: try context.tool(named: "ripen-embed").url,
                arguments: [root.path, output.path] + Self.folders,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
