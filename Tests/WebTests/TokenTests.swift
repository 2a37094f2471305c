import Foundation
import Testing
@testable import Web

/// Tokens are URL-safe base64 without padding, as Foundation's base64 with the two characters replaced.
@Suite struct TokenEncodingTests {
    @Test func base64URLMatchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let reference = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Tokens.base64URL(bytes) == reference, "\(bytes)")
        }
        // RFC 4648's vectors, and the two characters that differ from plain base64.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (text, encoded) in vectors { #expect(Tokens.base64URL(Array(text.utf8)) == encoded) }
        #expect(Tokens.base64URL([0xFB, 0xFF]) == "-_8" && Tokens.base64URL([0xFB, 0xFF, 0xBF]) == "-_-_")
        let token = Tokens.make()
        #expect(token.count == 43 && token.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        #expect(Tokens.make() != token)
    }
}
