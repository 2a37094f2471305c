import Testing
@testable import Web

@Suite struct TokensTests {
    @Test func digestsAreTheHexOfSHA256() {
        #expect(Tokens.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Tokens.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Tokens.hex([0, 15, 16, 255]) == "000f10ff")
    }
}
