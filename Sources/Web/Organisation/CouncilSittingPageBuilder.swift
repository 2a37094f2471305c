import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A sitting's page: when and where, its agenda, who votes and whether they took part, the proxies and the quorum, and
/// for the secretariat the forms that keep them.
struct CouncilSittingPageBuilder {
    let services: CouncilSittingServices
    let pages: Pages

    func page(_ request: Request, _ context: AppContext, scope: CouncilScope, sitting: SittingRecord, error: String?,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = scope.council, language = context.language, slug = council.slug
        let format = Formatting(language: language, council: council)
        let now = services.clock.now().timeIntervalSince1970
        let body = SittingBody(rawValue: sitting.body) ?? .plenary
        let state = SittingStatus(rawValue: sitting.status) ?? .planned
        let times = SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)
        let keeps = SittingRules.decide(scope.actor, .keep).isAllowed
        let commissions = try await services.commissions.all(councilID: council.id)
        let names = Dictionary(commissions.map { ($0.id, pages.localized($0.name, language, councilDefault: council.language).text) },
                               uniquingKeysWith: { first, _ in first })
        let works = try await services.works.all(councilID: council.id)
        let workTitles = Dictionary(works.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let open = keeps && SittingRules.mayChange(state).isAllowed

        let items = try await services.sittings.items(sittingID: sitting.id).enumerated().map { index, item in
            let work = item.workId.flatMap { workTitles[$0] }
            return CouncilSittingPage.Item(
                number: index + 1, kind: pages.text("agenda_kind_\(item.kind)", context),
                url: work.map { WorkPaths.item.url(slug, $0.id) },
                title: pages.localized(work?.title ?? item.title, language, councilDefault: council.language),
                deleteAction: open ? CouncilSittingPaths.agendaDelete.url(slug, sitting.id, item.id) : nil)
        }

        let seats = try await services.memberships.all(councilID: council.id, includingEnded: true)
        let voters = try await CouncilSittingVoters.ofSitting(sitting, services: services, councilID: council.id)
        let recorded = try await services.sittings.attendance(sittingID: sitting.id)
        let attendance = recorded.compactMapValues(Attendance.init(rawValue:))
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map {
            ($0.id, pages.localized($0.name, language, councilDefault: council.language).text)
        }, uniquingKeysWith: { first, _ in first })
        let mayRecord = keeps && SittingRules.mayRecordAttendance(state, times: times, now: now).isAllowed
        let voterRows = format.sorted(voters, by: \.displayName).map { seat in
            CouncilSittingPage.Voter(
                id: seat.id, name: seat.displayName, url: CouncilPaths.memberPage(council, seat), group: seat.groupId.flatMap { groups[$0] },
                attendance: attendance[seat.id].map { pages.text("attendance_\($0.rawValue)", context) },
                editable: mayRecord, label: pages.text("sitting_attendance_of", context, ["name": seat.displayName]),
                options: mayRecord ? [SelectOption(value: "", label: pages.text("attendance_unrecorded", context), selected: attendance[seat.id] == nil)]
                    + Attendance.allCases.map {
                        SelectOption(value: $0.rawValue, label: pages.text("attendance_\($0.rawValue)", context), selected: attendance[seat.id] == $0)
                    } : [])
        }

        let proxyRecords = try await services.sittings.proxies(sittingID: sitting.id)
        let proxies = proxyRecords.map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) }
        let voterIDs = Set(voters.map(\.id))
        let seatNames = Dictionary(seats.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let ownSeat = SittingReader.actingSeat(scope).flatMap { seat in voterIDs.contains(seat.id) ? seat : nil }
        let sittingBallots = try await services.sittings.ballots(sittingID: sitting.id)
        let ballotTitle = { (ballot: SittingBallot) -> String in
            let title = pages.localized(ballot.title, language, councilDefault: council.language).text
            return ballot.amendmentNumber.map { pages.text("sitting_ballot_amendment", context, ["number": format.number($0), "title": title]) }
                ?? pages.text("sitting_ballot_text", context, ["title": title])
        }
        let proxyRows = proxyRecords.map { proxy in
            let giver = seatNames[proxy.giverId] ?? "", holder = seatNames[proxy.holderId] ?? ""
            var note: String?
            if attendance[proxy.giverId]?.takesPart == true { note = pages.text("proxy_lapsed_giver_present", context) }
            else if let held = attendance[proxy.holderId], !held.takesPart { note = pages.text("proxy_lapsed_holder_away", context) }
            let mayWithdraw = CouncilSittingProxyRoutes.mayGive(scope: scope, giver: proxy.giverId, state: state, times: times, now: now, ownSeat: ownSeat)
            let sentence = proxy.ballotId.flatMap { id in sittingBallots.first { $0.id == id } }.map {
                pages.text("proxy_sentence_ballot", context, ["giver": giver, "holder": holder, "ballot": ballotTitle($0)])
            } ?? pages.text("proxy_sentence", context, ["giver": giver, "holder": holder])
            return CouncilSittingPage.ProxyRow(sentence: sentence, note: note,
                                        deleteAction: mayWithdraw ? CouncilSittingPaths.proxyDelete.url(slug, sitting.id, proxy.id) : nil)
        }
        let rules = council.sittingRules
        var quorum: String?
        var quorumMet = false
        if !voters.isEmpty && !recorded.isEmpty {
            let count = QuorumCount(voters: voterIDs, attendance: attendance, proxies: proxies, rule: rules.quorum)
            quorumMet = count.isMet
            // Where the rule counts them, members represented by a proxy are among those taking part.
            let counted = count.takingPart + (rules.quorum.countsProxies ? count.represented : 0)
            quorum = pages.plural(count.isMet ? "sitting_quorum_met" : "sitting_quorum_not_met", count: count.required, context, format: format,
                                  ["taking_part": format.number(counted), "voters": format.number(count.voters)])
        }

        // A member gives their own vote before the sitting starts; the secretariat records anyone's until it ends, for
        // the whole sitting or for one of its ballots still open.
        var proxyForm: CouncilSittingPage.ProxyForm?
        let givers: [Membership] = keeps ? voters : (ownSeat.map { [$0] } ?? [])
        if rules.proxy.mostHeld > 0, !givers.isEmpty, CouncilSittingProxyRoutes.mayGive(scope: scope, giver: givers[0].id, state: state, times: times, now: now, ownSeat: ownSeat) {
            proxyForm = CouncilSittingPage.ProxyForm(
                action: CouncilSittingPaths.proxies.url(slug, sitting.id),
                givers: format.sorted(givers, by: \.displayName).map { SelectOption(value: "\($0.id)", label: $0.displayName, selected: false) },
                holders: format.sorted(voters, by: \.displayName).map { SelectOption(value: "\($0.id)", label: $0.displayName, selected: false) },
                ballots: [SelectOption(value: "", label: pages.text("proxy_whole_sitting", context), selected: true)]
                    + (keeps ? sittingBallots.filter { $0.closedAt == nil }.map { SelectOption(value: "\($0.id)", label: ballotTitle($0), selected: false) } : []),
                hasBallots: keeps && sittingBallots.contains { $0.closedAt == nil })
        }
        let agendaForm = open ? CouncilSittingPage.AgendaForm(
            action: CouncilSittingPaths.agenda.url(slug, sitting.id),
            kinds: AgendaItemKind.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("agenda_kind_\($0.rawValue)", context), selected: false) },
            works: [SelectOption(value: "", label: pages.text("agenda_no_work", context), selected: true)]
                + format.sorted(works.map { ($0.id, pages.localized($0.title, language, councilDefault: council.language).text) }, by: \.1)
                .map { SelectOption(value: "\($0.0)", label: $0.1, selected: false) }) : nil

        // The ballots held at the sitting: those of published works for everyone, the others for the council's people.
        let insider = MinutesRules.decide(scope.actor, .read(body, .draft)).isAllowed
        let ballots = sittingBallots.filter { insider || $0.workStatus == "published" }.map { ballot in
            CouncilSittingPage.BallotRow(
                url: WorkPaths.item.url(slug, ballot.workID) + "#ballot-\(ballot.id)",
                title: ballotTitle(ballot),
                result: ballot.closedAt == nil ? pages.text("ballot_is_open", context)
                    : pages.text(ballot.adopted == true ? "ballot_adopted" : "ballot_rejected", context))
        }
        let documents = try await services.attachments.all(councilID: council.id, ownerKind: CouncilSittingServices.documentOwner, ownerID: sitting.id)
            .map { document in
                DocumentLink(document, url: CouncilSittingPaths.document.url(slug, sitting.id, document.id),
                             deleteURL: keeps ? CouncilSittingPaths.documentDelete.url(slug, sitting.id, document.id) : nil,
                             date: format.date(Date(timeIntervalSince1970: document.createdAt)), format: format) { pages.localizer.text($0, language, $1) }
            }
        let minutes = try await minutesView(scope: scope, sitting: sitting, body: body, format: format, names: names, context: context)

        let model = CouncilSittingPage(
            title: CouncilSittingRoutes.title(sitting, commissions: names, format: format, pages: pages, context: context),
            when: CouncilSittingRoutes.when(sitting, format: format), place: sitting.place.isEmpty ? nil : sitting.place,
            // The video link is for those who take part: the council's own people, never the public.
            remoteURL: SittingRules.decide(scope.actor, .see(.commission)).isAllowed ? sitting.remoteUrl : nil,
            status: CouncilSittingRoutes.status(sitting, now: now, pages: pages, context: context), cancelled: state == .cancelled,
            body: sitting.commissionId.flatMap { id in commissions.first { $0.id == id } }.map {
                LinkView(url: CouncilPaths.commission.url(slug, $0.id), label: pages.localized($0.name, language, councilDefault: council.language))
            },
            items: items, hasItems: !items.isEmpty, voters: voterRows, hasVoters: !voterRows.isEmpty,
            votersCount: pages.plural("sitting_voters_count", count: voters.count, context, format: format),
            rules: SittingRulesText.sentences(rules, pages: pages, context: context, format: format),
            quorum: quorum, quorumMet: quorumMet, proxies: proxyRows, hasProxies: !proxyRows.isEmpty,
            ballots: ballots, hasBallots: !ballots.isEmpty, minutes: minutes,
            agendaForm: agendaForm, attendanceAction: mayRecord ? CouncilSittingPaths.attendance.url(slug, sitting.id) : nil, proxyForm: proxyForm,
            documents: documents, hasDocuments: !documents.isEmpty,
            documentForm: keeps && state != .cancelled ? WorkPage.DocumentForm(
                action: CouncilSittingPaths.documents.url(slug, sitting.id), accept: DocumentLink.accept,
                limit: pages.text("document_limit", context, ["size": format.byteCount(Int64(services.uploadLimit))])) : nil,
            editURL: keeps && SittingRules.mayEdit(state, times: times, now: now).isAllowed ? CouncilSittingPaths.edit.url(slug, sitting.id) : nil,
            conveneAction: keeps && SittingRules.mayConvene(state, times: times, now: now).isAllowed ? CouncilSittingPaths.status.url(slug, sitting.id) : nil,
            cancelAction: keeps && SittingRules.mayCancel(state, times: times, now: now).isAllowed ? CouncilSittingPaths.status.url(slug, sitting.id) : nil, error: error, backURL: CouncilSittingPaths.list.url(slug))
        return try await pages.page("sitting", title: model.title, request: request, context: context, council: council, typed: model, status: status)
    }

    /// The minutes as the reader may see them, with the secretariat's forms: the draft to write, the later sittings
    /// of the same body that have started (to record the approval), publication once approved.
    func minutesView(scope: CouncilScope, sitting: SittingRecord, body: SittingBody, format: Formatting, names: [Int64: String],
                     context: AppContext) async throws -> CouncilSittingPage.Minutes? {
        let council = scope.council, slug = council.slug, actor = scope.actor
        let record = try await services.sittings.minutes(sittingID: sitting.id)
        let status = CouncilSittingMinutesRoutes.status(record)
        let keeps = SittingRules.decide(actor, .keep).isAllowed
        let readable = record != nil && MinutesRules.decide(actor, .read(body, status)).isAllowed
        guard keeps || readable else { return nil }
        let now = services.clock.now().timeIntervalSince1970
        var approvedSentence: String?, approvedURL: String?
        if let id = record?.approvedAtSittingId, let approving = try await services.sittings.find(id: id, councilID: council.id) {
            approvedSentence = pages.text("minutes_approved_at", context, [
                "sitting": CouncilSittingRoutes.title(approving, commissions: names, format: format, pages: pages, context: context)])
            approvedURL = CouncilSittingPaths.item.url(slug, approving.id)
        }
        var approveForm: CouncilSittingPage.Minutes.ApproveForm?
        if record != nil, MinutesRules.decide(actor, .approve(status)).isAllowed {
            let times = SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)
            let later = try await services.sittings.all(councilID: council.id, commissionID: sitting.commissionId, body: sitting.body).filter {
                MinutesRules.mayApprove(sitting: (body, sitting.commissionId, times),
                                        at: (body, $0.commissionId, SittingTimes(startsAt: $0.startsAt, endsAt: $0.endsAt),
                                             SittingStatus(rawValue: $0.status) ?? .planned), now: now).isAllowed
            }
            if !later.isEmpty {
                approveForm = .init(action: CouncilSittingPaths.minutesApprove.url(slug, sitting.id), sittings: later.map {
                    SelectOption(value: "\($0.id)", label: CouncilSittingRoutes.title($0, commissions: names, format: format, pages: pages, context: context),
                                 selected: false)
                })
            }
        }
        let language = record.flatMap { Language(rawValue: $0.language) }
        return CouncilSittingPage.Minutes(
            status: pages.text(record == nil ? "minutes_status_none" : "minutes_status_\(status.rawValue)", context),
            paragraphs: readable ? (record?.body ?? "").components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty } : [],
            lang: language?.rawValue, dir: language?.direction, approved: approvedSentence, approvedURL: approvedURL,
            writeForm: MinutesRules.decide(actor, .write(status)).isAllowed ? .init(
                action: CouncilSittingPaths.minutes.url(slug, sitting.id),
                languages: council.publishedLanguages.map {
                    SelectOption(value: $0.rawValue, label: pages.text("language_\($0.rawValue)", context),
                                 selected: (language ?? council.language) == $0)
                }, body: record?.body ?? "") : nil,
            approveForm: approveForm,
            publishAction: record != nil && MinutesRules.decide(actor, .publish(status)).isAllowed ? CouncilSittingPaths.minutesPublish.url(slug, sitting.id) : nil)
    }
}
