import Foundation
import NIOCore
import NIOHTTP1

/// Looks at an MLflow tracking server and its model registry over the REST API.
///
/// Three concurrent looks answer the five probes: the server itself (`/health`, `/version`),
/// recent activity (experiments and their runs) and the registry (registered models, versions,
/// aliases). Pagination (`next_page_token`) is followed within the probe's deadline.
struct MLflowProbes: Sendable {
    let base: String
    let transport: HTTPTransport
    let recentDays: Int
    static let maximumPages = 20
    /// Items asked for per page (MLflow's limit for runs is 1000; tests use 1 to walk every page).
    let pageSize: Int

    init(base: String, transport: HTTPTransport, recentDays: Int, pageSize: Int = 1000) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.transport = transport
        self.recentDays = recentDays
        self.pageSize = pageSize
    }

    func run() async -> [ProbeKind: SignalOutcome] {
        async let server = serverOutcome()
        async let activity = activityOutcomes()
        async let registry = registryOutcomes()
        var outcomes: [ProbeKind: SignalOutcome] = [.mlflowServerReachable: await server]
        outcomes.merge(await activity) { $1 }
        outcomes.merge(await registry) { $1 }
        return outcomes
    }

    private var deadline: NIODeadline { .now() + transport.timeAmount }

    // MARK: - Server

    private func serverOutcome() async -> SignalOutcome {
        let deadline = self.deadline
        do {
            let health = try await get("/health", deadline: deadline)
            var text = "GET \(base)/health answered \(health.text.trimmingCharacters(in: .whitespacesAndNewlines))"
            if let version = try? await get("/version", deadline: deadline), version.status == 200 {
                text += "; MLflow \(version.text.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
            return .probePass([Evidence(text: text, source: .probe)])
        } catch {
            return .probeUnreachable(error)
        }
    }

    // MARK: - Activity

    private func activityOutcomes() async -> [ProbeKind: SignalOutcome] {
        let deadline = self.deadline
        do {
            let experiments = try await pages("/api/2.0/mlflow/experiments/search", key: "experiments",
                                              query: ["max_results": "\(pageSize)"], deadline: deadline)
                .filter { ($0["name"] as? String) != "Default" && ($0["lifecycle_stage"] as? String ?? "active") == "active" }
            let names = Dictionary(experiments.compactMap { e in (e["experiment_id"] as? String).map { ($0, e["name"] as? String ?? $0) } },
                                   uniquingKeysWith: { a, _ in a })
            let since = Int64((Date().timeIntervalSince1970 - Double(recentDays) * 86_400) * 1000)
            var runs: [[String: Any]] = []
            let ids = names.keys.sorted()
            for start in stride(from: 0, to: ids.count, by: 100) {
                runs += try await pages("/api/2.0/mlflow/runs/search", key: "runs", body: [
                    "experiment_ids": Array(ids[start..<min(start + 100, ids.count)]),
                    "filter": "attributes.start_time > \(since)",
                    "max_results": pageSize,
                    "order_by": ["attributes.start_time DESC"],
                ], deadline: deadline)
            }
            return [
                .mlflowExperimentsHaveRuns: experimentsOutcome(runs: runs, names: names, experimentCount: experiments.count),
                .mlflowRunsTraceable: traceabilityOutcome(runs: runs),
            ]
        } catch {
            let outcome = SignalOutcome.probeUnreachable(error)
            return [.mlflowExperimentsHaveRuns: outcome, .mlflowRunsTraceable: outcome]
        }
    }

    private func experimentsOutcome(runs: [[String: Any]], names: [String: String], experimentCount: Int) -> SignalOutcome {
        var perExperiment: [String: Int] = [:]
        for run in runs {
            if let id = (run["info"] as? [String: Any])?["experiment_id"] as? String { perExperiment[id, default: 0] += 1 }
        }
        guard !perExperiment.isEmpty else {
            return .probeFail("no runs in the last \(recentDays) days in \(experimentCount) experiment(s) besides Default on \(base)")
        }
        let evidence = perExperiment.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(SignalOutcome.evidenceLimit).map {
            Evidence(text: "experiment '\(names[$0.key] ?? $0.key)': \($0.value) run(s) in the last \(recentDays) days", source: .probe)
        }
        return .probePass(Array(evidence))
    }

    private func traceabilityOutcome(runs: [[String: Any]]) -> SignalOutcome {
        guard !runs.isEmpty else {
            return .probeFail("no runs in the last \(recentDays) days to trace on \(base)")
        }
        var withCommit = 0
        var withData = 0
        var example: String?
        for run in runs {
            let tags = (run["data"] as? [String: Any])?["tags"] as? [[String: Any]] ?? []
            let commit = tags.first { $0["key"] as? String == "mlflow.source.git.commit" }?["value"] as? String
            let datasets = ((run["inputs"] as? [String: Any])?["dataset_inputs"] as? [[String: Any]] ?? [])
                .compactMap { ($0["dataset"] as? [String: Any])?["name"] as? String }
            if commit != nil { withCommit += 1 }
            if !datasets.isEmpty { withData += 1 }
            if example == nil, let commit, let dataset = datasets.first {
                let id = (run["info"] as? [String: Any])?["run_id"] as? String ?? "?"
                example = "run \(id.prefix(12)): commit \(commit.prefix(12)), dataset '\(dataset)'"
            }
        }
        let summary = "\(withCommit) of \(runs.count) recent run(s) carry mlflow.source.git.commit; \(withData) log dataset inputs"
        guard let example else { return .probeFail(summary + " (a traceable run needs both)") }
        return .probePass([Evidence(text: summary, source: .probe), Evidence(text: example, source: .probe)])
    }

    // MARK: - Registry

    private func registryOutcomes() async -> [ProbeKind: SignalOutcome] {
        let deadline = self.deadline
        do {
            // registered-models/search takes GET only (POST answers 405).
            let models = try await pages("/api/2.0/mlflow/registered-models/search", key: "registered_models",
                                         query: ["max_results": "\(pageSize)"], deadline: deadline)
            var registered: [Evidence] = []
            var promoted: [Evidence] = []
            for model in models {
                guard let name = model["name"] as? String else { continue }
                let versions = try await pages("/api/2.0/mlflow/model-versions/search", key: "model_versions",
                                               query: ["filter": "name='\(name)'", "max_results": "\(pageSize)"], deadline: deadline)
                if !versions.isEmpty {
                    registered.append(Evidence(text: "registered model '\(name)': \(versions.count) version(s)", source: .probe))
                }
                for alias in (model["aliases"] as? [[String: Any]] ?? []) {
                    if let label = alias["alias"] as? String {
                        promoted.append(Evidence(text: "'\(name)' version \(alias["version"] as? String ?? "?") has alias '\(label)'", source: .probe))
                    }
                }
                // Stages: deprecated since MLflow 2.9, still read from older servers.
                for version in versions where (version["current_stage"] as? String) == "Production" {
                    promoted.append(Evidence(text: "'\(name)' version \(version["version"] as? String ?? "?") is in stage Production", source: .probe))
                }
            }
            let registeredOutcome: SignalOutcome = registered.isEmpty
                ? .probeFail("no registered model with versions on \(base) (\(models.count) registered model(s) without versions)")
                : .probePass(Array(registered.prefix(SignalOutcome.evidenceLimit)))
            let promotedOutcome: SignalOutcome = promoted.isEmpty
                ? .probeFail("no model version on \(base) has an alias (e.g. champion) or stage Production")
                : .probePass(Array(promoted.sorted { $0.text < $1.text }.prefix(SignalOutcome.evidenceLimit)))
            return [.mlflowRegisteredModels: registeredOutcome, .mlflowModelPromoted: promotedOutcome]
        } catch {
            let outcome = SignalOutcome.probeUnreachable(error)
            return [.mlflowRegisteredModels: outcome, .mlflowModelPromoted: outcome]
        }
    }

    // MARK: - REST

    private func get(_ path: String, query: [String: String] = [:], deadline: NIODeadline) async throws(ProbeFailure) -> HTTPTransport.Answer {
        var components = URLComponents(string: base + path)
        if !query.isEmpty { components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        let url = components?.string ?? base + path
        let answer = try await transport.request(url, deadline: deadline, authorized: true, displayURL: base + path)
        try check(answer)
        return answer
    }

    /// Every item under `key` across pages (GET with a query, or POST with a JSON body).
    private func pages(_ path: String, key: String, query: [String: String] = [:], body: [String: Any]? = nil,
                       deadline: NIODeadline) async throws(ProbeFailure) -> [[String: Any]] {
        var items: [[String: Any]] = []
        var token: String?
        for _ in 0..<Self.maximumPages {
            let answer: HTTPTransport.Answer
            if var body {
                if let token { body["page_token"] = token }
                answer = try await transport.request(base + path, method: .POST, json: body, deadline: deadline,
                                                     authorized: true, displayURL: base + path)
                try check(answer)
            } else {
                var query = query
                if let token { query["page_token"] = token }
                answer = try await get(path, query: query, deadline: deadline)
            }
            let json = try answer.json()
            items += json[key] as? [[String: Any]] ?? []
            token = json["next_page_token"] as? String
            if token?.isEmpty ?? true { break }
        }
        return items
    }

    private func check(_ answer: HTTPTransport.Answer) throws(ProbeFailure) {
        try transport.check(answer, what: "an MLflow tracking server", credentialed: true)
    }
}

extension SignalOutcome {
    /// What a server answered is quoted, not copied: a 7 MB `/health` body is not evidence.
    static let quoteLimit = 300

    static func quoted(_ text: String) -> String {
        text.count <= quoteLimit ? text : String(text.prefix(quoteLimit)) + "…"
    }

    static func probePass(_ evidence: [Evidence]) -> SignalOutcome {
        SignalOutcome(status: .pass, evidence: evidence.map { var evidence = $0; evidence.text = quoted(evidence.text); return evidence },
                      reason: nil)
    }

    static func probeFail(_ reason: String) -> SignalOutcome {
        SignalOutcome(status: .fail, evidence: [], reason: quoted(reason))
    }

    /// Unreachable is not absent: the check is not assessed, with the way to fix the connection.
    static func probeUnreachable(_ error: any Error) -> SignalOutcome {
        SignalOutcome(status: .notAssessed, evidence: [], reason: "\(error)")
    }
}
