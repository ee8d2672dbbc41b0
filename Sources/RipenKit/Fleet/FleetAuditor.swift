import Foundation

/// Audits many repositories through one session, a few at a time (one per core by default). A repository
/// that cannot be read or cloned becomes a row with its error; the others complete.
public struct FleetAuditor: Sendable {
    public var session: AuditSession
    /// Audits running at once.
    public var jobs: Int
    /// Each clone's budget.
    public var cloneTimeout: Duration

    public init(session: AuditSession, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                cloneTimeout: Duration = .seconds(300)) {
        self.session = session
        self.jobs = max(1, jobs)
        self.cloneTimeout = cloneTimeout
    }

    /// - Parameter progress: called after each repository with (done, total), from any thread.
    public func run(_ sources: [RepositorySource],
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> FleetReport {
        let state = State(count: sources.count)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, sources.count) {
            group.enter()
            // Threads of their own: an audit blocks while its walk and the session's probes finish.
            Thread {
                while let position = state.next() {
                    let entry = audit(sources[position])
                    progress(state.finish(position, entry), sources.count)
                }
                group.leave()
            }.start()
        }
        group.wait()
        return FleetReport(levelNames: session.catalogue.levels.map(\.name), repositories: state.entries.compactMap { $0 })
    }

    func audit(_ source: RepositorySource) -> FleetEntry {
        switch source.location {
        case let .directory(path):
            do {
                let result = try session.audit(URL(fileURLWithPath: path))
                return FleetEntry(index: source.index, repository: source.name, result: result)
            } catch {
                return FleetEntry(index: source.index, repository: source.name, error: error.description)
            }
        case let .git(url):
            let scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("ripen-fleet-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let checkout = scratch.appendingPathComponent("repository", isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                try SafeGit(timeout: cloneTimeout, transports: SafeGit.cloneTransports).shallowClone(url, into: checkout)
            } catch let error as SafeGit.Failure {
                return FleetEntry(index: source.index, repository: source.name, error: "cannot clone: \(error)")
            } catch {
                return FleetEntry(index: source.index, repository: source.name,
                                  error: "cannot clone: \(error.localizedDescription)")
            }
            do {
                var result = try session.audit(checkout)
                result.repository.path = source.name
                return FleetEntry(index: source.index, repository: source.name, result: result)
            } catch {
                return FleetEntry(index: source.index, repository: source.name,
                                  error: error.description.replacingOccurrences(of: checkout.path, with: source.name))
            }
        }
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var cursor = 0
        private var done = 0
        private(set) var entries: [FleetEntry?]

        init(count: Int) { entries = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.withLock {
                guard cursor < entries.count else { return nil }
                defer { cursor += 1 }
                return cursor
            }
        }

        func finish(_ position: Int, _ entry: FleetEntry) -> Int {
            lock.withLock {
                entries[position] = entry
                done += 1
                return done
            }
        }
    }
}
