import Foundation
import RipenKit

/// One line per bootstrap step on stdout: `[3/7] Create the virtual environment … done (41 s)`. On a
/// terminal the running step's line carries a spinner and the seconds so far; elsewhere (CI logs, pipes)
/// the line is printed once when the step starts and completed when it ends.
final class StepDisplay: @unchecked Sendable {
    private let animated: Bool
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var current: String?

    init() {
        animated = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func show(_ event: Bootstrapper.Event) {
        switch event {
        case let .skipped(step, total):
            emit("\(label(step, total)) … already done\n")
        case let .started(step, total):
            let text = label(step, total)
            lock.withLock { current = text }
            if animated {
                start(text)
            } else {
                emit("\(text) … ")
            }
        case let .finished(step, total, seconds):
            stopTimer()
            let done = "done (\(Self.duration(seconds)))\n"
            emit(animated ? "\r\u{1B}[2K\(label(step, total)) … \(done)" : done)
            lock.withLock { current = nil }
        }
    }

    /// The run stopped inside a step: end its line so the error starts on a fresh one.
    func abandon() {
        stopTimer()
        guard let text = lock.withLock({ current }) else { return }
        emit(animated ? "\r\u{1B}[2K\(text) … failed\n" : "failed\n")
    }

    private func start(_ text: String) {
        let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        let started = Date()
        var frame = 0
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now(), repeating: .milliseconds(120))
        timer.setEventHandler { [weak self] in
            let seconds = Int(Date().timeIntervalSince(started))
            self?.emit("\r\u{1B}[2K\(text) … \(frames[frame % frames.count]) \(seconds) s")
            frame += 1
        }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    private func stopTimer() {
        let timer = lock.withLock { () -> DispatchSourceTimer? in
            defer { self.timer = nil }
            return self.timer
        }
        timer?.cancel()
    }

    private func label(_ step: BootstrapPlan.Step, _ total: Int) -> String { "[\(step.number)/\(total)] \(step.name)" }

    private func emit(_ text: String) {
        lock.withLock {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 10 ? String(format: "%.1f s", seconds) : seconds < 120 ? "\(Int(seconds.rounded())) s"
            : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
    }
}
