import Foundation

/// The level over time: one audit per sampled point of the main line.
public struct HistoryReport: Sendable, Codable, Equatable {
    public static let kind = "ripen-history"

    public var kind: String = HistoryReport.kind
    public var repository: String
    public var interval: String
    public var levelNames: [String]
    public var points: [Point]

    public struct Point: Sendable, Codable, Equatable {
        /// `2026-03-31`: the state at the end of that day (UTC).
        public var date: String
        public var commit: String
        public var level: Int
        public var score: Double
        public var gaps: [String]
    }

    public func levelName(_ level: Int) -> String {
        levelNames.indices.contains(level) ? levelNames[level] : ""
    }
}

/// Audits past commits of a repository, read from git's objects into a scratch folder.
public struct Historian: Sendable {
    public var session: AuditSession
    public var maxFileSize: Int

    public init(session: AuditSession, maxFileSize: Int = 2 << 20) {
        self.session = session
        self.maxFileSize = maxFileSize
    }

    /// Why a history could not be drawn; printed as is (exit code 2).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - since: the first point (default: a year before the newest commit).
    ///   - until: the last point (default: the newest commit's day, so the same history gives the same report).
    public func run(repository: URL, since: Date?, until: Date?, every interval: CommitSampler.Interval,
                    progress: (Int, Int) -> Void = { _, _ in }) throws(Failure) -> HistoryReport {
        let git: SafeGit
        let commits: [CommitSampler.Commit]
        do {
            git = try SafeGit(timeout: .seconds(600))
            let text = String(decoding: try git.run(["rev-list", "--first-parent", "--timestamp", "HEAD"], in: repository),
                              as: UTF8.self)
            commits = text.split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count == 2, let seconds = TimeInterval(fields[0]) else { return nil }
                return CommitSampler.Commit(hash: String(fields[1]), time: Date(timeIntervalSince1970: seconds))
            }
        } catch {
            throw Failure(description: "\(repository.path): cannot read its history (\(error)); is it a git repository with commits?")
        }
        guard let newest = commits.map(\.time).max() else {
            throw Failure(description: "\(repository.path): no commits to audit")
        }
        let calendar = CommitSampler.calendar
        let end = until ?? calendar.startOfDay(for: newest)
        let start = since ?? calendar.date(byAdding: .year, value: -1, to: end)!
        guard start <= end else {
            throw Failure(description: "--since \(CommitSampler.day(start)) is after --until \(CommitSampler.day(end))")
        }
        let sampled = CommitSampler.points(commits, since: start, until: end, every: interval)
        var points: [HistoryReport.Point] = []
        var audited: [String: AuditResult] = [:]
        do {
            let tree = try CommitTree(repository: repository, git: git, maxFileSize: maxFileSize)
            defer { tree.remove() }
            for (position, point) in sampled.enumerated() {
                let result: AuditResult
                if let known = audited[point.commit.hash] {
                    result = known
                } else {
                    try tree.checkout(point.commit.hash)
                    result = try session.audit(tree.root)
                    audited[point.commit.hash] = result
                }
                points.append(HistoryReport.Point(date: CommitSampler.day(point.date), commit: point.commit.hash,
                                                  level: result.level, score: result.score,
                                                  gaps: result.gaps.map(\.checkID)))
                progress(position + 1, sampled.count)
            }
        } catch let error as AuditError {
            throw Failure(description: "\(repository.path): \(error)")
        } catch {
            throw Failure(description: "\(repository.path): \(error)")
        }
        return HistoryReport(repository: repository.path, interval: interval.rawValue,
                             levelNames: session.catalogue.levels.map(\.name), points: points)
    }
}
