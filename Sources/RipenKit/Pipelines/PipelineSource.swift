import Yams

/// The repository as the pipeline model reads it: the walk's files (never a link, never outside the
/// tree, never past the size limit), read once each.
final class PipelineSource {
    let root: String
    let maxFileSize: Int
    /// Files by path, and by the path a generated project would give them (`{{cookiecutter.x}}/ci.yml`).
    private var indexed = false
    private var pathIndex: [String: RepositoryFile] = [:]
    private var matchPathIndex: [String: RepositoryFile] = [:]
    /// Built on first use: most audits follow no file, and a 100,000-file index costs a tenth of a second.
    private var byPath: [String: RepositoryFile] { index(); return pathIndex }
    private var byMatchPath: [String: RepositoryFile] { index(); return matchPathIndex }
    let files: [RepositoryFile]
    private var cache: [String: String?] = [:]

    init(root: String, files: [RepositoryFile], maxFileSize: Int) {
        self.root = root
        self.files = files
        self.maxFileSize = maxFileSize
    }

    private func index() {
        guard !indexed else { return }
        indexed = true
        pathIndex.reserveCapacity(files.count)
        for file in files {
            pathIndex[file.path] = file
            // Only templated names differ from their path.
            if file.matchPath != file.path, matchPathIndex[file.matchPath] == nil { matchPathIndex[file.matchPath] = file }
        }
    }

    func exists(_ path: String) -> Bool { byPath[path] != nil || byMatchPath[path] != nil }

    /// The file whose path or template-logical name is `path`.
    private func file(_ path: String) -> RepositoryFile? { byPath[path] ?? byMatchPath[path] }

    /// The real path of a file named as the repository or a generated project names it.
    func resolve(_ path: String) -> String? { (byPath[path] ?? byMatchPath[path])?.path }

    /// The first YAML document of a file a pipeline includes (template, reusable workflow, action),
    /// with its real path; nil when it is absent, does not parse or expands past the node budget.
    func yamlRoot(_ path: String) -> (node: Yams.Node, path: String)? {
        guard let real = resolve(path), let text = text(real), case let .success(documents) = PipelineYAML.documents(text),
              let root = documents.first, PipelineYAML.size(root) <= PipelineYAML.nodeBudget else { return nil }
        return (root, real)
    }

    /// The file's text when it is a readable text file within the limit.
    func text(_ path: String) -> String? {
        if let cached = cache[path] { return cached }
        guard let file = byPath[path] ?? byMatchPath[path] else { return nil }
        let absolute = Array(root.utf8) + [UInt8(ascii: "/")] + file.rawPath
        var text: String?
        if case let .text(bytes) = FileReader.read(absolute, limit: maxFileSize) {
            // "\r\n" is one Character in Swift: files written on Windows are read with plain newlines.
            text = String(decoding: bytes.filter { $0 != 13 }, as: UTF8.self)
        }
        cache[path] = text
        return text
    }
}
