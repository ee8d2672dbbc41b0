import Foundation
import NIOCore

/// Prometheus: healthy, and scraping at least one target that is up.
struct PrometheusProbe: Sendable {
    let base: String
    let transport: HTTPTransport

    func run() async -> SignalOutcome {
        let base = self.base.hasSuffix("/") ? String(self.base.dropLast()) : self.base
        let deadline = NIODeadline.now() + transport.timeAmount
        do {
            let health = try await transport.request(base + "/-/healthy", deadline: deadline)
            try transport.check(health, what: "a Prometheus server")
            let answer = try await transport.request(base + "/api/v1/targets?state=active", deadline: deadline)
            try transport.check(answer, what: "a Prometheus server")
            let targets = ((try answer.json())["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]] ?? []
            let up = targets.filter { $0["health"] as? String == "up" }
            guard !up.isEmpty else {
                let down = targets.prefix(3).map { "\($0["scrapeUrl"] as? String ?? "?"): \($0["lastError"] as? String ?? "down")" }
                return .probeFail("no scrape target up on \(base) (\(targets.count) active)" + (down.isEmpty ? "" : ": " + down.joined(separator: "; ")))
            }
            var evidence = [Evidence(text: "\(up.count) of \(targets.count) scrape target(s) up on \(base)", source: .probe)]
            for target in up.prefix(SignalOutcome.evidenceLimit - 1) {
                let job = (target["labels"] as? [String: Any])?["job"] as? String ?? "?"
                evidence.append(Evidence(text: "job '\(job)' up: \(target["scrapeUrl"] as? String ?? "?")", source: .probe))
            }
            return .probePass(evidence)
        } catch {
            return .probeUnreachable(error)
        }
    }
}

/// The Docker daemon, over its Unix socket (`GET /_ping`).
struct DockerProbe: Sendable {
    let socket: String
    let transport: HTTPTransport

    func run() async -> SignalOutcome {
        guard FileManager.default.fileExists(atPath: socket) else {
            return .probeFail("no Docker daemon socket at \(socket) (set DOCKER_HOST=unix://PATH if it lives elsewhere)")
        }
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socket
        let deadline = NIODeadline.now() + transport.timeAmount
        do {
            let ping = try await transport.request("http+unix://\(encoded)/_ping", deadline: deadline,
                                                   displayURL: "unix://\(socket) GET /_ping")
            try transport.check(ping, what: "a Docker daemon")
            var text = "Docker daemon at \(socket) answered /_ping: \(ping.text.trimmingCharacters(in: .whitespacesAndNewlines))"
            if let version = try? await transport.request("http+unix://\(encoded)/version", deadline: deadline),
               let number = (try? version.json())?["Version"] as? String {
                text += "; Docker \(number)"
            }
            return .probePass([Evidence(text: text, source: .probe)])
        } catch {
            return .probeUnreachable(error)
        }
    }
}

/// A conda, mamba or micromamba on PATH, and its version.
struct CondaProbe: Sendable {
    let environment: [String: String]
    let timeout: Duration

    func run() async -> SignalOutcome {
        var candidates: [String] = []
        if let exe = environment["CONDA_EXE"], exe.hasPrefix("/") { candidates.append(exe) }
        // Absolute PATH entries only: `.` would run a `conda` the audited repository ships.
        for directory in (environment["PATH"] ?? "").split(separator: ":") where directory.hasPrefix("/") {
            for name in ["conda", "mamba", "micromamba"] { candidates.append("\(directory)/\(name)") }
        }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .probeFail("no conda, mamba or micromamba on PATH; install Miniforge (ripen generate env)")
        }
        // The user's own tool, never a file from the audited repository.
        guard let version = Self.version(of: executable, timeout: timeout) else {
            return .probeUnreachable(ProbeFailure.other(url: executable, detail: "'--version' gave no answer within \(timeout.components.seconds) s"))
        }
        return .probePass([Evidence(text: "\(version) at \(executable)", source: .probe)])
    }

    static func version(of executable: String, timeout: Duration) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit()
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(Int(max(1, timeout.components.seconds)))) == .success else {
            process.terminate()
            return nil
        }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !text.isEmpty else { return nil }
        let name = URL(fileURLWithPath: executable).lastPathComponent
        return text.hasPrefix(name) ? text : "\(name) \(text)"
    }
}
