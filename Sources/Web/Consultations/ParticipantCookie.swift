import Consultations
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// How a participant is known: where anyone may take part, by a random identifier their browser keeps in a cookie (as
/// Polis does); where a verified address is needed, by their account. The database keeps a digest of the identifier
/// and the consultation together, so that nobody reading it can tell that two consultations' participants are the same
/// browser.
enum ParticipantCookie {
    static let name = "hemicycle_participant"
    /// A year: a participant who comes back finds their votes.
    static let maxAge = 365 * 86_400

    struct Identity {
        var cookieDigest: String?
        var accountID: Int64?
        /// A new identifier to give the browser, when it had none.
        var newToken: String?

        /// What the rate limits count this participant by.
        var limitKey: String { cookieDigest ?? accountID.map { "account:\($0)" } ?? "" }
    }

    /// The identity a request has now (nothing when it has neither the cookie nor the account the mode needs).
    static func identity(for mode: ParticipationMode, consultationID: Int64, request: Request, context: AppContext) -> Identity {
        switch mode {
        case .anyone:
            guard let token = token(request) else { return Identity() }
            return Identity(cookieDigest: digest(token, consultationID))
        case .verifiedEmail, .verified:
            guard let account = context.account, account.isVerified else { return Identity() }
            return Identity(accountID: account.id)
        }
    }

    /// The identity, with a new identifier when the browser has none and anyone may take part.
    static func creating(_ identity: Identity, for mode: ParticipationMode, consultationID: Int64) -> Identity {
        guard mode == .anyone, identity.cookieDigest == nil else { return identity }
        let token = Tokens.make()
        return Identity(cookieDigest: digest(token, consultationID), newToken: token)
    }

    static func digest(_ token: String, _ consultationID: Int64) -> String {
        Tokens.digest("\(token)\n\(consultationID)")
    }



    /// The browser's identifier, when it is one this site could have given (43 URL-safe characters).
    static func token(_ request: Request) -> String? {
        guard let value = request.cookieValue(name), value.utf8.count == 43,
              value.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
                  || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        return value
    }

    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The response with the new identifier's cookie, when one was made.
    static func attach(_ identity: Identity, to response: inout Response, secure: Bool) {
        guard let token = identity.newToken else { return }
        response.headers[values: .setCookie].append(cookie(token, secure: secure).description)
    }
}
