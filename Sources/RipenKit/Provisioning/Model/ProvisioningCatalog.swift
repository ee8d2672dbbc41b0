import Foundation

/// The environments and playbooks in force: the built-in ones, then the user's directories, which
/// override a built-in one of the same name (platform teams customise without touching Swift).
public struct ProvisioningCatalog: Sendable {
    public var environments: [EnvironmentSpec]
    public var playbooks: [Playbook]

    public static func load(environmentDirectories: [URL] = [], playbookDirectories: [URL] = []) throws(SpecErrors) -> ProvisioningCatalog {
        var issues: [SpecIssue] = []
        let environments: [EnvironmentSpec] = collect("environments", environmentDirectories, kind: "environment", issues: &issues)
        let playbooks: [Playbook] = collect("playbooks", playbookDirectories, kind: "playbook", issues: &issues)
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return ProvisioningCatalog(environments: environments, playbooks: playbooks)
    }

    /// The built-in specs of `folder`, then the user's directories; a later spec replaces an earlier one
    /// of the same name. Sorted by name.
    private static func collect<Spec: ProvisioningSpec>(_ folder: String, _ directories: [URL], kind: String,
                                                        issues: inout [SpecIssue]) -> [Spec] {
        var documents: [YAMLDocument] = []
        for (path, text) in BundledData.files where path.hasPrefix(folder + "/") {
            do {
                documents.append(try YAMLDocument(file: path, text: text))
            } catch {
                issues.append(error)
            }
        }
        for directory in directories {
            let found = SpecDirectory.documents(directory, kind: kind)
            documents += found.documents
            issues += found.issues
        }
        var byName: [String: Spec] = [:]
        for document in documents {
            do {
                var spec = try document.decode(Spec.self, from: document.root)
                spec.file = document.file
                byName[spec.name] = spec
            } catch {
                issues.append(error)
            }
        }
        return byName.keys.sorted().map { byName[$0]! }
    }

    public func environment(_ name: String) throws(GenerationError) -> EnvironmentSpec {
        guard let found = environments.first(where: { $0.name == name }) else {
            throw .unknown("environment", name, environments.map(\.name))
        }
        return found
    }

    /// The playbook for a target: the one named after it.
    public func playbook(for target: Target) throws(GenerationError) -> Playbook {
        guard let found = playbooks.first(where: { $0.name == target.rawValue && $0.target == target })
            ?? playbooks.first(where: { $0.target == target }) else {
            throw .unknown("playbook for target", target.rawValue, playbooks.map(\.name))
        }
        return found
    }
}

/// An environment or a playbook: decoded from one file, known by its name.
protocol ProvisioningSpec: Decodable {
    var name: String { get }
    /// Where it was read from, for messages.
    var file: String { get set }
}

extension EnvironmentSpec: ProvisioningSpec {}
extension Playbook: ProvisioningSpec {}

/// Why generation could not run. All map to exit code 2.
public enum GenerationError: Error, Equatable, CustomStringConvertible {
    case unknown(String, String, [String])
    case invalidOption(String)
    case unsafePath(String)
    case conflict(String)
    case stackNotForTarget(String, Target, [String])
    case io(String)

    public var description: String {
        switch self {
        case let .unknown(kind, name, known): "unknown \(kind) '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .invalidOption(message): message
        case let .unsafePath(path): "refusing to write '\(path)': generated paths must stay inside --out (no '..', no absolute paths, no symbolic links)"
        case let .conflict(path): "two stacks generate '\(path)' with different contents"
        case let .stackNotForTarget(stack, target, stacks): "stack '\(stack)' is not for target '\(target.rawValue)' (its stacks: \(stacks.joined(separator: ", ")))"
        case let .io(message): message
        }
    }
}
