import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// GET and POST with a hard deadline, turning every failure into a `ProbeFailure` that says what to do.
///
/// One client per audit; every request of a probe shares the probe's deadline, so a dead or silent
/// endpoint costs at most the timeout however many pages a probe would have read.
final class HTTPTransport: Sendable {
    private let client: HTTPClient
    let credentials: Credentials
    let timeout: Duration

    struct Answer: Sendable {
        var status: Int
        var body: Data
        var url: String

        /// The body as a JSON object, or `.malformed`.
        func json() throws(ProbeFailure) -> [String: Any] {
            guard let object = try? JSONSerialization.jsonObject(with: body), let dictionary = object as? [String: Any] else {
                let text = String(decoding: body.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                throw .malformed(url: url, detail: body.isEmpty ? "empty body" : "starts with '\(text)'")
            }
            return dictionary
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init(credentials: Credentials, timeout: Duration) {
        self.credentials = credentials
        self.timeout = timeout
        let amount = Self.timeAmount(timeout)
        var configuration = HTTPClient.Configuration(
            certificateVerification: credentials.insecureTLS ? .none : .fullVerification,
            timeout: .init(connect: amount, read: amount))
        configuration.redirectConfiguration = .follow(max: 3, allowCycles: false)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await client.shutdown() }

    /// The probe timeout as NIO measures time.
    var timeAmount: TimeAmount { Self.timeAmount(timeout) }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// - Parameters:
    ///   - deadline: shared by all requests of one probe.
    ///   - authorized: send the tracking server's credentials (not to Prometheus or Docker).
    func request(_ url: String, method: HTTPMethod = .GET, json body: [String: Any]? = nil, deadline: NIODeadline,
                 authorized: Bool = false, displayURL: String? = nil) async throws(ProbeFailure) -> Answer {
        let shown = displayURL ?? url
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ripen/\(RipenVersion.current)")
        // Over a Unix socket there is no host to name, but HTTP/1.1 requires the header and Docker's
        // daemon refuses a request without it (400 missing required Host header).
        if url.hasPrefix("http+unix://") { request.headers.replaceOrAdd(name: "Host", value: "localhost") }
        if authorized, let authorization = credentials.authorization {
            request.headers.add(name: "Authorization", value: authorization)
        }
        if let body, let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        do {
            let response = try await client.execute(request, deadline: deadline)
            // The client's deadline covers the head only, and its read timeout only idle time: a
            // server that trickles its body must still meet the probe's deadline.
            let buffer = try await Self.collect(response.body, deadline: deadline)
            return Answer(status: Int(response.status.code), body: Data(buffer.readableBytesView), url: shown)
        } catch {
            throw classify(error, url: shown)
        }
    }

    /// The body, at most 8 MiB, or `deadlineExceeded` when it is not all there by `deadline`. Returns at
    /// the deadline even if the read does not stop at once (it is cancelled and left behind).
    static func collect(_ body: HTTPClientResponse.Body, deadline: NIODeadline) async throws -> ByteBuffer {
        let once = FirstResult<ByteBuffer>()
        return try await withCheckedThrowingContinuation { continuation in
            once.continuation = continuation
            let reader = Task {
                do { once.resume(.success(try await body.collect(upTo: 8 << 20))) } catch { once.resume(.failure(error)) }
            }
            Task {
                let remaining = deadline.uptimeNanoseconds.subtractingReportingOverflow(NIODeadline.now().uptimeNanoseconds)
                if !remaining.overflow { try? await Task.sleep(nanoseconds: remaining.partialValue) }
                if once.resume(.failure(HTTPClientError.deadlineExceeded)) { reader.cancel() }
            }
        }
    }

    /// Resumes a continuation with whichever result comes first.
    private final class FirstResult<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        var continuation: CheckedContinuation<Value, any Error>?

        /// True when this result was the first.
        @discardableResult
        func resume(_ result: Result<Value, any Error>) -> Bool {
            lock.lock()
            let waiting = continuation
            continuation = nil
            lock.unlock()
            guard let waiting else { return false }
            waiting.resume(with: result)
            return true
        }
    }

    /// Turns a refusal into what to do about it.
    /// - Parameters:
    ///   - what: the service the URL should be, for 404/405 ("an MLflow tracking server").
    ///   - credentialed: the request carried the tracking server's credentials, so 401/403 are about them.
    func check(_ answer: Answer, what: String, credentialed: Bool = false) throws(ProbeFailure) {
        switch answer.status {
        case 200..<300: return
        case 401 where credentialed: throw .unauthorized(url: answer.url, status: 401)
        case 403 where credentialed:
            if answer.text.localizedCaseInsensitiveContains("Invalid Host header") {
                throw .hostHeader(url: answer.url, host: URLComponents(string: answer.url)?.host ?? answer.url)
            }
            throw .unauthorized(url: answer.url, status: 403)
        case 404, 405: throw .notFound(url: answer.url, status: answer.status, what: what)
        default:
            let text = credentials.redact(String(answer.text.prefix(200))).replacingOccurrences(of: "\n", with: " ")
            throw .http(url: answer.url, status: answer.status, body: text)
        }
    }

    private func classify(_ error: any Error, url: String) -> ProbeFailure {
        let seconds = Int(timeout.components.seconds)
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .readTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
                return .timeout(url: url, seconds: seconds)
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError {
            return .tls(url: url, detail: credentials.redact("\(error)"))
        }
        let text = credentials.redact(String(describing: error))
        if text.localizedCaseInsensitiveContains("refused") || text.contains("errno: 111") {
            return .refused(url: url, hint: "Is the server running there? Start it, or pass the right address.")
        }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("deadline") {
            return .timeout(url: url, seconds: seconds)
        }
        if text.localizedCaseInsensitiveContains("ssl") || text.localizedCaseInsensitiveContains("certificate")
            || text.localizedCaseInsensitiveContains("handshake") {
            return .tls(url: url, detail: text)
        }
        return .other(url: url, detail: text)
    }
}
