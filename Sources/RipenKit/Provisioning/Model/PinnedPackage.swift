/// A package with an exact version: `name==version` (pip) or `name=version` (conda).
/// Unpinned packages are rejected when the environment is loaded: same inputs must give the same setup.
public struct PinnedPackage: Sendable, Equatable, CustomStringConvertible {
    public enum Manager: Sendable { case pip, conda }

    public var name: String
    public var version: String
    public var spec: String

    public var description: String { spec }

    /// Every item of a package list, each error at its own item (`pip[2]`).
    static func list(_ items: [String], manager: Manager, codingPath: [any CodingKey]) throws -> [PinnedPackage] {
        try items.enumerated().map { index, text in
            try PinnedPackage(parsing: text, manager: manager, codingPath: codingPath + [IndexKey(index)])
        }
    }

    init(parsing text: String, manager: Manager, codingPath: [any CodingKey] = []) throws {
        let separator = manager == .pip ? "==" : "="
        let parts = text.components(separatedBy: separator)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.[]")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy(allowed.contains), parts[1].allSatisfy({ allowed.contains($0) && $0 != "[" && $0 != "]" })
        else {
            let example = manager == .pip ? "mlflow==3.17.2" : "pip=25.2"
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                debugDescription: "'\(text)' is not pinned to one version (write it as \(example))"))
        }
        name = parts[0]
        version = parts[1]
        spec = text
    }
}
