import Foundation
import Hummingbird

/// The JSON body of every API error: `{"error": "Not Found", "reason": "<message in the reader's language>"}`.
struct APIError: ResponseGenerator, Encodable {
    let status: HTTPResponse.Status
    let reason: String

    enum CodingKeys: String, CodingKey { case error, reason }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status.reasonPhrase, forKey: .error)
        try container.encode(reason, forKey: .reason)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(self)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
