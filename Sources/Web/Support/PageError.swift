import Hummingbird

/// An error shown to a person: an HTTP status and a localization key for the message.
public struct PageError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let key: String
    public let arguments: [String: String]

    public init(_ status: HTTPResponse.Status, _ key: String, _ arguments: [String: String] = [:]) {
        self.status = status
        self.key = key
        self.arguments = arguments
    }

    public static let notFound = PageError(.notFound, "error_not_found")
    public static let forbidden = PageError(.forbidden, "error_forbidden")
    public static let signInRequired = PageError(.unauthorized, "error_sign_in_required")
    public static let malformedForm = PageError(.badRequest, "error_malformed_form")
    public static let csrf = PageError(.forbidden, "error_csrf")
}
