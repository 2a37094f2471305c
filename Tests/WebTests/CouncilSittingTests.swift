import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's sittings: plenary sittings are public, a commission's are the council's; the secretariat plans them,
/// sets their agenda, records attendance and proxies; a member gives their own vote before the sitting; the quorum
/// follows attendance; a cancelled sitting reaches calendars as a cancellation.
@Suite struct CouncilSittingTests {
    static func sittings(_ site: Site, _ slug: String) async throws -> [SittingRecord] {
        let council = try #require(try await site.councils.find(slug: slug))
        return try await SittingRepository(database: site.database).all(councilID: council.id)
    }

    @Test(arguments: TestDatabase.kinds)
    func plenarySittingsArePublicAndCommissionMeetingsTheCouncils(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let all = try await Self.sittings(site, "cese-fr")
            let meeting = try #require(all.first { $0.body == "commission" })
            let visitor = Visitor(client, acceptLanguage: "fr")
            let list = try await visitor.get("/cese-fr/sittings").text
            #expect(list.contains("Séance plénière du 24 juin 2026") && !list.contains("Réunion de la commission"))
            // Not announced to outsiders: 404, as for a sitting that does not exist.
            #expect(try await visitor.get("/cese-fr/sittings/\(meeting.id)").status == .notFound)
            #expect(!(try await visitor.get("/cese-fr/sittings/\(all.first { $0.body == "plenary" }!.id)").text.contains("visio.")))
            for email in ["citoyen@hemicycle.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.get("/cese-fr/sittings/\(meeting.id)").status == .notFound, "\(email)")
                #expect(!(try await someone.get("/cese-fr/sittings").text.contains("Réunion de la commission")), "\(email)")
            }
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let page = try await member.get("/cese-fr/sittings/\(meeting.id)")
            #expect(page.status == .ok && page.text.contains("Réunion de la commission"))
            // The plenary sitting of the avis: its agenda links the avis; attendance and the quorum from the final ballot.
            let plenary = try #require(all.first { $0.body == "plenary" && $0.startsAt == 1_782_291_600 })
            let text = try await visitor.get("/cese-fr/sittings/\(plenary.id)").text
            #expect(text.contains("La Francophonie contemporaine : un atout pour la France et ses partenaires") && text.contains("Quorum atteint"))
            #expect(text.contains("a donné délégation de vote à") && !text.contains("name=\"attendance_"))
            // The commission's page lists its meetings to the council's people only; the group's page, its attendance.
            let commission = try #require(meeting.commissionId)
            #expect(!(try await visitor.get("/cese-fr/commissions/\(commission)").text.contains("Réunions de la commission")))
            #expect(try await member.get("/cese-fr/commissions/\(commission)").text.contains("Réunions de la commission"))
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let unsa = try #require(try await site.groups.all(councilID: france.id).first { $0.nameFr == "Groupe UNSA" })
            let group = try await visitor.get("/cese-fr/groups/\(unsa.id)").text
            #expect(group.contains("Présence des membres du groupe en séance plénière") && group.contains("Séance plénière du 24 juin 2026"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatKeepsASittingAndMembersGiveTheirOwnVote(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let before = try await Self.sittings(site, "cese-fr").count
            let fields = [("body", "plenary"), ("commission", ""), ("starts_at", "2026-12-02T14:30"), ("ends_at", "2026-12-02T17:30"),
                          ("place", "Palais d’Iéna, hémicycle"), ("remote_url", "")]
            // Nobody but the secretariat plans a sitting.
            #expect(try await Visitor(client).post("/cese-fr/sittings", fields).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "presidence@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/sittings", fields).status == .forbidden, "\(email)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Bad input: the sentence, and nothing stored.
            let backwards = try await staff.post("/cese-fr/sittings", fields.map { $0.0 == "ends_at" ? ($0.0, "2026-12-02T12:00") : $0 })
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("la fin après le début"))
            #expect(try await staff.post("/cese-fr/sittings", fields.map { $0.0 == "remote_url" ? ($0.0, "javascript:alert(1)") : $0 }).status
                == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/sittings", fields.map { $0.0 == "body" ? ($0.0, "commission") : $0 }).text
                .contains("Choisissez la commission qui se réunit."))
            #expect(try await Self.sittings(site, "cese-fr").count == before)
            let created = try await staff.post("/cese-fr/sittings", fields)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let id = try #require(Int64(url.split(separator: "/").last ?? ""))
            // 14:30 in Paris is 13:30 UTC in December.
            let sitting = try #require(try await Self.sittings(site, "cese-fr").first { $0.id == id })
            #expect(sitting.startsAt == 1_796_909_400 - 8 * 86_400 && sitting.sequence == 0)

            // The agenda: a vote on one of the council's works, a communication with its title.
            let avis = try #require(try await site.works.all(councilID: france.id).first { ($0.title[.fr] ?? "").contains("Francophonie") })
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let moroccanWork = try #require(try await site.works.all(councilID: morocco.id).first)
            #expect(try await staff.post("\(url)/agenda", [("kind", "vote"), ("work", "\(avis.id)")]).status == .seeOther)
            #expect(try await staff.post("\(url)/agenda", [("kind", "vote"), ("work", "")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/agenda", [("kind", "vote"), ("work", "\(moroccanWork.id)")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/agenda", [("kind", "communication"), ("work", ""), ("title_fr", "")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/agenda", [("kind", "communication"), ("work", ""), ("title_fr", "Point d’étape du bureau")]).status
                == .seeOther)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.post("\(url)/agenda", [("kind", "other"), ("title_fr", "x")]).status == .forbidden)

            // Attendance waits for the start.
            let seats = try await site.memberships.all(councilID: france.id).filter(\.sits)
            let own = try #require(seats.first { $0.email == "membre@cese-fr.example" })
            let others = seats.filter { $0.id != own.id }
            #expect(try await staff.post("\(url)/attendance", [("attendance_\(own.id)", "present")]).status == .conflict)

            // A member gives their own vote, once, to a member who holds no other; never someone else's.
            #expect(try await member.post("\(url)/proxies", [("giver", "\(others[0].id)"), ("holder", "\(others[1].id)")]).status == .forbidden)
            #expect(try await Visitor(client).post("\(url)/proxies", [("giver", "\(own.id)"), ("holder", "\(others[1].id)")]).status == .unauthorized)
            #expect(try await member.post("\(url)/proxies", [("giver", "\(own.id)"), ("holder", "\(others[1].id)")]).status == .seeOther)
            let twice = try await member.post("\(url)/proxies", [("giver", "\(own.id)"), ("holder", "\(others[2].id)")])
            #expect(twice.status == .unprocessableContent && twice.text.contains("a déjà donné délégation de vote"))
            let tooMany = try await staff.post("\(url)/proxies", [("giver", "\(others[3].id)"), ("holder", "\(others[1].id)")])
            #expect(tooMany.status == .unprocessableContent && tooMany.text.contains("le nombre de délégations que permet la règle du conseil"))
            #expect(try await staff.post("\(url)/proxies", [("giver", "\(others[1].id)"), ("holder", "\(others[3].id)")]).status == .unprocessableContent)
            let proxies = try await SittingRepository(database: site.database).proxies(sittingID: id)
            #expect(proxies.count == 1 && proxies[0].giverId == own.id && proxies[0].holderId == others[1].id)

            // Once it has started: the member no longer changes their proxy; the secretariat records attendance.
            clock.advance(by: 2 * 86_400 + 5 * 3_600)
            #expect(try await member.post("\(url)/proxies/\(proxies[0].id)/delete", []).status == .conflict)
            // A majority of the assembly present, the giver excused.
            var attendance: [(String, String)] = others.prefix(seats.count / 2 + 1).map { ("attendance_\($0.id)", "present") }
            attendance.append(("attendance_\(own.id)", "excused"))
            #expect(try await staff.post("\(url)/attendance", attendance + [("attendance_\(others.last!.id)", "asleep")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/attendance", attendance).status == .seeOther)
            let page = try await staff.get(url).text
            #expect(page.contains("Quorum atteint") && !page.contains("Sans effet"))
            // Fewer than half: not reached, said so.
            #expect(try await staff.post("\(url)/attendance", others.prefix(seats.count / 2 + 1).dropFirst(2).map { ("attendance_\($0.id)", "absent") }).status
                == .seeOther)
            #expect(try await staff.get(url).text.contains("Quorum non atteint"))
            // The giver present after all: the proxy is of no effect.
            #expect(try await staff.post("\(url)/attendance", [("attendance_\(own.id)", "present")]).status == .seeOther)
            #expect(try await staff.get(url).text.contains("Sans effet : le membre est présent et vote lui-même."))
            // Over: it can no longer be cancelled.
            clock.advance(by: 4 * 3_600)
            #expect(try await staff.post("\(url)/status", [("action", "cancel")]).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func calendarsCarryUpdatesAndCancellationsAndMembersHaveTheirOwn(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let all = try await Self.sittings(site, "cese-fr")
            let next = try #require(all.first { $0.body == "plenary" && $0.startsAt > 1_796_029_200 })
            let meeting = try #require(all.first { $0.body == "commission" && $0.startsAt > 1_796_029_200 })
            let visitor = Visitor(client, acceptLanguage: "fr")
            let calendar = try await visitor.get("/cese-fr/calendar.ics")
            #expect(calendar.status == .ok && calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            let unfolded = calendar.text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("UID:sitting-\(next.id)@hemicycle.test\r\n") && unfolded.contains("DTSTART:20261209T133000Z\r\n"))
            #expect(!unfolded.contains("UID:sitting-\(meeting.id)@"))

            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Moved, then cancelled: the same event, its sequence raised each time, then CANCELLED.
            let moved = [("body", "plenary"), ("commission", ""), ("starts_at", "2026-12-09T15:00"), ("ends_at", "2026-12-09T18:00"),
                         ("place", "Palais d’Iéna, hémicycle"), ("remote_url", "")]
            #expect(try await staff.post("/cese-fr/sittings/\(next.id)", moved).status == .seeOther)
            #expect(try await staff.post("/cese-fr/sittings/\(next.id)/status", [("action", "cancel")]).status == .seeOther)
            #expect(try await staff.post("/cese-fr/sittings/\(next.id)/status", [("action", "cancel")]).status == .conflict)
            #expect(try await staff.post("/cese-fr/sittings/\(next.id)", moved).status == .conflict)
            let after = try await visitor.get("/cese-fr/calendar.ics").text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(after.contains("UID:sitting-\(next.id)@hemicycle.test\r\nDTSTAMP:"))
            #expect(after.contains("DTSTART:20261209T140000Z\r\nDTEND:20261209T170000Z\r\nSEQUENCE:\(next.sequence + 2)\r\nSTATUS:CANCELLED\r\n"))

            // A member's own calendar: their commission's meeting too, at an address only they are given.
            let commissionSeats = try await site.commissions.seats(councilID: france.id)
            let seatID = try #require(commissionSeats.first { $0.commissionID == meeting.commissionId }?.membershipID)
            let seat = try #require(try await site.memberships.all(councilID: france.id).first { $0.id == seatID })
            let signedIn = Visitor(client)
            try await signedIn.signIn(seat.email)
            let list = try await signedIn.get("/cese-fr/sittings").text
            let afterValue = list.components(separatedBy: "value=\"http://hemicycle.test").dropFirst().first
            let address = try #require(afterValue.map { String($0.prefix { $0 != "\"" }) })
            let own = try await visitor.get(address)
            #expect(own.status == .ok && own.text.replacingOccurrences(of: "\r\n ", with: "").contains("UID:sitting-\(meeting.id)@hemicycle.test"))
            #expect(own.headers[.cacheControl] == "private, no-store")
            let token = String(address.split(separator: "/").last ?? "")
            let forged = "/cese-fr/calendar/\(seatID + 1)-" + token.split(separator: "-", maxSplits: 1)[1]
            #expect(try await visitor.get(forged).status == .notFound)
            #expect(try await visitor.get("/cese-ma/calendar/\(token)").status == .notFound)
            #expect(try await visitor.get("/cese-fr/calendar/\(seatID)-x.ics").status == .notFound)
            // Narrowed to one body the member sits in: that commission's meetings only; a body they do not sit in is 404.
            let commission = try #require(meeting.commissionId)
            #expect(list.contains("?body=commission-\(commission)"))
            let narrowed = try await visitor.get(address + "?body=commission-\(commission)").text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(narrowed.contains("UID:sitting-\(meeting.id)@hemicycle.test") && !narrowed.contains("UID:sitting-\(next.id)@"))
            let plenaryOnly = try await visitor.get(address + "?body=plenary").text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(plenaryOnly.contains("UID:sitting-\(next.id)@hemicycle.test") && !plenaryOnly.contains("UID:sitting-\(meeting.id)@"))
            #expect(try await visitor.get(address + "?body=commission-999999").status == .notFound)

            // The member resets the address: the old one and its narrowed ones stop working, the new one works.
            #expect(try await visitor.post("/cese-fr/calendar-reset", []).status == .unauthorized)
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.post("/cese-fr/calendar-reset", []).status == .forbidden)
            let moroccan = Visitor(client)
            try await moroccan.signIn("membre@cese-ma.example")
            #expect(try await moroccan.post("/cese-fr/calendar-reset", []).status == .forbidden)
            #expect(try await visitor.get(address).status == .ok)
            let reset = try await signedIn.post("/cese-fr/calendar-reset", [])
            #expect(reset.status == .seeOther && reset.location == "/cese-fr/sittings?notice=calendar_reset#calendars")
            #expect(try await visitor.get(address).status == .notFound)
            #expect(try await visitor.get(address + "?body=plenary").status == .notFound)
            let renewed = try await signedIn.get("/cese-fr/sittings").text
            let newAddress = try #require(renewed.components(separatedBy: "value=\"http://hemicycle.test").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
            #expect(newAddress != address && newAddress.hasPrefix("/cese-fr/calendar/\(seatID)-"))
            #expect(try await visitor.get(newAddress).status == .ok)
        }
    }

    /// A ballot opened during a sitting belongs to it: the quorum from its attendance must be reached, and a member
    /// holding a proxy casts the giver's vote once, shown as such in the tally and the exports.
    @Test(arguments: TestDatabase.kinds)
    func aBallotAtASittingNeedsItsQuorumAndCountsAProxyOnce(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let now = site.clock.now().timeIntervalSince1970
            try await site.works.move(id: preparing.id, councilID: france.id, to: "on_plenary_agenda", note: nil, accountID: nil, at: now)
            let sittings = SittingRepository(database: site.database)
            let sittingID = try await sittings.create(councilID: france.id, SittingFields(
                body: "plenary", commissionID: nil, startsAt: now - 1_800, endsAt: now + 3 * 3_600, place: "Hémicycle", remoteURL: nil), at: now)
            let base = "/cese-fr/works/\(preparing.id)"
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // No attendance recorded: the quorum is not reached, and the vote does not open.
            let refused = try await staff.post("\(base)/ballots", [("body", "plenary")])
            #expect(refused.status == .conflict && refused.text.contains("Le quorum n’est pas atteint : 0 membres sur"))
            #expect(try await site.ballots.all(workID: preparing.id).isEmpty)

            let seats = try await site.memberships.all(councilID: france.id).filter(\.sits)
            let holder = try #require(seats.first { $0.email == "membre3@cese-fr.example" })
            let giver = try #require(seats.first { $0.email == "membre4@cese-fr.example" })
            let bystander = try #require(seats.first { $0.email == "membre5@cese-fr.example" })
            var attendance = seats.filter { $0.id != giver.id }.prefix(seats.count / 2 + 1).map { ("attendance_\($0.id)", "present") }
            attendance.append(("attendance_\(giver.id)", "excused"))
            attendance.append(("attendance_\(holder.id)", "present"))
            #expect(try await staff.post("/cese-fr/sittings/\(sittingID)/attendance", attendance).status == .seeOther)
            #expect(try await staff.post("/cese-fr/sittings/\(sittingID)/proxies", [("giver", "\(giver.id)"), ("holder", "\(holder.id)")]).status
                == .seeOther)
            #expect(try await staff.post("\(base)/ballots", [("body", "plenary")]).status == .seeOther)
            let ballot = try #require(try await site.ballots.all(workID: preparing.id).last)
            #expect(ballot.sittingId == sittingID)

            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn(holder.email)
            #expect(try await member.get(base).text.contains("Votre vote pour \(giver.displayName), qui vous a donné délégation"))
            let vote = "\(base)/ballots/\(ballot.id)/vote"
            #expect(try await member.post(vote, [("choice", "for")]).status == .seeOther)
            // Only the holder casts the giver's vote, once; no one casts the vote of a member who gave none.
            let other = Visitor(client)
            try await other.signIn(bystander.email)
            #expect(try await other.post(vote, [("choice", "against"), ("for", "\(giver.id)")]).status == .forbidden)
            #expect(try await member.post(vote, [("choice", "against"), ("for", "\(bystander.id)")]).status == .forbidden)
            #expect(try await member.post(vote, [("choice", "against"), ("for", "\(giver.id)")]).status == .seeOther)
            #expect(try await member.post(vote, [("choice", "for"), ("for", "\(giver.id)")]).status == .conflict)
            let absent = Visitor(client)
            try await absent.signIn(giver.email)
            #expect(try await absent.post(vote, [("choice", "for")]).status == .conflict)
            let voters = try await site.ballots.voters(ballotID: ballot.id)
            #expect(voters.first { $0.membershipID == giver.id }?.choice == "against" && voters.first { $0.membershipID == giver.id }?.castBy == holder.id)
            #expect(voters.filter { $0.choice != nil }.count == 2)

            // During the sitting, the secretariat records a vote given for this ballot only, never for another's.
            let present = Set(attendance.filter { $0.1 == "present" }.map(\.0))
            let away = try #require(seats.first { !present.contains("attendance_\($0.id)") && $0.id != giver.id && $0.id != holder.id })
            let carrier = try #require(seats.first { present.contains("attendance_\($0.id)") && ![holder.id, giver.id].contains($0.id) })
            let proxies = "/cese-fr/sittings/\(sittingID)/proxies"
            #expect(try await staff.post(proxies, [("giver", "\(away.id)"), ("holder", "\(carrier.id)"), ("ballot", "999999")]).status == .unprocessableContent)
            #expect(try await member.post(proxies, [("giver", "\(holder.id)"), ("holder", "\(carrier.id)"), ("ballot", "\(ballot.id)")]).status
                == .conflict)
            #expect(try await staff.post(proxies, [("giver", "\(away.id)"), ("holder", "\(carrier.id)"), ("ballot", "\(ballot.id)")]).status == .seeOther)
            #expect(try await staff.get("/cese-fr/sittings/\(sittingID)").text.contains("\(away.displayName) a donné délégation de vote à \(carrier.displayName) pour un seul vote"))
            let carrying = Visitor(client)
            try await carrying.signIn(carrier.email)
            #expect(try await carrying.post(vote, [("choice", "abstain"), ("for", "\(away.id)")]).status == .seeOther)
            #expect(try await site.ballots.voters(ballotID: ballot.id).first { $0.membershipID == away.id }?.castBy == carrier.id)

            #expect(try await staff.post("\(base)/ballots/\(ballot.id)/close", []).status == .seeOther)
            let page = try await member.get(base).text
            #expect(page.contains("Dont 2 votes exprimés par délégation.") && page.contains("par délégation, exprimé par \(holder.displayName)"))
            #expect(page.contains("/cese-fr/sittings/\(sittingID)"))
            let csv = try await member.get("\(base)/votes.csv").text
            #expect(csv.hasPrefix("ballot,subject,body,opened_at,closed_at,result,member,group,choice,cast_by_proxy_holder"))
            #expect(csv.split(separator: "\n").contains { $0.contains(giver.displayName) && $0.contains(",against,\(holder.displayName)") })
            #expect(try await member.get("\(base)/akoma-ntoso.xml").text.contains("byProxy=\"2\""))
        }
    }

    /// Minutes: drafted by the secretariat and read by the council's people, approved at a later sitting of the same
    /// body, then published and read as the sitting is.
    @Test(arguments: TestDatabase.kinds)
    func minutesAreDraftedApprovedAtALaterSittingAndPublished(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let all = try await Self.sittings(site, "cese-fr")
            let june = try #require(all.first { $0.startsAt == 1_782_291_600 })
            let july = try #require(all.first { $0.startsAt == 1_783_513_800 })
            let meeting = try #require(all.first { $0.body == "commission" && $0.startsAt == 1_781_080_200 })
            let visitor = Visitor(client, acceptLanguage: "fr")
            let published = try await visitor.get("/cese-fr/sittings/\(june.id)").text
            #expect(published.contains("Publié") && published.contains("La séance est ouverte à 11 heures"))
            #expect(published.contains("href=\"/cese-fr/sittings/\(july.id)\"") && published.contains("Approuvé lors de : Séance plénière du 8 juil. 2026"))
            #expect(published.contains("Vote sur le texte : La Francophonie contemporaine"))
            // A draft is the council's.
            #expect(!(try await visitor.get("/cese-fr/sittings/\(july.id)").text.contains("est approuvé sans observation")))
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let draft = try await member.get("/cese-fr/sittings/\(july.id)").text
            #expect(draft.contains("est approuvé sans observation") && draft.contains("Projet") && !draft.contains("name=\"body\""))

            // The commission's meeting of 10 June: its minutes, by the secretariat only.
            let base = "/cese-fr/sittings/\(meeting.id)/minutes"
            let text = [("language", "fr"), ("body", "La commission adopte le projet d’avis.\n\nLa réunion est levée à 13 heures.")]
            #expect(try await member.post(base, text).status == .forbidden)
            for email in ["citoyen@hemicycle.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post(base, text).status == .notFound, "\(email)")
            }
            #expect(try await visitor.post(base, text).status == .notFound)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("\(base)/publish", []).status == .conflict)
            #expect(try await staff.post(base, [("language", "fr"), ("body", "  ")]).status == .unprocessableContent)
            #expect(try await staff.post(base, [("language", "xx"), ("body", "Texte")]).status == .unprocessableContent)
            #expect(try await staff.post(base, text).status == .seeOther)
            #expect(try await staff.post("\(base)/publish", []).status == .conflict)
            // Approved at a later meeting of the same commission that has started; never at the plenary, or one to come.
            #expect(try await staff.post("\(base)/approve", [("approved_at", "\(june.id)")]).status == .conflict)
            #expect(try await staff.post("\(base)/approve", [("approved_at", "999999")]).status == .unprocessableContent)
            let sittings = SittingRepository(database: site.database)
            let now = site.clock.now().timeIntervalSince1970
            let later = try await sittings.create(councilID: france.id, SittingFields(
                body: "commission", commissionID: meeting.commissionId, startsAt: now - 7_200, endsAt: now + 3_600, place: "Salle 230", remoteURL: nil), at: now)
            let toCome = try await sittings.create(councilID: france.id, SittingFields(
                body: "commission", commissionID: meeting.commissionId, startsAt: now + 86_400, endsAt: now + 90_000, place: "Salle 230", remoteURL: nil), at: now)
            #expect(try await staff.post("\(base)/approve", [("approved_at", "\(toCome)")]).status == .conflict)
            let page = try await staff.get("/cese-fr/sittings/\(meeting.id)").text
            #expect(page.contains("<option value=\"\(later)\">") && !page.contains("<option value=\"\(toCome)\">"))
            #expect(try await member.post("\(base)/approve", [("approved_at", "\(later)")]).status == .forbidden)
            #expect(try await staff.post("\(base)/approve", [("approved_at", "\(later)")]).status == .seeOther)
            #expect(try await staff.post(base, text).status == .conflict)
            #expect(try await staff.post("\(base)/publish", []).status == .seeOther)
            #expect(try await staff.post("\(base)/publish", []).status == .conflict)
            let minutes = try #require(try await sittings.minutes(sittingID: meeting.id))
            #expect(minutes.status == "published" && minutes.approvedAtSittingId == later && (minutes.publishedAt ?? 0) >= now)
            let shown = try await member.get("/cese-fr/sittings/\(meeting.id)").text
            #expect(shown.contains("<p>La commission adopte le projet d’avis.</p><p>La réunion est levée à 13 heures.</p>"))
        }
    }

    /// Convened, the members called to sit are mailed the convocation with a calendar invitation; a change and the
    /// cancellation follow them, the same event with its sequence raised.
    @Test(arguments: TestDatabase.kinds)
    func membersAreConvenedAndToldOfChangesAndTheCancellation(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let next = try #require(try await Self.sittings(site, "cese-fr").first { $0.body == "plenary" && $0.startsAt > 1_796_029_200 })
            let url = "/cese-fr/sittings/\(next.id)"
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.post("\(url)/status", [("action", "convene")]).status == .forbidden)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("\(url)/status", [("action", "adjourn")]).status == .badRequest)
            #expect(try await staff.post("\(url)/status", [("action", "convene")]).status == .seeOther)
            #expect(try await staff.post("\(url)/status", [("action", "convene")]).status == .conflict)
            let outbox = OutboxRepository(database: site.database)
            let convocations = try await outbox.latest(limit: 1_000).filter { $0.kind == "sitting_convocation" }
            let sitting = try await site.memberships.all(councilID: france.id).filter(\.sits)
            #expect(!convocations.isEmpty && convocations.count <= sitting.count)
            let mine = try #require(convocations.first { $0.recipient == "membre@cese-fr.example" })
            #expect(mine.subject == "Convocation : Séance plénière du 9 déc. 2026")
            #expect(mine.body.contains("Communication de la présidente sur le programme de travail"))
            let invitation = try #require(mine.calendar).replacingOccurrences(of: "\r\n ", with: "")
            #expect(invitation.contains("METHOD:REQUEST\r\n") && invitation.contains("UID:sitting-\(next.id)@hemicycle.test\r\n"))
            #expect(invitation.contains("SEQUENCE:\(next.sequence + 1)\r\n") && invitation.contains("ORGANIZER:mailto:no-reply@"))
            #expect(invitation.contains(":mailto:membre@cese-fr.example\r\n"))
            // Nobody outside the assembly, and no address not yet verified.
            #expect(!convocations.contains { $0.recipient == "secretariat@cese-fr.example" || $0.recipient == "citoyen@hemicycle.example" })

            let moved = [("body", "plenary"), ("commission", ""), ("starts_at", "2026-12-09T15:00"), ("ends_at", "2026-12-09T18:00"),
                         ("place", "Palais d’Iéna, hémicycle"), ("remote_url", "")]
            #expect(try await staff.post(url, moved).status == .seeOther)
            let update = try #require(try await outbox.latest(limit: 1_000).first { $0.kind == "sitting_update" && $0.recipient == "membre@cese-fr.example" })
            #expect(try #require(update.calendar).contains("SEQUENCE:\(next.sequence + 2)\r\n") && update.body.contains("15:00"))
            #expect(try await staff.post("\(url)/status", [("action", "cancel")]).status == .seeOther)
            let cancelled = try #require(try await outbox.latest(limit: 1_000).first { $0.kind == "sitting_cancellation" && $0.recipient == "membre@cese-fr.example" })
            let notice = try #require(cancelled.calendar)
            #expect(notice.contains("METHOD:CANCEL\r\n") && notice.contains("STATUS:CANCELLED\r\n") && notice.contains("SEQUENCE:\(next.sequence + 3)\r\n"))
            #expect(cancelled.subject == "Annulation : Séance plénière du 9 déc. 2026")
            #expect(try await outbox.latest(limit: 1_000).filter { $0.kind == "sitting_cancellation" }.count == convocations.count)
        }
    }

    /// The API shows what the pages show: plenary sittings to everyone, the council's meetings to its people, minutes
    /// as they may be read, never the video link.
    @Test(arguments: TestDatabase.kinds)
    func theAPIShowsWhatThePagesShow(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let all = try await Self.sittings(site, "cese-fr")
            let june = try #require(all.first { $0.startsAt == 1_782_291_600 })
            let july = try #require(all.first { $0.startsAt == 1_783_513_800 })
            let meeting = try #require(all.first { $0.body == "commission" })
            let visitor = Visitor(client)
            let list = try await visitor.get("/api/v1/cese-fr/sittings")
            #expect(list.status == .ok)
            let sittings = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
            #expect(!sittings.isEmpty && sittings.allSatisfy { $0["body"] as? String == "plenary" })
            #expect(!list.text.contains("visio."))
            #expect(try await visitor.get("/api/v1/cese-fr/sittings/\(meeting.id)").status == .notFound)
            let published = try #require(try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/cese-fr/sittings/\(june.id)").text.utf8))
                as? [String: Any])
            #expect((published["minutes"] as? [String: Any])?["status"] as? String == "published" && published["quorumMet"] as? Bool == true)
            #expect((published["proxies"] as? [[String: Any]])?.count == 1 && published["startsAt"] as? String == "2026-06-24T09:00:00Z")
            let draft = try #require(try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/cese-fr/sittings/\(july.id)").text.utf8))
                as? [String: Any])
            #expect(draft["minutes"] == nil)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.get("/api/v1/cese-fr/sittings").text.contains("\"body\":\"commission\""))
            #expect(try await member.get("/api/v1/cese-fr/sittings/\(july.id)").text.contains("\"status\":\"draft\""))
            #expect(try await Visitor(client).get("/api/v1/cese-ma/sittings/\(june.id)").status == .notFound)
        }
    }
}
