import NIOCore
import Synchronization

/// Splits an SMTP server's bytes into lines, and guards the STARTTLS upgrade (the flaw of CVE-2011-0411): from the
/// end of the reply to STARTTLS until TLS is in place, any byte is an attacker's (a man in the middle who sent more
/// replies with the "220" so that they would be read as coming over TLS), and the connection fails.
final class SMTPReplyDecoder: ByteToMessageDecoder, Sendable {
    typealias InboundOut = ByteBuffer

    struct InjectedBeforeTLS: Error, CustomStringConvertible {
        let description = "SMTP server sent bytes between its STARTTLS reply and the TLS handshake"
    }

    enum State { case plain, awaitingUpgradeReply, sealed }
    /// Read and written on the channel's event loop only (the mutex keeps the compiler and sanitizers content).
    private let state = Mutex(State.plain)

    /// Before sending STARTTLS: the next complete reply is the last plaintext the server may send.
    func expectUpgrade() { state.withLock { $0 = .awaitingUpgradeReply } }
    /// Once the TLS handler is in front: what arrives now was decrypted by it.
    func upgraded() { state.withLock { $0 = .plain } }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if state.withLock({ $0 }) == .sealed, buffer.readableBytes > 0 { throw InjectedBeforeTLS() }
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = newline - buffer.readerIndex
        guard let line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        let isFinal = line.readableBytes < 4 || line.getInteger(at: line.readerIndex + 3, as: UInt8.self) != UInt8(ascii: "-")
        let sealNow = state.withLock { state -> Bool in
            guard state == .awaitingUpgradeReply, isFinal else { return false }
            state = .sealed
            return true
        }
        if sealNow, buffer.readableBytes > 0 { throw InjectedBeforeTLS() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
