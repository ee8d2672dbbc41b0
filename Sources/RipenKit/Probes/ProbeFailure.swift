/// Why a live system could not be assessed: each case reads as what happened and what to do.
///
/// An unreachable system leaves its checks not-assessed with this reason, never failed: ripen cannot
/// tell "not there" from "not reachable from here" without an answer.
enum ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case refused(url: String, hint: String)
    case timeout(url: String, seconds: Int)
    case tls(url: String, detail: String)
    case unauthorized(url: String, status: Int)
    case hostHeader(url: String, host: String)
    case notFound(url: String, status: Int, what: String)
    case http(url: String, status: Int, body: String)
    case malformed(url: String, detail: String)
    case other(url: String, detail: String)

    var description: String {
        switch self {
        case let .refused(url, hint):
            "cannot connect to \(url): connection refused. \(hint)"
        case let .timeout(url, seconds):
            "no answer from \(url) within \(seconds) s (--probe-timeout): check the address, and any firewall or proxy in between"
        case let .tls(url, detail):
            "TLS with \(url) failed (\(detail)); for a self-signed certificate set MLFLOW_TRACKING_INSECURE_TLS=true"
        case let .unauthorized(url, status):
            "\(url) answered \(status): credentials missing or rejected; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
        case let .hostHeader(url, host):
            "\(url) answered 403 Invalid Host header: the server's --allowed-hosts (MLFLOW_SERVER_ALLOWED_HOSTS) does not include '\(host)'; add it where the server starts"
        case let .notFound(url, status, what):
            "\(url) answered \(status): this is not \(what), or a proxy path prefix is missing from the URL"
        case let .http(url, status, body):
            "\(url) answered \(status): \(body)"
        case let .malformed(url, detail):
            "\(url) answered with a body that is not the expected JSON (\(detail))"
        case let .other(url, detail):
            "\(url): \(detail)"
        }
    }
}
