import Foundation

/// An event of a calendar feed: a sitting, as calendar programs keep it. The same `uid` with a higher `sequence`
/// replaces what they hold; `cancelled` removes it from their view.
public struct CalendarEvent: Sendable {
    public var uid: String
    public var sequence: Int
    public var startsAt: Double
    public var endsAt: Double
    public var summary: String
    public var location: String?
    public var description: String?
    public var url: String?
    public var cancelled: Bool
    /// When the event was last changed (`LAST-MODIFIED`, and `DTSTAMP` of a published feed).
    public var modifiedAt: Double
    /// For an invitation by mail (RFC 5546): who calls the meeting and who is called (`mailto:` addresses).
    public var organizer: String?
    public var attendee: (name: String, email: String)?

    public init(uid: String, sequence: Int, startsAt: Double, endsAt: Double, summary: String, location: String? = nil,
                description: String? = nil, url: String? = nil, cancelled: Bool = false, modifiedAt: Double, organizer: String? = nil,
                attendee: (name: String, email: String)? = nil) {
        self.organizer = organizer
        self.attendee = attendee
        self.uid = uid
        self.sequence = sequence
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.summary = summary
        self.location = location
        self.description = description
        self.url = url
        self.cancelled = cancelled
        self.modifiedAt = modifiedAt
    }
}

/// iCalendar (RFC 5545) as calendar programs subscribe to it: times in UTC, text escaped, lines folded at 75 octets
/// and ended with CRLF.
public enum ICalendar {
    /// A whole calendar: `name` shown by the programs that read `X-WR-CALNAME`; `method` (`REQUEST`, `CANCEL`) for an
    /// invitation sent by mail, none for a feed.
    public static func document(name: String, language: String, events: [CalendarEvent], method: String? = nil) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hemicycle//Sittings//\(language.uppercased())", "CALSCALE:GREGORIAN"]
        if let method { lines.append("METHOD:\(method)") }
        lines.append("X-WR-CALNAME:\(escape(name))")
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:\(escape(event.uid))", "DTSTAMP:\(utc(event.modifiedAt))", "DTSTART:\(utc(event.startsAt))",
                      "DTEND:\(utc(event.endsAt))", "SEQUENCE:\(event.sequence)", "STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")",
                      "SUMMARY:\(escape(event.summary))"]
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:\(escape(location))") }
            if let description = event.description, !description.isEmpty { lines.append("DESCRIPTION:\(escape(description))") }
            if let url = event.url { lines.append("URL:\(url)") }
            if let organizer = event.organizer { lines.append("ORGANIZER:mailto:\(Self.address(organizer))") }
            if let attendee = event.attendee {
                lines.append("ATTENDEE;CN=\(Self.parameter(attendee.name));ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:\(Self.address(attendee.email))")
            }
            lines += ["LAST-MODIFIED:\(utc(event.modifiedAt))", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A mail address fit for a `mailto:` value: no line break, space, or character that would end the property.
    static func address(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F && !"<>\",;:".unicodeScalars.contains($0) }
            .map(Character.init))
    }

    /// A parameter value (§3.2): quoted, without quotes or control characters.
    static func parameter(_ text: String) -> String {
        "\"" + String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.map(Character.init)) + "\""
    }

    /// TEXT as RFC 5545 writes it (§3.3.11): backslash, semicolon, comma and new lines escaped; other control
    /// characters dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r": result += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A line of more than 75 octets split into lines of at most 75, each continuation starting with a space, never
    /// inside a character (§3.1).
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = "", size = 0
        for character in line {
            let length = String(character).utf8.count
            let limit = parts.isEmpty ? 75 : 74
            if size + length > limit {
                parts.append(current)
                current = ""
                size = 0
            }
            current.append(character)
            size += length
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    /// `yyyyMMddTHHmmssZ`.
    static func utc(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds.rounded(.down)))
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "T" + padded(parts.hour, 2) + padded(parts.minute, 2)
            + padded(parts.second, 2) + "Z"
    }
}
