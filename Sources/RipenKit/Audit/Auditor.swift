import Foundation

/// What to audit and with which rules.
public struct AuditOptions: Sendable {
    public var repository: URL
    /// Checklist directories given on the command line; they override everything else.
    public var checklistDirectories: [URL]
    /// Files larger than this are listed but not searched.
    public var maxFileSize: Int
    /// Live systems to probe (none by default).
    public var probes: ProbeOptions
    public var answers: Answers
    /// Let the repository's `.ripen.yaml` checklists redefine the ladder and override built-in rules.
    public var trustRepositoryChecklists: Bool

    public init(repository: URL, checklistDirectories: [URL] = [], maxFileSize: Int = 2 << 20,
                probes: ProbeOptions = ProbeOptions(), answers: Answers = Answers(),
                trustRepositoryChecklists: Bool = false) {
        self.repository = repository
        self.trustRepositoryChecklists = trustRepositoryChecklists
        self.checklistDirectories = checklistDirectories
        self.maxFileSize = maxFileSize
        self.probes = probes
        self.answers = answers
    }
}

/// Why an audit could not run. Printed as is; all map to exit code 2.
public enum AuditError: Error, CustomStringConvertible {
    case repositoryNotFound(String)
    case spec(SpecErrors)

    public var description: String {
        switch self {
        case let .repositoryNotFound(path): "\(path): no such directory to audit"
        case let .spec(errors): errors.description
        }
    }
}

/// Runs an audit: load the rules, walk the repository once, search, evaluate, score.
public enum Auditor {
    /// The audit for async callers. The synchronous `run` blocks its thread while the probes run on the
    /// concurrency pool, so from async code it runs on a thread of its own: a pool thread must never wait
    /// for work that needs the pool.
    public static func audit(_ options: AuditOptions) async throws(AuditError) -> AuditResult {
        let result: Result<AuditResult, AuditError> = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: Result { () throws(AuditError) in try run(options) })
            }.start()
        }
        return try result.get()
    }

    /// The audit for synchronous callers (the CLI's main thread). Not from a concurrency-pool thread:
    /// use `audit(_:)` there.
    public static func run(_ options: AuditOptions) throws(AuditError) -> AuditResult {
        try AuditSession(options).audit(options.repository)
    }

    /// Evaluates a catalogue on an already walked tree (also used to run check examples).
    static func evaluate(_ catalogue: Catalogue, configuration: RepositoryConfiguration,
                         listing: RepositoryWalker.Listing, root: URL, maxFileSize: Int,
                         probes: [ProbeKind: SignalOutcome] = [:], answers: Answers = Answers()) -> AuditResult {
        evaluate(catalogue, configuration: configuration, chunks: FileChunks(listing.files), root: root,
                 maxFileSize: maxFileSize, answers: answers, probes: { probes }, listing: { listing })
    }

    /// - Parameters:
    ///   - probes: the probe outcomes, once the scan is done (it may wait for the probes).
    ///   - listing: the complete listing, once the chunks are consumed (it may wait for the walk).
    static func evaluate(_ catalogue: Catalogue, configuration: RepositoryConfiguration, chunks: FileChunks,
                         root: URL, maxFileSize: Int, answers: Answers,
                         probes: () -> [ProbeKind: SignalOutcome],
                         listing complete: () -> RepositoryWalker.Listing,
                         prepared: PreparedSearch? = nil) -> AuditResult {
        let prepared = prepared ?? PreparedSearch(catalogue, maxFileSize: maxFileSize)
        let plan = prepared.plan
        let queries = plan.queries
        let clock = ContinuousClock()
        let start = clock.now
        let scanner = prepared.scanner
        var (searches, statistics) = scanner.run(chunks, root: root.path)
        // Files whose role is told by their content (a specification with embedded examples) are data:
        // read only the few that hold evidence, and drop what they gave.
        let contentRoles = FileRoleFilter(roles: catalogue.roles.filter { !$0.contains.isEmpty }, exclude: [])
        if !contentRoles.roles.isEmpty {
            var verdicts: [String: Bool] = [:]
            let rootBytes = Array(root.path.utf8) + [UInt8(ascii: "/")]
            for index in searches.indices {
                searches[index].matches.removeAll { match in
                    if let known = verdicts[match.path] { return known }
                    let data = contentRoles.role(of: TemplatePath.logical(match.path), absolute: rootBytes + Array(match.path.utf8)) != nil
                    verdicts[match.path] = data
                    return data
                }
            }
        }
        let listing = complete()
        Trace.phase("scan: \(queries.count) searches, \(statistics.filesRead) files read, \(statistics.bytesRead) bytes", since: start)
        var evaluator = SignalEvaluator(searches: searches, probes: probes(), answers: answers)
        if plan.usesPipelines {
            let pipelineStart = clock.now
            let dispatches = plan.dispatchQueries.flatMap { searches[$0].matches }
            evaluator.pipelines = PipelineModel(
                source: PipelineSource(root: root.path, files: listing.files, maxFileSize: maxFileSize),
                vocabulary: catalogue.commandClasses, dispatches: dispatches)
            Trace.phase("pipelines: \(evaluator.pipelines?.jobs.count ?? 0) jobs", since: pipelineStart)
        }

        var checks: [CheckResult] = []
        let requiredCapabilities = Set(catalogue.levels.flatMap(\.requiredCapabilities))
        for (check, signal) in zip(catalogue.checks, plan.signals) {
            let required = requiredCapabilities.contains(check.capability)
            let asksPeople = check.signal.leaves.contains { if case .answer = $0 { true } else { false } }
            if let reason = configuration.notApplicable[check.id] ?? configuration.notApplicable[check.capability] {
                checks.append(CheckResult(check: check, status: .notApplicable, required: required, evidence: [],
                                          reason: "not applicable: \(reason)", truncated: false, attested: false))
                continue
            }

            let outcome = evaluator.evaluate(signal)
            // Attested: the verdict rests on people's answers, not on anything observed.
            let attested = outcome.evidence.contains { $0.source == .answer }
                || (asksPeople && outcome.evidence.isEmpty && outcome.status != .notAssessed)
            checks.append(CheckResult(check: check, status: outcome.status, required: required,
                                      evidence: outcome.evidence, reason: outcome.reason,
                                      truncated: outcome.truncated, attested: attested))
        }
        let capabilities = Scorer.capabilities(catalogue, checks)
        let (level, score, levels) = Scorer.levels(catalogue, capabilities)
        return AuditResult(
            repository: RepositoryInfo(path: root.path, commit: GitInfo.headCommit(repository: root)),
            checklistsSHA256: catalogue.sha256,
            level: level,
            levelName: catalogue.level(level)?.name ?? "",
            score: score,
            levels: levels,
            capabilities: capabilities,
            checks: checks,
            gaps: Scorer.gaps(level: level, capabilities, checks),
            nextSteps: Scorer.nextSteps(level: level, capabilities, checks),
            liveSystems: [],
            scan: ScanSummary(files: listing.files.count, filesRead: statistics.filesRead,
                              skippedBinary: statistics.skippedBinary, skippedLarge: statistics.skippedLarge,
                              unreadable: (listing.unreadable + statistics.unreadable).sorted()),
            trend: nil,
            repositoryRules: catalogue.fromRepository)
    }
}

/// Phase timings on stderr when `RIPEN_TRACE=1`: for finding where an audit spends its time.
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["RIPEN_TRACE"] == "1"

    static func phase(_ what: @autoclosure () -> String, since start: ContinuousClock.Instant) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        FileHandle.standardError.write(Data("ripen: \(what()) in \(elapsed)\n".utf8))
    }
}
