import Foundation
import Yams

/// One link of the evidence chain: a file, a line and what is there.
public struct ChainLink: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var text: String

    var rendered: String { "\(file):\(line): \(text)" }
}

/// Which command classes a step does, each with the chain that shows it: the step's command, then the
/// files it runs (scripts, modules, Makefile targets, DVC stages, job specs) down to the line that does
/// the work. What a file does decides, not its name; nothing is executed.
final class RunClassifier {
    typealias Classes = [String: [ChainLink]]

    /// Files run by files run by the step: at most this deep.
    static let maximumDepth = 4
    /// Local modules imported by the Python a step runs are read a little deeper (a package's entry
    /// point imports the module that does the work).
    static let maximumImportDepth = 8
    static let maximumFiles = 2_000

    // Compiled once: a fleet classifies thousands of steps.
    static let expression = LinePattern.Regex(try! NSRegularExpression(pattern: #"\$\{\{\s*([^}]*?)\s*\}\}"#))
    static let pythonName = try! LinePattern(#"^(python(\d(\.\d+)?)?|py|ipython)$"#)

    let vocabulary: [CommandClass]
    let source: PipelineSource
    private var fileCache: [String: Classes] = [:]
    private var active: Set<String> = []
    private var filesRead = 0

    init(vocabulary: [CommandClass], source: PipelineSource) {
        self.vocabulary = vocabulary
        self.source = source
    }

    func classify(_ step: PipelineStep, hosted: Bool) -> Classes {
        var result: Classes = [:]
        if let uses = step.uses, !uses.isEmpty {
            for kind in vocabulary where kind.uses.contains(where: { $0.firstMatch(in: uses) != nil }) {
                result[kind.id] = result[kind.id] ?? [ChainLink(file: step.file, line: step.line, text: "uses: \(uses)")]
            }
        }
        var directory = step.directory
        // `${{ expr }}` is one word to the shell (the runner substitutes it first).
        var script = step.script
        if script.containsBytes("${{") {
            script = Self.expression.value.stringByReplacingMatches(
                in: script, range: NSRange(script.startIndex..., in: script), withTemplate: #"\$\{\{$1\}\}"#)
        }
        for command in ShellText.commands(script, remote: step.remote) {
            // `cd folder` moves the commands after it.
            if command.words.first == "cd", !command.remote {
                if let target = command.words.dropFirst().first, !target.contains("$"), !target.hasPrefix("/"), !target.hasPrefix("~") {
                    directory = PipelinePaths.join(directory, target) ?? directory
                }
                continue
            }
            let link = ChainLink(file: step.file, line: step.line + command.offset, text: Self.short(command.text))
            let found = classify(command, directory: directory, hosted: hosted, depth: 0)
            for (id, chain) in found where result[id] == nil { result[id] = [link] + chain }
        }
        return result
    }

    /// Classes of one shell command, as the chain below it.
    func classify(_ command: ShellCommand, directory: String, hosted: Bool, depth: Int) -> Classes {
        var result: Classes = [:]
        if command.remote || hosted {
            let lower = command.text.lowercased()
            for kind in vocabulary where kind.hosted.contains(where: { $0.mayMatch(lowercased: lower) && $0.firstMatch(in: command.text) != nil }) {
                result[kind.id] = []
            }
        }
        if command.remote { return result }
        let targets = runs(command.words, directory: directory)
        if targets.isEmpty {
            let text = Self.unwrapped(command.words).joined(separator: " ")
            let lower = text.lowercased()
            for kind in vocabulary where result[kind.id] == nil
                && kind.command.contains(where: { $0.mayMatch(lowercased: lower) && $0.firstMatch(in: text) != nil }) {
                result[kind.id] = []
            }
        }
        guard depth < Self.maximumDepth else { return result }
        for target in targets {
            for (id, chain) in classify(target, directory: directory, depth: depth + 1) where result[id] == nil {
                result[id] = chain
            }
        }
        return result
    }

    // MARK: what a command runs

    enum Target: Hashable {
        case file(String)
        case module(String)
        case python(String)
        case inline(String)
        case make(String, [String])
        case dvc(String)
        case spec(String)
        case tox(String, [String])
    }

    static let wrappers: [[String]] = [["poetry", "run"], ["uv", "run"], ["pipenv", "run"], ["pdm", "run"],
                                       ["hatch", "run"], ["rye", "run"], ["pixi", "run"]]

    /// Options of those runners that take a value as the next word.
    static let wrapperValueOptions: Set<String> = [
        "--with", "--with-requirements", "--extra", "--group", "--only-group", "--directory", "--project",
        "--package", "-p", "--python", "--env-file", "-e", "--env", "--environment", "--index", "--index-url",
    ]

    /// The command without the tool that only runs it in an environment (`poetry run`, `conda run -n x`).
    static func unwrapped(_ command: [String]) -> ArraySlice<String> {
        var words = command[...]
        if let first = words.first, first.hasPrefix("python"), words.dropFirst().first == "-m",
           let tool = words.dropFirst(2).first, ["poetry", "pipenv", "pdm", "hatch", "uv"].contains(tool) {
            words = words.dropFirst(2)
        }
        for wrapper in Self.wrappers where words.starts(with: wrapper) {
            words = words.dropFirst(wrapper.count)
            // The runner's own options (`uv run --active --with x python …`) come before the command.
            while let word = words.first, word.hasPrefix("-") {
                words = words.dropFirst()
                if Self.wrapperValueOptions.contains(word) { words = words.dropFirst() }
            }
        }
        if let first = words.first, ["conda", "mamba", "micromamba"].contains(first), words.dropFirst().first == "run" {
            words = words.dropFirst(2)
            while let word = words.first, word.hasPrefix("-") {
                words = words.dropFirst()
                if ["-n", "--name", "-p", "--prefix"].contains(word) { words = words.dropFirst() }
            }
        }
        return words
    }

    func runs(_ command: [String], directory: String) -> [Target] {
        let words = Self.unwrapped(command)
        guard var name = words.first else { return [] }
        // `/bin/sh`, `/usr/bin/env python3` name the same programs.
        for folder in ["/bin/", "/usr/bin/", "/usr/local/bin/"] where name.hasPrefix(folder) { name = String(name.dropFirst(folder.count)) }
        let arguments = Array(words.dropFirst())
        var targets: [Target] = []
        func file(_ path: String) {
            if let found = locate(path, directory: directory) { targets.append(.file(found)) }
        }
        if Self.pythonName.firstMatch(in: name) != nil {
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                if word == "-m", index + 1 < arguments.count {
                    if let module = locateModule(arguments[index + 1], directory: directory) { targets.append(.module(module)) }
                    break
                }
                if word == "-c", index + 1 < arguments.count { targets.append(.python(arguments[index + 1])); break }
                if word.hasPrefix("-") { index += 1; continue }
                file(word)
                break
            }
        } else if ["bash", "sh", "zsh", "source", ".", "exec"].contains(name) {
            if let flag = arguments.firstIndex(of: "-c"), flag + 1 < arguments.count {
                targets.append(.inline(arguments[flag + 1]))
            } else if let path = arguments.first(where: { !$0.hasPrefix("-") }) {
                file(path)
            }
        } else if name == "make" || name == "gmake" {
            var makefile = "Makefile"
            var folder = directory
            var goals: [String] = []
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                if word == "-C", index + 1 < arguments.count { folder = PipelinePaths.join(directory, arguments[index + 1]) ?? directory; index += 2; continue }
                if word == "-f", index + 1 < arguments.count { makefile = arguments[index + 1]; index += 2; continue }
                if word.hasPrefix("-") || word.contains("=") { index += 1; continue }
                goals.append(word)
                index += 1
            }
            if let path = PipelinePaths.join(folder, makefile), let found = source.resolve(path) {
                targets.append(.make(found, goals))
            }
        } else if name == "dvc", let verb = arguments.first, verb == "repro" || (verb == "exp" && arguments.dropFirst().first == "run") {
            if let path = PipelinePaths.join(directory, "dvc.yaml"), let found = source.resolve(path) {
                targets.append(.dvc(found))
            } else if let found = source.resolve("dvc.yaml") {
                targets.append(.dvc(found))
            }
        } else if let inner = Self.composeCommand(Array(words)) {
            // `docker compose run SERVICE CMD`: the repository is the service's build context; CMD runs.
            targets.append(.inline(inner))
        } else if name == "tox" {
            // `tox -e a,b`, `-eb`, `--env a`: the environments whose commands run.
            var environments: [String] = []
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                if (word == "-e" || word == "--env"), index + 1 < arguments.count {
                    environments += arguments[index + 1].split(separator: ",").map(String.init)
                    index += 2
                    continue
                }
                if word.hasPrefix("-e"), word.count > 2 { environments += word.dropFirst(2).split(separator: ",").map(String.init) }
                if word == "--" { break }
                index += 1
            }
            for base in Set([directory, ""]).sorted(by: >) {
                if let path = PipelinePaths.join(base, "tox.ini"), let found = source.resolve(path) {
                    targets.append(.tox(found, environments))
                    break
                }
            }
        } else if ["papermill", "jupyter"].contains(name) {
            if let notebook = arguments.first(where: { $0.hasSuffix(".ipynb") }) { file(notebook) }
        } else if name.hasPrefix("./") || name.hasSuffix(".sh") || name.hasSuffix(".py") || (name.contains("/") && !name.hasPrefix("/")) {
            file(name)
        }
        // A job spec handed to a runner (`az ml job create -f job.yml`, `kubectl create -f job.yaml`).
        // A runner told which module to run (`run-pipeline --module-name pkg.pipeline`).
        if let flag = arguments.firstIndex(of: "--module-name"), flag + 1 < arguments.count,
           let module = locateModule(arguments[flag + 1], directory: directory) {
            targets.append(.module(module))
        }
        // Only a command that runs the job (a `submit`), not one that uploads its definition.
        let text = words.joined(separator: " ")
        let submits = vocabulary.first { $0.id == "submit" }?.command.contains { $0.firstMatch(in: text) != nil } ?? false
        if submits {
            for (index, word) in arguments.enumerated()
            where ["-f", "--file", "--config", "--job-file", "--spec", "--pipeline-file", "--job", "--deployment-file"].contains(word) && index + 1 < arguments.count {
                let path = arguments[index + 1]
                if path.hasSuffix(".yml") || path.hasSuffix(".yaml") || path.hasSuffix(".json"),
                   let found = locate(path, directory: directory) {
                    targets.append(.spec(found))
                }
            }
        }
        return targets
    }

    /// The command of `docker compose run|exec [options] SERVICE CMD…` (or `docker-compose`), if it names one.
    static func composeCommand(_ words: [String]) -> String? {
        var rest = words[...]
        if rest.first == "docker", rest.dropFirst().first == "compose" { rest = rest.dropFirst(2) }
        else if rest.first == "docker-compose" { rest = rest.dropFirst() }
        else { return nil }
        // Options before the verb (`-f file`, `-p project`).
        while let word = rest.first, word.hasPrefix("-") {
            rest = rest.dropFirst(["-f", "--file", "-p", "--project-name", "--env-file", "--profile"].contains(word) ? 2 : 1)
        }
        guard let verb = rest.first, verb == "run" || verb == "exec" else { return nil }
        rest = rest.dropFirst()
        let takesValue: Set<String> = ["-e", "--env", "-v", "--volume", "-w", "--workdir", "--entrypoint", "-u", "--user",
                                       "--name", "-p", "--publish", "-l", "--label", "--index"]
        while let word = rest.first, word.hasPrefix("-") {
            rest = rest.dropFirst(takesValue.contains(word) ? 2 : 1)
        }
        let command = rest.dropFirst()
        return command.isEmpty ? nil : command.joined(separator: " ")
    }

    /// The variables CI systems set to the checked-out repository's folder.
    static let workspaceVariables = ["Build.SourcesDirectory", "System.DefaultWorkingDirectory", "Build.Repository.LocalPath",
                                     "github.workspace", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BITBUCKET_CLONE_DIR",
                                     "CODEBUILD_SRC_DIR", "WORKSPACE", "CIRCLE_WORKING_DIRECTORY", "DRONE_WORKSPACE",
                                     "CI_WORKSPACE", "BUILDKITE_BUILD_CHECKOUT_PATH", "TRAVIS_BUILD_DIR", "PWD"]

    /// `$(Build.SourcesDirectory)/ops/x.sh`, `${{ github.workspace }}/x.sh`, `$CI_PROJECT_DIR/x.sh` → `ops/x.sh`.
    static func withoutWorkspace(_ path: String) -> String {
        guard path.hasPrefix("$") else { return path }
        for name in workspaceVariables {
            for spelling in ["$(\(name))/", "${\(name)}/", "$\(name)/", "${{\(name)}}/", "${{ \(name) }}/"] where path.hasPrefix(spelling) {
                return String(path.dropFirst(spelling.count))
            }
        }
        return path
    }

    /// A repository file named in a command, relative to the step's folder or to the root.
    func locate(_ path: String, directory: String) -> String? {
        let path = Self.withoutWorkspace(path)
        guard !path.contains("$"), !path.hasPrefix("/") else { return nil }
        for base in Set([directory, ""]).sorted(by: >) {
            if let joined = PipelinePaths.join(base, path), let found = source.resolve(joined) { return found }
        }
        return nil
    }

    /// `pkg.mod` → `pkg/mod.py`, `pkg/mod/__main__.py`, also under `src/`.
    func locateModule(_ module: String, directory: String) -> String? {
        let path = module.replacingOccurrences(of: ".", with: "/")
        for base in Set([directory, "", "src", directory.isEmpty ? "src" : directory + "/src"]).sorted() {
            for candidate in [path + ".py", path + "/__main__.py"] {
                if let joined = PipelinePaths.join(base, candidate), let found = source.resolve(joined) { return found }
            }
        }
        return nil
    }

    // MARK: what a file does

    func classify(_ target: Target, directory: String, depth: Int) -> Classes {
        switch target {
        case let .file(path), let .module(path):
            return classifyFile(path, directory: directory, depth: depth)
        case let .python(code):
            return classifyPython(code, file: nil, directory: directory, depth: depth)
        case let .inline(script):
            var result: Classes = [:]
            for command in ShellText.commands(script) {
                for (id, chain) in classify(command, directory: directory, hosted: false, depth: depth) where result[id] == nil {
                    result[id] = chain
                }
            }
            return result
        case let .make(path, goals):
            return classifyMake(path, goals: goals, directory: directory, depth: depth)
        case let .dvc(path):
            return cached("dvc:" + path) { classifySpec(path, keys: ["cmd"], directory: PipelinePaths.directory(path), depth: depth) }
        case let .tox(path, environments):
            return cached("tox:" + path + ":" + environments.joined(separator: ",")) {
                guard let text = source.text(path) else { return [:] }
                var result: Classes = [:]
                for (line, command) in ToxConfig(text).commands(for: environments) {
                    for shell in ShellText.commands(command) {
                        let link = ChainLink(file: path, line: line, text: Self.short(shell.text))
                        for (id, chain) in classify(shell, directory: PipelinePaths.directory(path), hosted: false, depth: depth)
                        where result[id] == nil {
                            result[id] = [link] + chain
                        }
                    }
                }
                return result
            }
        case let .spec(path):
            return cached("spec:" + path) {
                classifySpec(path, keys: ["command", "cmd", "commands", "script", "run", "args", "entrypoint", "entry_point"],
                             directory: PipelinePaths.directory(path), depth: depth)
            }
        }
    }

    private func cached(_ key: String, _ work: () -> Classes) -> Classes {
        if let known = fileCache[key] { return known }
        guard !active.contains(key), filesRead < Self.maximumFiles else { return [:] }
        active.insert(key)
        filesRead += 1
        let result = work()
        active.remove(key)
        fileCache[key] = result
        return result
    }

    func classifyFile(_ path: String, directory: String, depth: Int) -> Classes {
        cached(path) {
            guard let text = source.text(path) else { return [:] }
            if path.hasSuffix(".py") { return classifyPython(text, file: path, directory: directory, depth: depth) }
            if path.hasSuffix(".ipynb") {
                let code = (Notebook.codeCells(Array(text.utf8)) ?? []).map(\.source).joined(separator: "\n")
                return classifyPython(code, file: path, directory: directory, depth: depth)
            }
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") || path.hasSuffix(".json") { return [:] }
            // Shell: a `.sh` file, or any file the step runs directly (its shebang decides how).
            return classifyShell(text, file: path, directory: directory, depth: depth)
        }
    }

    private func classifyShell(_ text: String, file: String, directory: String, depth: Int) -> Classes {
        var result: Classes = [:]
        for command in ShellText.commands(text) {
            let link = ChainLink(file: file, line: command.offset + 1, text: Self.short(command.text))
            for (id, chain) in classify(command, directory: directory, hosted: false, depth: depth) where result[id] == nil {
                result[id] = [link] + chain
            }
        }
        return result
    }

    private func classifyPython(_ text: String, file: String?, directory: String, depth: Int) -> Classes {
        let python = PythonSource(text)
        var result: Classes = [:]
        let name = file ?? "python -c"
        for (line, code) in python.code where !code.isEmpty {
            let lower = code.lowercased()
            for kind in vocabulary where result[kind.id] == nil
                && kind.code.contains(where: { $0.mayMatch(lowercased: lower) && $0.firstMatch(in: code) != nil }) {
                result[kind.id] = [ChainLink(file: name, line: line, text: Self.short(code.trimmingCharacters(in: .whitespaces)))]
            }
        }
        let sent = python.sendsOverSSH ? python.literals.map { ($0.line, $0.text, true) } : []
        for (line, command, remote) in python.commands.map({ ($0.line, $0.text, false) }) + sent {
            for inner in ShellText.commands(command, remote: remote) {
                for (id, chain) in classify(inner, directory: directory, hosted: false, depth: depth) where result[id] == nil {
                    result[id] = [ChainLink(file: name, line: line, text: Self.short(inner.text))] + chain
                }
            }
        }
        guard let file, depth < Self.maximumImportDepth else { return result }
        // Local modules it imports do its work as much as its own lines do.
        for (line, module) in python.imports {
            guard let found = locateImport(module, from: file) else { continue }
            for (id, chain) in classifyFile(found, directory: directory, depth: depth + 1) where result[id] == nil {
                result[id] = [ChainLink(file: file, line: line, text: "import \(module)")] + chain
            }
        }
        return result
    }

    func locateImport(_ module: String, from file: String) -> String? {
        var module = module
        var bases: [String]
        if module.hasPrefix(".") {
            var folder = PipelinePaths.directory(file)
            module.removeFirst()
            while module.hasPrefix(".") { module.removeFirst(); folder = PipelinePaths.directory(folder) }
            bases = [folder]
        } else {
            let folder = PipelinePaths.directory(file)
            bases = ["", "src", folder]
        }
        let path = module.replacingOccurrences(of: ".", with: "/")
        for base in bases {
            for candidate in [path + ".py", path + "/__init__.py"] {
                if let joined = PipelinePaths.join(base, candidate), joined != file, let found = source.resolve(joined),
                   !found.hasSuffix("__init__.py") || (source.text(found)?.count ?? 0) > 0 {
                    return found
                }
            }
        }
        return nil
    }

    private func classifyMake(_ path: String, goals: [String], directory: String, depth: Int) -> Classes {
        guard let text = source.text(path) else { return [:] }
        let makefile = Makefile(text)
        let wanted = goals.isEmpty ? Array(makefile.defaultGoal.map { [$0] } ?? []) : goals
        var result: Classes = [:]
        var visited: Set<String> = []
        var queue = wanted
        while let goal = queue.first, visited.count < 30 {
            queue.removeFirst()
            guard visited.insert(goal).inserted, let rule = makefile.rules[goal] else { continue }
            queue += rule.prerequisites
            for (line, recipe) in rule.recipe {
                var command = makefile.expand(recipe)
                while let first = command.first, first == "@" || first == "-" || first == "+" { command.removeFirst() }
                // `$(MAKE) other` runs another target of the same file.
                let words = ShellText.words(command)
                if let first = words.first, first == "$(MAKE)" || first == "${MAKE}" || first == "make" {
                    queue += words.dropFirst().filter { !$0.hasPrefix("-") && !$0.contains("=") }
                    continue
                }
                for inner in ShellText.commands(command) {
                    let link = ChainLink(file: path, line: line, text: "\(goal): " + Self.short(inner.text))
                    for (id, chain) in classify(inner, directory: PipelinePaths.directory(path), hosted: false, depth: depth)
                    where result[id] == nil {
                        result[id] = [link] + chain
                    }
                }
            }
        }
        return result
    }

    /// A job spec, DVC file or manifest: the commands under its command keys, run from its folder (or
    /// the `code:` folder it names).
    private func classifySpec(_ path: String, keys: Set<String>, directory: String, depth: Int) -> Classes {
        guard let text = source.text(path), case let .success(documents) = PipelineYAML.documents(text) else { return [:] }
        var result: Classes = [:]
        func visit(_ node: Node, folder: String, budget: inout Int) {
            guard budget > 0 else { return }
            budget -= 1
            var folder = folder
            if let code = node[key: "code"]?.text, let joined = PipelinePaths.join(folder, code) { folder = joined }
            for (key, value, _) in node.entries {
                // A task that names the Python file it runs (Databricks, dbx, Vertex, Azure ML components).
                if ["python_file", "script_path", "entry_point_file", "notebook_path"].contains(key), var file = value.text {
                    for prefix in ["file:fuse://", "file://", "dbfs:/"] where file.hasPrefix(prefix) { file.removeFirst(prefix.count) }
                    if let found = locate(file, directory: folder) ?? locate(file, directory: "") {
                        let link = ChainLink(file: path, line: value.textLine, text: "\(key): \(Self.short(file))")
                        for (id, chain) in classifyFile(found, directory: folder, depth: depth + 1) where result[id] == nil {
                            result[id] = [link] + chain
                        }
                    }
                    continue
                }
                if keys.contains(key) {
                    // A list of words (`args: [python, train.py]`, an exec-form `command`) is one command;
                    // a list of whole command lines is a script.
                    let words = value.items.compactMap(\.text)
                    let isArgv = !words.isEmpty && words.count == value.items.count
                        && (key == "args" || (key == "command" && words.count > 1 && !words.contains { $0.contains(" ") }))
                    let script = isArgv ? (words.joined(separator: " "), value.items.first?.textLine ?? 1) : value.script
                    if let script {
                        for command in ShellText.commands(script.text) {
                            let link = ChainLink(file: path, line: script.line + command.offset, text: Self.short(command.text))
                            for (id, chain) in classify(command, directory: folder, hosted: false, depth: depth) where result[id] == nil {
                                result[id] = [link] + chain
                            }
                        }
                        continue
                    }
                }
                visit(value, folder: folder, budget: &budget)
            }
            for item in node.items { visit(item, folder: folder, budget: &budget) }
        }
        var budget = 5_000
        for document in documents { visit(document, folder: directory, budget: &budget) }
        return result
    }

    static func short(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return line.count > 160 ? String(line.prefix(157)) + "..." : line
    }
}
