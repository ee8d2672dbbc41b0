/// The files a signal looks at: paths matching any of `include` and none of `exclude`.
struct PathSelector: Sendable, Hashable {
    var include: [Glob]
    var exclude: [Glob]

    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        include.contains { $0.matches(bytes: path) } && !exclude.contains { $0.matches(bytes: path) }
    }

    func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { matches($0) }
    }
}
