import Foundation

/// Runs the probes an audit asks for, all at once, each within the timeout.
public enum ProbeRunner {
    /// Outcomes for the probes whose endpoint was given; the others stay out (not assessed).
    static func run(_ options: ProbeOptions, needed: Set<ProbeKind>,
                    environment: [String: String] = ProcessInfo.processInfo.environment) async -> [ProbeKind: SignalOutcome] {
        guard !needed.isEmpty, !options.isEmpty else { return [:] }
        let transport = HTTPTransport(credentials: options.credentials, timeout: options.timeout)
        var outcomes: [ProbeKind: SignalOutcome] = [:]
        await withTaskGroup(of: [ProbeKind: SignalOutcome].self) { group in
            let mlflowKinds = needed.filter { $0.rawValue.hasPrefix("mlflow-") }
            if let uri = options.trackingURI, !mlflowKinds.isEmpty {
                group.addTask {
                    if let local = LocalStore(uri: uri) { return local.outcomes }
                    return await MLflowProbes(base: uri, transport: transport, recentDays: options.recentDays).run()
                }
            }
            if let url = options.prometheusURL, needed.contains(.prometheusTargetsUp) {
                group.addTask { [.prometheusTargetsUp: await PrometheusProbe(base: url, transport: transport).run()] }
            }
            if options.infra, needed.contains(.dockerDaemon) {
                group.addTask { [.dockerDaemon: await DockerProbe(socket: options.dockerSocket, transport: transport).run()] }
            }
            if options.infra, needed.contains(.condaAvailable) {
                group.addTask { [.condaAvailable: await CondaProbe(environment: environment, timeout: options.timeout).run()] }
            }
            for await result in group { outcomes.merge(result) { $1 } }
        }
        // Closing silent connections can take a while; nobody needs to wait for it.
        Task.detached { await transport.shutdown() }
        // Whatever slipped into a message, no secret leaves here: neither the credentials given nor those in a URL.
        let redact = { (text: String) in Redaction.scrub(options.credentials.redact(text)) }
        return outcomes.mapValues { outcome in
            var outcome = outcome
            outcome.reason = outcome.reason.map(redact)
            outcome.evidence = outcome.evidence.map { var e = $0; e.text = redact(e.text); return e }
            return outcome
        }
    }
}

/// `file:`, `sqlite:` or a plain path as tracking URI: a store on this machine, not a server.
struct LocalStore {
    let uri: String

    init?(uri: String) {
        let lowered = uri.lowercased()
        guard !lowered.hasPrefix("http://"), !lowered.hasPrefix("https://"), !lowered.hasPrefix("databricks") else { return nil }
        self.uri = uri
    }

    var outcomes: [ProbeKind: SignalOutcome] {
        let reason = "\(uri) is a local store, read on this machine only: runs there are not central; "
            + "run a tracking server (ripen generate tracking-server) and pass its URL"
        let fail = SignalOutcome.probeFail(reason)
        let unknown = SignalOutcome(status: .notAssessed, evidence: [], reason: reason)
        return [.mlflowServerReachable: fail, .mlflowExperimentsHaveRuns: unknown, .mlflowRunsTraceable: unknown,
                .mlflowRegisteredModels: unknown, .mlflowModelPromoted: unknown]
    }
}
