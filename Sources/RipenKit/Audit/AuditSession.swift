import Foundation

/// Audits any number of repositories with one catalogue and one round of probes: the built-in and extra
/// checklists are loaded once, and live systems are probed once, concurrently with the first walk.
/// A repository's own `.ripen.yaml` checklists are loaded for that repository alone.
public final class AuditSession: Sendable {
    let checklistDirectories: [URL]
    let trustRepositoryChecklists: Bool
    let maxFileSize: Int
    let answers: Answers
    let probeOptions: ProbeOptions
    let catalogue: Catalogue
    private let probed: ProbeBox
    private let prepared = PreparedCache()

    /// Loads the catalogue and starts the probes. `options.repository` is not read.
    public init(_ options: AuditOptions) throws(AuditError) {
        checklistDirectories = options.checklistDirectories
        trustRepositoryChecklists = options.trustRepositoryChecklists
        maxFileSize = options.maxFileSize
        answers = options.answers
        probeOptions = options.probes
        do {
            catalogue = try Catalogue.load(extraDirectories: options.checklistDirectories)
        } catch {
            throw .spec(error)
        }
        let needed = Set(catalogue.checks.flatMap(\.signal.leaves).compactMap { leaf -> ProbeKind? in
            if case let .probe(probe) = leaf { return probe.probe }
            return nil
        })
        let probed = ProbeBox()
        self.probed = probed
        if needed.isEmpty || options.probes.isEmpty {
            probed.finish([:])
        } else {
            // Started now, so they overlap the first walk; they cost at most the probe timeout.
            let probes = options.probes
            Task.detached { probed.finish(await ProbeRunner.run(probes, needed: needed)) }
        }
    }

    /// Audits one repository (a directory). Safe to call from several threads at once, but not from a
    /// concurrency-pool thread (it may wait for the probes, which run on the pool).
    public func audit(_ repository: URL) throws(AuditError) -> AuditResult {
        let root = repository.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .repositoryNotFound(repository.path)
        }
        let configuration: RepositoryConfiguration
        let catalogue: Catalogue
        do {
            configuration = try RepositoryConfiguration.load(repository: root)
            if configuration.checklists.isEmpty {
                catalogue = self.catalogue
            } else {
                let configured = configuration.checklists.map { root.appendingPathComponent($0) }
                catalogue = try Catalogue.load(extraDirectories: checklistDirectories,
                                               repositoryDirectories: configured, repository: root,
                                               trustRepository: trustRepositoryChecklists)
            }
            let unknown = configuration.unknownIDs(in: catalogue)
            if !unknown.isEmpty {
                let file = root.appendingPathComponent(RepositoryConfiguration.fileName).path
                throw SpecErrors(unknown.map {
                    SpecIssue(file: file, line: 1, column: 1, message: "'\($0)' names no check or capability")
                })
            }
        } catch let error as SpecErrors {
            throw .spec(error)
        } catch {
            throw .spec(SpecErrors([SpecIssue(file: root.path, line: 1, column: 1, message: "\(error)")]))
        }
        let selected = catalogue.filtered { check in
            !configuration.disable.contains(check.id) && (configuration.only?.contains(check.id) ?? true)
        }
        // The walk runs on its own thread and hands files over in chunks; the scan searches them meanwhile.
        let chunks = FileChunks()
        let walked = WalkResult()
        let start = ContinuousClock.now
        let path = root.path
        // Roles told by path are applied during the walk; those told by content, to evidence only (below).
        let roles = FileRoleFilter(roles: catalogue.roles.filter(\.contains.isEmpty), exclude: configuration.exclude)
        let walker = Thread {
            walked.listing = RepositoryWalker(roles: roles).walk(root: path, chunks: chunks)
            Trace.phase("walk: \(walked.listing?.files.count ?? 0) files", since: start)
            walked.done.signal()
        }
        walker.start()
        let probed = self.probed
        // The session's own checks (no checklists of the repository's): their search is built once.
        let search = configuration.checklists.isEmpty
            ? prepared.search(for: selected, maxFileSize: maxFileSize) : nil
        var result = Auditor.evaluate(selected, configuration: configuration, chunks: chunks, root: root,
                                      maxFileSize: maxFileSize, answers: answers,
                                      probes: { probed.outcomes() },
                                      listing: {
                                          walked.done.wait()
                                          return walked.listing!
                                      }, prepared: search)
        result.liveSystems = probeOptions.describedSystems
        return result
    }

    /// The probe outcomes, set once; every audit of the session reads the same answers.
    private final class ProbeBox: @unchecked Sendable {
        private var value: [ProbeKind: SignalOutcome] = [:]
        private let done = DispatchSemaphore(value: 0)

        func finish(_ outcomes: [ProbeKind: SignalOutcome]) {
            value = outcomes
            done.signal()
        }

        func outcomes() -> [ProbeKind: SignalOutcome] {
            done.wait()
            defer { done.signal() }
            return value
        }
    }

    /// Built searches by the ids of the checks they serve (a `.ripen.yaml` may disable or select checks).
    private final class PreparedCache: @unchecked Sendable {
        private let lock = NSLock()
        private var searches: [[String]: PreparedSearch] = [:]

        func search(for catalogue: Catalogue, maxFileSize: Int) -> PreparedSearch {
            let key = catalogue.checks.map(\.id)
            if let known = lock.withLock({ searches[key] }) { return known }
            let built = PreparedSearch(catalogue, maxFileSize: maxFileSize)
            lock.withLock { searches[key] = built }
            return built
        }
    }

    private final class WalkResult: @unchecked Sendable {
        var listing: RepositoryWalker.Listing?
        let done = DispatchSemaphore(value: 0)
    }
}
