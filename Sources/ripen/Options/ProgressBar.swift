import Foundation

/// `[########............]  37/500 repositories` on stderr, redrawn in place; silent unless stderr is a
/// terminal, so logs and pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    private var total: Int
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        let environment = ProcessInfo.processInfo.environment
        enabled = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb" && total != 1
    }

    /// - Parameter total: when the total is learnt on the way.
    func update(_ done: Int, of newTotal: Int? = nil) {
        guard enabled else { return }
        lock.lock()
        if let newTotal { total = newTotal }
        lock.unlock()
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) \(label)"
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        guard enabled else { return }
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
