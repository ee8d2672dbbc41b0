import Foundation

/// An earlier JSON report (`ripen audit --format json`), read back to compare against.
public struct Baseline: Sendable, Decodable {
    public var level: Int
    public var score: Double
    public var repository: RepositoryInfo?
    public var capabilities: [Entry]
    public var checks: [Entry]

    public struct Entry: Sendable, Decodable {
        public var id: String
        public var status: Status
    }

    /// Why a baseline could not be read; printed as is (exit code 2).
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ url: URL) throws(LoadError) -> Baseline {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoadError(description: "\(url.path): cannot read the baseline: \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw LoadError(description: "\(url.path): not a ripen JSON report (no '\(path)'); write one with --format json")
        } catch {
            throw LoadError(description: "\(url.path): not a ripen JSON report (\(error)); write one with --format json")
        }
    }
}
