import Foundation
import Organisation
import TestRequirements
import Testing

/// Calendar feeds as RFC 5545 has them, and as an independent reader (PyPI `icalendar`) reads them back.
@Suite struct ICalendarTests {
    /// 10 December 2026, 13:30 UTC (14:30 in Paris).
    let start = 1_796_909_400.0

    var events: [CalendarEvent] {
        [
            CalendarEvent(uid: "sitting-12@hemicycle.test", sequence: 2, startsAt: start, endsAt: start + 3 * 3_600,
                          summary: "Séance plénière : avis ; vote, déclarations", location: "Palais d’Iéna, hémicycle",
                          description: "Ordre du jour :\n1. La Francophonie contemporaine\n2. Communication du président \\ bureau",
                          url: "http://hemicycle.test/cese-fr/sittings/12", modifiedAt: start - 86_400),
            CalendarEvent(uid: "sitting-13@hemicycle.test", sequence: 1, startsAt: start + 86_400, endsAt: start + 86_400 + 7_200,
                          summary: "الجلسة العامة: " + String(repeating: "المجلس الاقتصادي والاجتماعي والبيئي ", count: 3), cancelled: true,
                          modifiedAt: start - 3_600),
        ]
    }

    @Test func linesAreFoldedAtSeventyFiveOctetsAndTextIsEscaped() {
        let document = ICalendar.document(name: "CESE, séances", language: "fr", events: events)
        #expect(document.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && document.hasSuffix("END:VCALENDAR\r\n"))
        let lines = document.components(separatedBy: "\r\n").dropLast()
        for line in lines { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(!document.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let unfolded = document.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Séance plénière : avis \\; vote\\, déclarations\r\n"))
        #expect(unfolded.contains("DESCRIPTION:Ordre du jour :\\n1. La Francophonie contemporaine\\n2. Communication du président \\\\ bureau\r\n"))
        #expect(unfolded.contains("DTSTART:20261210T133000Z\r\nDTEND:20261210T163000Z\r\nSEQUENCE:2\r\nSTATUS:CONFIRMED\r\n"))
        #expect(unfolded.contains("SEQUENCE:1\r\nSTATUS:CANCELLED\r\n"))
        #expect(unfolded.contains("X-WR-CALNAME:CESE\\, séances\r\n"))
    }

    static var python: String? {
        let path = ProcessInfo.processInfo.environment["ICALENDAR_PYTHON"]
        return path.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    @Test(.enabled(if: Requirement.runs(when: python != nil, "ICALENDAR_PYTHON (a Python with icalendar)")))
    func theIndependentReaderReadsEveryEventBack() throws {
        try Requirement.require(Self.python != nil, "ICALENDAR_PYTHON (a Python with icalendar)")
        let document = ICalendar.document(name: "CESE, séances", language: "fr", events: events)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sittings-\(UUID().uuidString).ics")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = {"events": []}
            for e in cal.walk("VEVENT"):
                out["events"].append({"uid": str(e.get("UID")), "sequence": int(e.get("SEQUENCE")), "status": str(e.get("STATUS")),
                    "start": e.decoded("DTSTART").timestamp(), "end": e.decoded("DTEND").timestamp(), "summary": str(e.get("SUMMARY")),
                    "location": str(e.get("LOCATION", "")), "description": str(e.get("DESCRIPTION", "")), "url": str(e.get("URL", ""))})
            print(json.dumps(out))
            """
        let (status, data) = try PythonChecker.run(try #require(Self.python), script: script, arguments: [file.path])
        #expect(status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let read = try #require(parsed["events"] as? [[String: Any]])
        #expect(read.count == events.count)
        for (event, back) in zip(events, read) {
            #expect(back["uid"] as? String == event.uid)
            #expect(back["sequence"] as? Int == event.sequence)
            #expect(back["status"] as? String == (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            #expect(back["start"] as? Double == event.startsAt && back["end"] as? Double == event.endsAt)
            #expect(back["summary"] as? String == event.summary)
            #expect(back["location"] as? String == (event.location ?? ""))
            #expect(back["description"] as? String == (event.description ?? ""))
            #expect(back["url"] as? String == (event.url ?? ""))
        }
    }
}
