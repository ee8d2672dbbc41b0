import Foundation

/// A Docker daemon of the test's own: data root, exec root and socket under a temporary folder, started as
/// root with `--storage-driver=vfs --iptables=false --bridge=none` (what these machines allow), in a
/// process group of its own, and stopped — its containers removed, the group terminated, the folder
/// deleted — by `stop()`, which a test calls in a `defer` so a failure still tears it down.
///
/// No registry is reachable: images are built locally. `baseImage()` turns a Debian root filesystem
/// (debootstrap, cached between runs) into `ripen-test/debian:bookworm`, with this machine's CA bundle
/// inside so apt and pip work; `build` runs the classic builder on the host network (BuildKit would need
/// the bridge network that is off here). Reusable for any stack a test wants to run.
final class DockerHarness: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let root: URL
    let socket: String
    private let daemon = Process()
    private let log: URL
    private var stopped = false

    var host: String { "unix://\(socket)" }

    /// Starts the daemon and waits until it answers; throws with the reason and what to do when it cannot.
    init() throws {
        guard getuid() == 0 else {
            throw Failure(description: "the container tests start their own Docker daemon, which needs root; run ./scripts/test as root")
        }
        guard let dockerd = try? Tool.path("dockerd") else {
            throw Failure(description: "dockerd is not installed; ./scripts/test installs Debian's docker.io")
        }
        // Short: a Unix socket path must stay under 108 bytes.
        root = URL(fileURLWithPath: "/tmp/ripen-docker-\(UUID().uuidString.prefix(8))")
        socket = root.appendingPathComponent("docker.sock").path
        log = root.appendingPathComponent("dockerd.log")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        daemon.executableURL = try Tool.path("python3")
        // As in ServerProcess: unblock signals, so the daemon can be stopped with SIGTERM.
        daemon.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                            dockerd.path, "--data-root", root.appendingPathComponent("data").path,
                            "--exec-root", root.appendingPathComponent("exec").path,
                            "--pidfile", root.appendingPathComponent("docker.pid").path,
                            "--host", "unix://\(socket)", "--storage-driver=vfs", "--iptables=false", "--bridge=none"]
        daemon.standardInput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: log)
        daemon.standardOutput = handle
        daemon.standardError = handle
        try daemon.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if daemon.isRunning, let output = try? docker(["version", "--format", "{{.Server.Version}}"]), output.status == 0 { return }
            guard daemon.isRunning else { break }
            usleep(250_000)
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw Failure(description: "the Docker daemon did not start; its log ends:\n\(text.suffix(2000))")
    }

    deinit { stop() }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["DOCKER_HOST": host, "DOCKER_CONFIG": root.appendingPathComponent("client").path].merging(extra) { $1 }
    }

    func docker(_ arguments: [String], directory: URL? = nil, environment extra: [String: String] = [:]) throws -> RipenBinary.Output {
        try RipenBinary.run(arguments, executable: try Tool.path("docker"), environment: environment(extra), directory: directory)
    }

    /// `docker compose`, through the standalone Compose binary.
    func compose(_ arguments: [String], directory: URL) throws -> RipenBinary.Output {
        try RipenBinary.run(arguments, executable: try Tool.path("docker-compose"), environment: environment(), directory: directory)
    }

    /// Runs and fails with the command's output when it fails.
    @discardableResult
    func must(_ output: RipenBinary.Output, _ what: String) throws -> String {
        guard output.status == 0 else { throw Failure(description: "\(what) failed (\(output.status)):\n\(output.stdout.suffix(3000))\n\(output.stderr.suffix(3000))") }
        return output.stdout
    }

    /// `ripen-test/debian:bookworm`: a minimal Debian root filesystem with this machine's CA bundle at
    /// /etc/ssl/machine-ca.crt (and in place of Debian's, until ca-certificates rewrites it).
    func baseImage() throws {
        let cache = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/ripen-tests")
        let tarball = cache.appendingPathComponent("debian-bookworm-minbase.tar")
        if !FileManager.default.fileExists(atPath: tarball.path) {
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let rootfs = root.appendingPathComponent("rootfs")
            try must(try RipenBinary.run(["--variant=minbase", "bookworm", rootfs.path, "http://deb.debian.org/debian"],
                                         executable: try Tool.path("debootstrap")), "debootstrap")
            // Another harness may be filling the same cache: each writes its own file and renames it into place.
            let partial = cache.appendingPathComponent("debian-bookworm-minbase.\(UUID().uuidString).partial")
            try must(try RipenBinary.run(["-C", rootfs.path, "-cf", partial.path, "."], executable: try Tool.path("tar")), "tar")
            if rename(partial.path, tarball.path) != 0 { try? FileManager.default.removeItem(at: partial) }
            try? FileManager.default.removeItem(at: rootfs)
        }
        // The machine's CA bundle on top, in a second layer.
        let context = root.appendingPathComponent("base")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt"),
                                         to: context.appendingPathComponent("machine-ca.crt"))
        try must(try docker(["import", tarball.path, "ripen-test/debian:minbase"]), "docker import")
        try """
            FROM ripen-test/debian:minbase
            COPY machine-ca.crt /etc/ssl/machine-ca.crt
            COPY machine-ca.crt /etc/ssl/certs/ca-certificates.crt
            """.write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try build("ripen-test/debian:bookworm", context: context)
    }

    /// The classic builder on the host network (pip and apt need the network; the bridge is off here).
    func build(_ tag: String, context: URL) throws {
        try must(try docker(["build", "--quiet", "--network", "host", "--tag", tag, context.path],
                            environment: ["DOCKER_BUILDKIT": "0"]), "docker build \(tag)")
    }

    /// Builds several images at once (each its own `docker build`); the first failure is thrown.
    func buildTogether(_ images: [(tag: String, context: URL)]) throws {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: images.count) { index in
            do { try build(images[index].tag, context: images[index].context) } catch { failures.add("\(error)") }
        }
        if let first = failures.all.first { throw Failure(description: first) }
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.withLock { items.append(item) } }
        var all: [String] { lock.withLock { items } }
    }

    /// Removes every container, then stops the daemon's process group and deletes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        if daemon.isRunning, let ids = try? docker(["ps", "--all", "--quiet"]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["rm", "--force", "--volumes"] + ids)
        }
        if daemon.processIdentifier > 0 {
            kill(-daemon.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while daemon.isRunning, Date() < deadline { usleep(100_000) }
            kill(-daemon.processIdentifier, SIGKILL)
            while daemon.isRunning { usleep(50_000) }
        }
        // Network namespaces the daemon mounted under its exec root go before the folder.
        _ = try? RipenBinary.run(["-c", "grep -o ' \(root.path)[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"],
                                 executable: URL(fileURLWithPath: "/bin/sh"))
        try? FileManager.default.removeItem(at: root)
    }
}
