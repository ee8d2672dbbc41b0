import Foundation

/// Files handed from the walk to the scan in order, a chunk at a time, so that searching starts
/// while the tree is still being listed.
final class FileChunks: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[RepositoryFile]] = []
    private var finished = false

    /// Chunks already complete (a finished listing).
    convenience init(_ files: [RepositoryFile], chunkSize: Int = 1024) {
        self.init()
        var start = 0
        while start < files.count {
            chunks.append(Array(files[start..<min(start + chunkSize, files.count)]))
            start += chunkSize
        }
        finished = true
    }

    func append(_ chunk: [RepositoryFile]) {
        guard !chunk.isEmpty else { return }
        condition.lock()
        chunks.append(chunk)
        condition.signal()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for the walk if need be; nil once the walk is done and all is taken.
    func next() -> [RepositoryFile]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        return chunks.isEmpty ? nil : chunks.removeFirst()
    }
}
