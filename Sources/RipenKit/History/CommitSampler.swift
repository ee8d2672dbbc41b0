import Foundation

/// Picks the commits to audit: the state of the main line at the end of each period (day, week, month,
/// quarter) from `since` to `until`, in UTC so the same history gives the same points everywhere.
public struct CommitSampler: Sendable {
    public enum Interval: String, Sendable, CaseIterable {
        case day, week, month, quarter

        var component: (Calendar.Component, Int) {
            switch self {
            case .day: (.day, 1)
            case .week: (.day, 7)
            case .month: (.month, 1)
            case .quarter: (.month, 3)
            }
        }
    }

    /// A main-line commit and its committer time.
    public struct Commit: Sendable, Equatable {
        public var hash: String
        public var time: Date
    }

    /// A point in time and the commit that was current then.
    public struct Point: Sendable, Equatable {
        public var date: Date
        public var commit: Commit
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `2026-03-31`
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Parses `YYYY-MM-DD` as the start of that day, UTC.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components), day(date) == text else { return nil }
        return date
    }

    /// - Parameter commits: the main line, newest first (`git rev-list --first-parent`).
    /// - Returns: one point per period end from `since` to `until` at which a commit existed, and the newest
    ///   commit at `until` when the last period ends before it.
    public static func points(_ commits: [Commit], since: Date, until: Date, every interval: Interval) -> [Point] {
        let (component, step) = interval.component
        var points: [Point] = []
        var boundary = since
        while boundary <= until {
            // The state at the end of the boundary's day.
            let end = calendar.date(byAdding: .day, value: 1, to: boundary)!
            if let commit = commits.first(where: { $0.time < end }) { points.append(Point(date: boundary, commit: commit)) }
            boundary = calendar.date(byAdding: component, value: step, to: boundary)!
        }
        let afterUntil = calendar.date(byAdding: .day, value: 1, to: until)!
        if points.last.map({ day($0.date) }) != day(until), let newest = commits.first(where: { $0.time < afterUntil }) {
            points.append(Point(date: until, commit: newest))
        }
        return points
    }
}
