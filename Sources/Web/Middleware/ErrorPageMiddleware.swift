import Foundation
import HemicycleDomain
import Hummingbird
import Logging
import Storage

/// Turns every error into a page (or, under `/api/`, JSON `{"error", "reason"}`) in the reader's language.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let site: Site

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, key, arguments) = Self.classify(error)
            if status == .internalServerError {
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            let reason = site.localizer.text(key, context.language, arguments)
            if request.uri.path.hasPrefix("/api/") {
                return try APIError(status: status, reason: reason).response(from: request, context: context)
            }
            let page = try await site.pages.page(
                "error", title: site.localizer.text("error_title", context.language), request: request,
                context: context, typed: ErrorPage(status: Int(status.code), message: reason), status: status)
            var response = try page.response(from: request, context: context)
            if status == .tooManyRequests, let retry = arguments["seconds"] { response.headers[.retryAfter] = retry }
            return response
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponse.Status, String, [String: String]) {
        switch error {
        case let error as PageError:
            return (error.status, error.key, error.arguments)
        case let error as ValidationFailure:
            return (.unprocessableContent, error.key, [:])
        case let error as StoreError:
            switch error {
            case .duplicateEmail: return (.conflict, "error_email_taken", [:])
            case .notFound: return (.notFound, "error_not_found", [:])
            case .groupNotInCouncil: return (.unprocessableContent, "error_group_not_in_council", [:])
            case .groupHasMembers: return (.conflict, "error_group_has_members", [:])
            case .alreadyMember: return (.conflict, "error_already_member", [:])
            case .alreadyVoted: return (.conflict, "error_already_voted", [:])
            case .notEligible: return (.forbidden, "error_not_eligible", [:])
            case .ballotClosed: return (.conflict, "error_ballot_closed", [:])
            case .stateChanged: return (.conflict, "work_error_state", [:])
            case .closed: return (.serviceUnavailable, "error_unavailable", [:])
            case .duplicateName: return (.conflict, "error_duplicate_name", [:])
            case .full: return (.conflict, "error_full", [:])
            }
        case is Form.Malformed:
            return (.badRequest, "error_malformed_form", [:])
        case is DecodingError:
            return (.badRequest, "error_malformed_json", [:])
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return (.notFound, "error_not_found", [:])
            case .methodNotAllowed: return (.methodNotAllowed, "error_method_not_allowed", [:])
            case .contentTooLarge: return (.contentTooLarge, "error_too_large", [:])
            case .unauthorized: return (.unauthorized, "error_sign_in_required", [:])
            case .forbidden: return (.forbidden, "error_forbidden", [:])
            case .badRequest: return (.badRequest, "error_bad_request", [:])
            default: return (error.status, "error_internal", [:])
            }
        default:
            return (.internalServerError, "error_internal", [:])
        }
    }
}
