/// A catalogue compiled for one scan: every files, content and YAML leaf of every check becomes one search,
/// and each leaf of the compiled signal carries the index of its own search, so evaluation never depends on
/// walking two trees in the same order.
struct AuditPlan: Sendable {
    /// A check's signal with its searches resolved.
    indirect enum Node: Sendable {
        /// A files, content or YAML leaf and the search that answers it.
        case search(Int, Signal)
        case probe(ProbeSignal)
        case answer(AnswerSignal)
        case pipeline(PipelineSignal)
        case any([Node])
        case all([Node])
        case not(Node, Signal)
    }

    private(set) var queries: [SearchQuery] = []
    /// One per check, in the catalogue's order.
    private(set) var signals: [Node] = []
    /// Whether any check asks the pipeline model (which is then built once for the audit).
    private(set) var usesPipelines = false
    /// The searches that find code dispatching a pipeline through a CI system's API.
    private(set) var dispatchQueries: [Int] = []

    init(_ checks: [Check], commandClasses: [CommandClass] = []) {
        signals = checks.map { compile($0.signal) }
        guard usesPipelines else { return }
        // Dispatches are found by the same single pass over the files as every content search.
        for kind in commandClasses where kind.id == "dispatch" {
            for pattern in kind.code + kind.command {
                let query = SearchQuery.content(PathSelector(include: Self.dispatchPaths, exclude: []),
                                                .init(patterns: [pattern], within: .file, comments: false))
                if let index = queries.firstIndex(of: query) {
                    dispatchQueries.append(index)
                } else {
                    queries.append(query)
                    dispatchQueries.append(queries.count - 1)
                }
            }
        }
    }

    static let dispatchPaths = ["**/*.{py,sh,js,ts,yml,yaml,tf,groovy}", "{,**/}Jenkinsfile{,.*}"]
        .map { try! Glob($0) }

    private mutating func compile(_ signal: Signal) -> Node {
        switch signal {
        case let .files(files):
            return search(.files(PathSelector(include: files.paths, exclude: files.exclude)), signal)
        case let .content(content):
            return search(.content(PathSelector(include: content.paths, exclude: content.exclude),
                                   .init(patterns: content.patterns, within: content.within, comments: content.comments)),
                          signal)
        case let .yaml(yaml):
            return search(.yaml(PathSelector(include: yaml.paths, exclude: yaml.exclude), yaml.key, yaml.pattern), signal)
        case let .probe(probe):
            return .probe(probe)
        case let .answer(answer):
            return .answer(answer)
        case let .pipeline(pipeline):
            usesPipelines = true
            return .pipeline(pipeline)
        case let .any(signals):
            return .any(signals.map { compile($0) })
        case let .all(signals):
            return .all(signals.map { compile($0) })
        case let .not(inner):
            return .not(compile(inner), inner)
        }
    }

    /// Identical searches (the same CI globs and pattern in two checks) share one query.
    private mutating func search(_ query: SearchQuery, _ signal: Signal) -> Node {
        if let index = queries.firstIndex(of: query) { return .search(index, signal) }
        queries.append(query)
        return .search(queries.count - 1, signal)
    }
}
