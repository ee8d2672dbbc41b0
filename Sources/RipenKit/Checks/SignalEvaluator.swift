/// Turns the scan's raw results into a verdict per signal tree.
struct SignalEvaluator {
    /// Results of the scan's searches, by query index.
    let searches: [ContentScanner.Result]
    /// Outcomes of the probes that ran.
    var probes: [ProbeKind: SignalOutcome] = [:]
    var answers = Answers()
    /// The repository's pipelines, when a check asks about them.
    var pipelines: PipelineModel?

    /// Evaluates a check's compiled signal.
    func evaluate(_ node: AuditPlan.Node) -> SignalOutcome {
        switch node {
        case let .search(index, leaf):
            let result = searches[index]
            return outcome(result, failure: Self.miss(leaf, searched: result.filesSearched))
        case let .probe(probe):
            if let outcome = probes[probe.probe] { return outcome }
            return SignalOutcome(status: .notAssessed, evidence: [],
                                 reason: "probe '\(probe.probe.rawValue)' not run: pass \(probe.probe.enablingFlag)")
        case let .answer(answer):
            guard let value = answers.values[answer.id] else {
                return SignalOutcome(status: .notAssessed, evidence: [],
                                     reason: "not answered: give '\(answer.id)' in an answers file (--answers FILE)")
            }
            let text = "attested in \(answers.source): \(answer.question) \(value ? "yes" : "no")"
            return value
                ? SignalOutcome(status: .pass, evidence: [Evidence(text: text, source: .answer)], reason: nil)
                : SignalOutcome(status: .fail, evidence: [], reason: text)
        case let .pipeline(signal):
            return Self.evaluate(signal, in: pipelines)
        case let .any(nodes):
            return .any(nodes.map(evaluate))
        case let .all(nodes):
            return .all(nodes.map(evaluate))
        case let .not(inner, signal):
            return .not(evaluate(inner), lookingFor: Self.describe(signal))
        }
    }

    /// What a leaf looked at when it found nothing, so "absent" reads differently from "not recognised".
    static func miss(_ leaf: Signal, searched: Int) -> String {
        let files = searched == 1 ? "1 file" : "\(searched) files"
        switch leaf {
        case let .files(files):
            return "no file matches \(list(files.paths))"
        case let .content(content):
            guard searched > 0 else { return "no file to search: none matches \(list(content.paths))" }
            if content.patterns.count == 1 {
                return "no line matches /\(content.pattern)/ in \(files) (\(list(content.paths)))"
            }
            let patterns = content.patterns.map { "/\($0)/" }.joined(separator: ", ")
            return "no \(content.within) has lines matching all of \(patterns) in \(files) (\(list(content.paths)))"
        case let .yaml(yaml):
            guard searched > 0 else { return "no file to search: none matches \(list(yaml.paths))" }
            let what = yaml.pattern.map { "'\(yaml.key)' matching /\($0)/" } ?? "key '\(yaml.key)'"
            return "no \(what) in \(files) (\(list(yaml.paths)))"
        default:
            return "not found"
        }
    }

    private func outcome(_ result: ContentScanner.Result, failure: String) -> SignalOutcome {
        guard !result.matches.isEmpty else { return SignalOutcome(status: .fail, evidence: [], reason: failure) }
        return SignalOutcome(status: .pass, evidence: result.matches.map(\.evidence), reason: nil,
                             truncated: result.truncated)
    }

    static func list(_ globs: [Glob]) -> String {
        let names = globs.prefix(4).map(\.source).joined(separator: ", ")
        return globs.count > 4 ? names + ", ..." : names
    }

    static func describe(_ signal: Signal) -> String {
        switch signal {
        case let .files(files): "files matching \(list(files.paths))"
        case let .content(content):
            "lines matching \(content.patterns.map { "/\($0)/" }.joined(separator: " and ")) in \(list(content.paths))"
        case let .yaml(yaml): "key '\(yaml.key)' in \(list(yaml.paths))"
        case let .probe(probe): "probe '\(probe.probe.rawValue)'"
        case let .answer(answer): "answer '\(answer.id)'"
        case let .pipeline(pipeline): pipeline.summary
        case .any, .all, .not: "what the signal describes"
        }
    }
}
