import Foundation
@testable import RipenKit

/// Runs the built `ripen` executable, as a user would.
enum RipenBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary SwiftPM built beside this test bundle.
    static let url: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("ripen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return PackagePaths.root.appendingPathComponent(".build/debug/ripen")
    }()

    static func run(_ arguments: [String], executable: URL = url, environment: [String: String] = [:],
                    directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large report cannot fill a pipe and block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension RipenBinary {
    /// Runs the binary through posix_spawn and waits for that one process. For commands that leave a
    /// daemon behind (bootstrap starts a tracking server): Foundation's `Process.waitUntilExit` on Linux
    /// also waits for the background processes the command started, i.e. until the server stops.
    static func runLeavingDaemons(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errors) }
        let command = ([url.path] + arguments).map(Quote.shell).joined(separator: " ")
        let result = try MachineSetup.shell("exec \(command) 2>\(Quote.shell(errors.path))", environment: ["NO_COLOR": ""].merging(environment) { $1 })
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return Output(status: result.status, stdout: result.output, stderr: stderr)
    }
}
