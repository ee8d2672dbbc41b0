import Foundation

/// The environments and playbooks in force: the built-in ones, then the user's directories, which
/// override a built-in one of the same name (platform teams customise without touching Swift).
public struct ProvisioningCatalog: Sendable {
    public var environments: [EnvironmentSpec]
    public var playbooks: [Playbook]

    public static func load(environmentDirectories: [URL] = [], playbookDirectories: [URL] = []) throws(SpecErrors) -> ProvisioningCatalog {
        var issues: [SpecIssue] = []
        func collect<T>(_ folder: String, _ directories: [URL], _ type: T.Type, name: (T) -> String,
                        located: (T, String) -> T) -> [T] where T: Decodable {
            var byName: [String: T] = [:]
            var sources: [(file: String, text: String)] = BundledData.files.filter { $0.0.hasPrefix(folder + "/") }
                .map { (file: $0.0, text: $0.1) }
            for directory in directories {
                do {
                    sources += try SpecDirectory.files(directory)
                } catch {
                    issues += error.issues
                }
            }
            for source in sources {
                do {
                    let document = try YAMLDocument(file: source.file, text: source.text)
                    let item = located(try document.decode(T.self, from: document.root), source.file)
                    byName[name(item)] = item
                } catch {
                    issues.append(error)
                }
            }
            return byName.keys.sorted().map { byName[$0]! }
        }
        let environments = collect("environments", environmentDirectories, EnvironmentSpec.self, name: \.name) { spec, file in
            var spec = spec
            spec.file = file
            return spec
        }
        let playbooks = collect("playbooks", playbookDirectories, Playbook.self, name: \.name) { playbook, file in
            var playbook = playbook
            playbook.file = file
            return playbook
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return ProvisioningCatalog(environments: environments, playbooks: playbooks)
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

/// The `*.yaml` / `*.yml` files of a user's spec directory, in name order.
enum SpecDirectory {
    static func files(_ directory: URL) throws(SpecErrors) -> [(file: String, text: String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SpecErrors([SpecIssue(file: directory.path, line: 1, column: 1, message: "cannot list directory: \(error.localizedDescription)")])
        }
        var result: [(file: String, text: String)] = []
        var issues: [SpecIssue] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                issues.append(SpecIssue(file: path, line: 1, column: 1, message: "cannot read file as UTF-8 text"))
                continue
            }
            result.append((file: path, text: text))
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return result
    }
}

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
