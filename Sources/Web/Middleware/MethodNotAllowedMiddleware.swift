import HTTPTypes
import Hummingbird

/// Under `/api/`, a path that exists with other methods answers 405 with `Allow`, as the OpenAPI document implies,
/// instead of the router's 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let localizer: Localizer
    /// (method, path in OpenAPI form) of every API operation.
    let operations: [(method: String, path: String)]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound && request.uri.path.hasPrefix("/api/") {
            let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
            let allowed = operations.filter { operation in
                let pattern = operation.path.split(separator: "/", omittingEmptySubsequences: false)
                return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }.map { $0.method.uppercased() }
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            var response = try APIError(status: .methodNotAllowed, reason: localizer.text("error_method_not_allowed", context.language))
                .response(from: request, context: context)
            response.headers[.allow] = Set(allowed).sorted().joined(separator: ", ")
            return response
        }
    }
}
