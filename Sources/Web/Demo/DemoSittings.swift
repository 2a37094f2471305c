import Foundation
import HemicycleDomain
import Organisation
import Storage

/// The demo's sittings: the French plenary sitting of 24 June 2026 where the avis on contemporary Francophonie was
/// voted (its agenda, attendance from the final ballot, one member from afar, a proxy) and the commission meeting
/// of 10 June that adopted it; sittings to come on weekdays a week or two from the day the demo is loaded: a French
/// plenary sitting (a Wednesday) and commission meeting (a Tuesday), a Moroccan plenary sitting (a Thursday).
struct DemoSittings {
    let site: Site

    /// `hour`:`minute` on the first `weekday` (1 Sunday … 7 Saturday) at least `days` after `now`, in `zone`.
    static func at(_ days: Int, weekday: Int, _ hour: Int, _ minute: Int, from now: Date, in zone: TimeZone) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: now)) ?? now
        while calendar.component(.weekday, from: day) != weekday { day = calendar.date(byAdding: .day, value: 1, to: day) ?? day }
        return (calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day) ?? day).timeIntervalSince1970
    }

    func load() async throws {
        guard let france = try await site.councils.find(slug: "cese-fr"), let morocco = try await site.councils.find(slug: "cese-ma") else { return }
        let sittings = SittingRepository(database: site.database)
        let now = site.clock.now()
        let at = now.timeIntervalSince1970
        let works = try await site.works.all(councilID: france.id)
        let commissions = try await site.commissions.all(councilID: france.id)
        guard let avis = works.first(where: { ($0.title[.fr] ?? "").contains("Francophonie") }),
              let international = commissions.first(where: { ($0.nameFr ?? "").contains("internationales") }) else { return }
        let youth = works.first { ($0.title[.fr] ?? "").hasPrefix("Jeunes et emploi") }
        let accept: @Sendable (SittingRecord) -> String? = { _ in nil }
        let communication = LocalizedText(fr: "Communication de la présidente sur le programme de travail",
                                          ar: "بلاغ الرئيسة حول برنامج العمل", en: "The president’s communication on the work programme")

        // 24 June 2026, 11:00 to 14:00 in Paris: the ballots of the avis (DemoWorks) fall within it.
        let plenary = try await sittings.create(councilID: france.id, SittingFields(
            body: SittingBody.plenary.rawValue, commissionID: nil, startsAt: 1_782_291_600, endsAt: 1_782_302_400,
            place: "Palais d’Iéna, hémicycle", remoteURL: nil), at: at)
        _ = try await sittings.addItem(sittingID: plenary, councilID: france.id, kind: AgendaItemKind.vote.rawValue, workID: avis.id,
                                       title: LocalizedText(), at: at, check: accept)
        _ = try await sittings.addItem(sittingID: plenary, councilID: france.id, kind: AgendaItemKind.communication.rawValue, workID: nil,
                                       title: communication, at: at, check: accept)
        // Who voted on the whole text was there; who did not was excused. One voted from afar; one excused member gave
        // their vote to a member present.
        let ballots = try await site.ballots.all(workID: avis.id)
        if let final = ballots.last(where: { $0.body == "plenary" && $0.amendmentId == nil }) {
            let voters = try await site.ballots.voters(ballotID: final.id)
            var statuses: [Int64: String?] = [:]
            for voter in voters { statuses[voter.membershipID] = voter.choice == nil ? Attendance.excused.rawValue : Attendance.present.rawValue }
            if let remote = voters.first(where: { $0.choice != nil }) { statuses[remote.membershipID] = Attendance.remote.rawValue }
            try await sittings.recordAttendance(sittingID: plenary, councilID: france.id, statuses, at: at, check: accept)
            let present = voters.filter { $0.choice != nil }
            if let giver = voters.first(where: { $0.choice == nil }), let holder = present.dropFirst().first {
                _ = try await sittings.addProxy(sittingID: plenary, councilID: france.id, giver: giver.membershipID, holder: holder.membershipID,
                                                ballotID: nil, at: at) { _, _, _ in nil }
            }
        }
        try await sittings.attachBallots(workID: avis.id, body: "plenary", sittingID: plenary, from: 1_782_291_600, to: 1_782_302_400)
        // 8 July 2026, 14:30 to 17:30 in Paris: the next plenary sitting approves the minutes of 24 June, then published.
        let july = try await sittings.create(councilID: france.id, SittingFields(
            body: SittingBody.plenary.rawValue, commissionID: nil, startsAt: 1_783_513_800, endsAt: 1_783_524_600,
            place: "Palais d’Iéna, hémicycle", remoteURL: nil), at: at)
        _ = try await sittings.addItem(sittingID: july, councilID: france.id, kind: AgendaItemKind.other.rawValue, workID: nil,
                                       title: LocalizedText(fr: "Approbation du procès-verbal de la séance du 24 juin 2026", ar: nil,
                                                            en: "Approval of the minutes of the sitting of 24 June 2026"), at: at, check: accept)
        try await sittings.writeMinutes(sittingID: plenary, councilID: france.id, language: "fr", body: Self.juneMinutes, at: at) { _ in nil }
        try await sittings.moveMinutes(sittingID: plenary, councilID: france.id, to: MinutesStatus.approved.rawValue, approvedAt: july, at: at) { _ in nil }
        try await sittings.moveMinutes(sittingID: plenary, councilID: france.id, to: MinutesStatus.published.rawValue, at: at) { _ in nil }
        try await sittings.writeMinutes(sittingID: july, councilID: france.id, language: "fr", body: Self.julyMinutes, at: at) { _ in nil }

        // 10 June 2026, 10:30 to 13:30 in Paris: the commission adopts the avis.
        let meeting = try await sittings.create(councilID: france.id, SittingFields(
            body: SittingBody.commission.rawValue, commissionID: international.id, startsAt: 1_781_080_200, endsAt: 1_781_091_000,
            place: "Palais d’Iéna, salle 230", remoteURL: "https://visio.cese-fr.example/affaires-internationales"), at: at)
        _ = try await sittings.addItem(sittingID: meeting, councilID: france.id, kind: AgendaItemKind.vote.rawValue, workID: avis.id,
                                       title: LocalizedText(), at: at, check: accept)
        try await sittings.attachBallots(workID: avis.id, body: "commission", sittingID: meeting, from: 1_781_080_200, to: 1_781_091_000)
        if let ballot = ballots.first(where: { $0.body == "commission" }) {
            let voters = try await site.ballots.voters(ballotID: ballot.id)
            var statuses: [Int64: String?] = [:]
            for voter in voters { statuses[voter.membershipID] = voter.choice == nil ? Attendance.absent.rawValue : Attendance.present.rawValue }
            try await sittings.recordAttendance(sittingID: meeting, councilID: france.id, statuses, at: at, check: accept)
        }

        // To come: a plenary sitting in a week, the labour commission's meeting on the avis in preparation in a fortnight.
        let paris = france.zone
        let next = try await sittings.create(councilID: france.id, SittingFields(
            body: SittingBody.plenary.rawValue, commissionID: nil, startsAt: Self.at(7, weekday: 4, 14, 30, from: now, in: paris),
            endsAt: Self.at(7, weekday: 4, 18, 0, from: now, in: paris), place: "Palais d’Iéna, hémicycle", remoteURL: nil), at: at)
        _ = try await sittings.addItem(sittingID: next, councilID: france.id, kind: AgendaItemKind.communication.rawValue, workID: nil,
                                       title: communication, at: at, check: accept)
        if let youth, let labour = youth.commissionId {
            let examination = try await sittings.create(councilID: france.id, SittingFields(
                body: SittingBody.commission.rawValue, commissionID: labour, startsAt: Self.at(14, weekday: 3, 9, 30, from: now, in: paris),
                endsAt: Self.at(14, weekday: 3, 12, 30, from: now, in: paris), place: "Palais d’Iéna, salle 110", remoteURL: nil), at: at)
            _ = try await sittings.addItem(sittingID: examination, councilID: france.id, kind: AgendaItemKind.examination.rawValue, workID: youth.id,
                                           title: LocalizedText(), at: at, check: accept)
            _ = try await sittings.addItem(sittingID: examination, councilID: france.id, kind: AgendaItemKind.hearing.rawValue, workID: nil,
                                           title: LocalizedText(fr: "Audition de la présidente du réseau des missions locales rurales", ar: nil,
                                                                en: "Hearing of the chair of the network of rural youth employment centres"),
                                           at: at, check: accept)
        }
        let rabat = morocco.zone
        let moroccan = try await sittings.create(councilID: morocco.id, SittingFields(
            body: SittingBody.plenary.rawValue, commissionID: nil, startsAt: Self.at(10, weekday: 5, 10, 0, from: now, in: rabat),
            endsAt: Self.at(10, weekday: 5, 13, 0, from: now, in: rabat), place: "مقر المجلس، الرباط", remoteURL: nil), at: at)
        _ = try await sittings.addItem(sittingID: moroccan, councilID: morocco.id, kind: AgendaItemKind.communication.rawValue, workID: nil,
                                       title: LocalizedText(fr: "Présentation du rapport annuel", ar: "تقديم التقرير السنوي", en: "Presentation of the annual report"),
                                       at: at, check: accept)
    }

    static let juneMinutes = """
        La séance est ouverte à 11 heures sous la présidence de la présidente du Conseil.

        Le Conseil examine le projet d’avis « La Francophonie contemporaine : un atout pour la France et ses partenaires », présenté par la rapporteure au nom de la commission Affaires européennes et internationales. Trois amendements sont mis aux voix ; le texte consolidé est adopté.

        Les groupes UNSA et Entreprises déposent une déclaration ; le groupe Alternatives sociales et écologiques exprime une position divergente sur la deuxième préconisation.

        La présidente présente le programme de travail du second semestre. La séance est levée à 13 h 45.
        """

    static let julyMinutes = """
        La séance est ouverte à 14 h 30. Le procès-verbal de la séance du 24 juin 2026 est approuvé sans observation.
        """
}
