/// A regular file found by the walk, with its path relative to the repository root.
public struct RepositoryFile: Sendable, Hashable {
    /// `/`-separated, for reports; names that are not UTF-8 show replacement characters.
    public let path: String
    /// The path globs are matched against: `path` as the project generated from a template would
    /// have it (see `TemplatePath`).
    public let matchPath: String
    /// The exact bytes of the relative path, to open files whose names are not UTF-8.
    let rawPath: [UInt8]
    /// What the file stands for when it is not simply present (the enclosing git work tree).
    var note: String?

    init(path: String, rawPath: [UInt8], note: String? = nil) {
        self.path = path
        matchPath = TemplatePath.logical(path)
        self.rawPath = rawPath
        self.note = note
    }

    var isNotebook: Bool { matchPath.hasSuffix(".ipynb") }
}

/// Project templates (cookiecutter, copier, Jinja) keep a project's files under templated names:
/// `{{cookiecutter.repo_name}}/.github/workflows/ci.yml`, `Dockerfile.j2`, `train.py.tmpl`. A template
/// repository provides the capabilities of the projects it generates, so its files are matched as
/// those projects would name them; evidence still shows the real path.
enum TemplatePath {
    static let suffixes = [".tmpl", ".jinja2", ".jinja", ".j2", ".tpl"]

    static func logical(_ path: String) -> String {
        // Every file of a walk comes here: a byte scan, not Foundation's string search.
        guard hasTemplateMarks(path) else { return path }
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // A folder named by a template expression alone is the generated project's root (or a package
        // folder): drop it. Expressions inside a name stay, so `test_{{name}}.py` still ends in `.py`.
        let name = components.removeLast()
        components.removeAll { $0.hasPrefix("{{") && $0.hasSuffix("}}") }
        components.append(name)
        if var last = components.last, let suffix = suffixes.first(where: { last.hasSuffix($0) }),
           last.count > suffix.count {
            last.removeLast(suffix.count)
            components[components.count - 1] = last
        }
        return components.joined(separator: "/")
    }

    private static let suffixBytes = suffixes.map { Array($0.utf8) }

    private static func hasTemplateMarks(_ path: String) -> Bool {
        let utf8 = path.utf8
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "{"), previous == byte { return true }
            previous = byte
        }
        return suffixBytes.contains { suffix in utf8.count >= suffix.count && utf8.suffix(suffix.count).elementsEqual(suffix) }
    }
}
