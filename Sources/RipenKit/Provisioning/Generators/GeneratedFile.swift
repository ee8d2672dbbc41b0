import Foundation

/// One file a generator produces, in memory. Generators are pure: the writer alone touches the disk.
public struct GeneratedFile: Sendable, Equatable {
    /// Relative to the output directory, `/`-separated.
    public var path: String
    public var contents: String
    public var executable: Bool
    /// A secret (`.env`): written once with mode 600 when missing, never overwritten, never in the
    /// manifest, and never part of the deterministic output (its values are random by design).
    public var secret: Bool

    public init(_ path: String, _ contents: String, executable: Bool = false, secret: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
        self.secret = secret
    }
}
