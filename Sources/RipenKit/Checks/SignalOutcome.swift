/// The verdict of one signal, with what it rests on.
public struct SignalOutcome: Sendable, Equatable {
    public var status: Status
    public var evidence: [Evidence]
    /// Why it failed or was not assessed (or, for a passing `not`, what was looked for and not found).
    public var reason: String?
    public var truncated = false

    static let evidenceLimit = 5

    /// Three-valued `any`: one pass is enough; unknowns beat failures.
    static func any(_ outcomes: [SignalOutcome]) -> SignalOutcome {
        let passing = outcomes.filter { $0.status == .pass }
        if !passing.isEmpty {
            let evidence = unique(passing.flatMap(\.evidence))
            return SignalOutcome(status: .pass, evidence: Array(evidence.prefix(evidenceLimit)), reason: nil,
                                 truncated: evidence.count > evidenceLimit || passing.contains(where: \.truncated))
        }
        let unknown = outcomes.filter { $0.status == .notAssessed }
        if !unknown.isEmpty {
            return SignalOutcome(status: .notAssessed, evidence: [], reason: joined(unknown))
        }
        return SignalOutcome(status: .fail, evidence: [], reason: joined(outcomes))
    }

    /// Three-valued `all`: one failure decides; then unknowns.
    static func all(_ outcomes: [SignalOutcome]) -> SignalOutcome {
        let failing = outcomes.filter { $0.status == .fail }
        if !failing.isEmpty { return SignalOutcome(status: .fail, evidence: [], reason: joined(failing)) }
        let unknown = outcomes.filter { $0.status == .notAssessed }
        if !unknown.isEmpty { return SignalOutcome(status: .notAssessed, evidence: [], reason: joined(unknown)) }
        let evidence = unique(outcomes.flatMap(\.evidence))
        return SignalOutcome(status: .pass, evidence: Array(evidence.prefix(evidenceLimit)), reason: nil,
                             truncated: evidence.count > evidenceLimit || outcomes.contains(where: \.truncated))
    }

    /// `not`: what was found becomes the evidence of the failure.
    static func not(_ outcome: SignalOutcome, lookingFor: String) -> SignalOutcome {
        switch outcome.status {
        case .pass:
            return SignalOutcome(status: .fail, evidence: outcome.evidence, reason: "found \(lookingFor)",
                                 truncated: outcome.truncated)
        case .fail:
            return SignalOutcome(status: .pass, evidence: [], reason: "none found: \(outcome.reason ?? lookingFor)")
        default:
            return outcome
        }
    }

    /// Two routes to the same line show it once.
    private static func unique(_ evidence: [Evidence]) -> [Evidence] {
        var seen: [Evidence] = []
        for item in evidence where !seen.contains(item) { seen.append(item) }
        return seen
    }

    private static func joined(_ outcomes: [SignalOutcome]) -> String {
        var seen: [String] = []
        for reason in outcomes.compactMap(\.reason) where !seen.contains(reason) { seen.append(reason) }
        return seen.joined(separator: "; ")
    }
}
