import Foundation

/// Takes credentials out of any text ripen prints: the user information of URLs
/// (`https://alice:secret@host` → `https://***@host`) and secret-looking query parameters
/// (`?token=…`, `&X-Amz-Signature=…` → `=***`). Applied to every probe message and every URL shown.
public enum Redaction {
    /// `scheme://user[:password]@` (any scheme, including database URIs such as `postgresql://`), up to
    /// the last `@` before the host: an unencoded `@` in a password must not leave its tail showing.
    private static let userInfo = try! NSRegularExpression(pattern: "([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s?#]+@")
    /// Query parameters whose name says they hold a secret.
    private static let secretQuery = try! NSRegularExpression(
        pattern: "([?&;](?:[A-Za-z0-9_.-]*(?:token|secret|password|passwd|pwd|apikey|api_key|api-key|signature|sig|credential|auth|key))=)[^&;#\\s\"']*",
        options: [.caseInsensitive])

    public static func scrub(_ text: String) -> String {
        guard text.contains("://") || text.contains("=") else { return text }
        var result = text
        var range = NSRange(result.startIndex..., in: result)
        result = userInfo.stringByReplacingMatches(in: result, range: range, withTemplate: "$1***@")
        range = NSRange(result.startIndex..., in: result)
        result = secretQuery.stringByReplacingMatches(in: result, range: range, withTemplate: "$1***")
        return result
    }
}
