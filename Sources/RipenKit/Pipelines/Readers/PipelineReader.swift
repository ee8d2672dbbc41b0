import Yams

/// Reads one CI system's definitions into pipelines. Each reader says where its system's files live:
/// the one definition of it, used by every check through the model.
protocol PipelineReader {
    static var system: CISystem { get }
    /// Whether the file at this path (as a generated project would name it) is one of the system's definitions.
    static func claims(_ path: String) -> Bool
    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult
}

/// What reading one file gave: its pipelines, or where it does not parse.
struct PipelineFileResult {
    var pipelines: [Pipeline] = []
    var error: PipelineParseError?
    /// Files it read besides itself (includes, templates), so they are not read again as pipelines.
    var included: [String] = []
}

extension PipelineReader {
    /// The file's YAML documents, or the result that reports why there are none.
    static func documents(_ file: String, from source: PipelineSource) -> ([Node], PipelineFileResult?) {
        guard let text = source.text(file) else { return ([], PipelineFileResult()) }
        switch PipelineYAML.documents(text) {
        case let .success(nodes):
            if nodes.contains(where: { PipelineYAML.size($0) > PipelineYAML.nodeBudget }) {
                return ([], PipelineFileResult(error: PipelineParseError(
                    line: 1, column: 1, message: "more than \(PipelineYAML.nodeBudget) YAML nodes (aliases expanded): not read")))
            }
            return (nodes, nil)
        case let .failure(error):
            return ([], PipelineFileResult(error: error))
        }
    }
}

enum PipelinePaths {
    // Every YAML file of a tree meets these before any reader reads it: byte-level and allocation-free,
    // not Foundation's string search.
    static func name(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }

    /// Whether a folder on the path (not the file name) is one of `names`.
    static func inFolder(_ path: String, named names: Set<Substring>) -> Bool {
        var start = path.utf8.startIndex
        while let slash = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
            if names.contains(path[start..<slash]) { return true }
            start = path.utf8.index(after: slash)
        }
        return false
    }
    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
    static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yml") || path.hasSuffix(".yaml") }

    /// A YAML file right inside `folder` (not in a subfolder of it).
    static func isYAML(_ path: String, directlyIn folder: String) -> Bool {
        isYAML(path) && directory(path) == folder
    }

    /// `a/b/../c` → `a/c`; nil when it leaves the repository.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    static func join(_ directory: String, _ path: String) -> String? {
        if path.hasPrefix("/") { return normalize(String(path.dropFirst())) }
        return normalize(directory.isEmpty ? path : directory + "/" + path)
    }
}
