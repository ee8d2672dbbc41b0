import Yams

/// The repository as the pipeline model reads it: the walk's files (never a link, never outside the
/// tree, never past the size limit), read once each.
///
/// A view may be rebased on a nested project (a seed folder with its own `.github/`): paths its pipelines
/// name are looked up in that project first, then from the repository root.
final class PipelineSource {
    private let store: Store
    /// The nested project the view reads from, relative to the repository root ("" for the root).
    let base: String

    var root: String { store.root }
    var maxFileSize: Int { store.maxFileSize }
    var files: [RepositoryFile] { store.files }

    init(root: String, files: [RepositoryFile], maxFileSize: Int) {
        store = Store(root: root, files: files, maxFileSize: maxFileSize)
        base = ""
    }

    private init(store: Store, base: String) {
        self.store = store
        self.base = base
    }

    /// The same files and cache, read from a nested project's folder.
    func rebased(on base: String) -> PipelineSource { base.isEmpty ? self : PipelineSource(store: store, base: base) }

    func exists(_ path: String) -> Bool { resolve(path) != nil }

    /// The real path of a file named as the repository (or the nested project, or a generated project) names it.
    func resolve(_ path: String) -> String? {
        if !base.isEmpty, let joined = PipelinePaths.join(base, path), let file = store.file(joined) { return file.path }
        return store.file(path)?.path
    }

    /// The first YAML document of a file a pipeline includes (template, reusable workflow, action),
    /// with its real path; nil when it is absent, does not parse or expands past the node budget.
    func yamlRoot(_ path: String) -> (node: Yams.Node, path: String)? {
        guard let real = resolve(path), let text = text(real), case let .success(documents) = PipelineYAML.documents(text),
              let root = documents.first, PipelineYAML.size(root) <= PipelineYAML.nodeBudget else { return nil }
        return (root, real)
    }

    /// The file's text when it is a readable text file within the limit.
    func text(_ path: String) -> String? {
        guard let real = resolve(path) else { return nil }
        return store.text(real)
    }

    /// Files by path and by the path a generated project would give them (`{{cookiecutter.x}}/ci.yml`),
    /// with the texts read so far: shared by every view.
    private final class Store {
        let root: String
        let maxFileSize: Int
        let files: [RepositoryFile]
        private var indexed = false
        private var pathIndex: [String: RepositoryFile] = [:]
        private var matchPathIndex: [String: RepositoryFile] = [:]
        private var cache: [String: String?] = [:]

        init(root: String, files: [RepositoryFile], maxFileSize: Int) {
            self.root = root
            self.files = files
            self.maxFileSize = maxFileSize
        }

        /// Built on first use: most audits follow no file, and a 100,000-file index costs a tenth of a second.
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

        func file(_ path: String) -> RepositoryFile? {
            index()
            return pathIndex[path] ?? matchPathIndex[path]
        }

        func text(_ path: String) -> String? {
            if let cached = cache[path] { return cached }
            guard let file = file(path) else { return nil }
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
}
