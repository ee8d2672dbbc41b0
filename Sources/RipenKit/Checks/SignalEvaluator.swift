/// Turns the scan's raw results into a verdict per signal tree.
struct SignalEvaluator {
    /// Results of the scan's searches, by query index.
    let searches: [ContentScanner.Result]
    /// Outcomes of the probes that ran.
    var probes: [ProbeKind: SignalOutcome] = [:]
    var answers = Answers()

    /// Evaluates a check's signal; `queries` yields the query index of each files/content/YAML leaf in order.
    func evaluate(_ signal: Signal, queries: inout IndexingIterator<[Int]>) -> SignalOutcome {
        switch signal {
        case let .files(files):
            let result = searches[queries.next()!]
            return outcome(result, failure: "no file matches \(Self.list(files.paths))")
        case let .content(content):
            let result = searches[queries.next()!]
            return outcome(result, failure: "no line matches /\(content.pattern)/ in \(Self.list(content.paths))")
        case let .yaml(yaml):
            let result = searches[queries.next()!]
            let what = yaml.pattern.map { "'\(yaml.key)' matching /\($0)/" } ?? "key '\(yaml.key)'"
            return outcome(result, failure: "no \(what) in \(Self.list(yaml.paths))")
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
        case let .any(signals):
            return .any(signals.map { evaluate($0, queries: &queries) })
        case let .all(signals):
            return .all(signals.map { evaluate($0, queries: &queries) })
        case let .not(inner):
            let outcome = evaluate(inner, queries: &queries)
            return .not(outcome, lookingFor: Self.describe(inner))
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
        case let .content(content): "lines matching /\(content.pattern)/ in \(list(content.paths))"
        case let .yaml(yaml): "key '\(yaml.key)' in \(list(yaml.paths))"
        case let .probe(probe): "probe '\(probe.probe.rawValue)'"
        case let .answer(answer): "answer '\(answer.id)'"
        case .any, .all, .not: "what the signal describes"
        }
    }
}
