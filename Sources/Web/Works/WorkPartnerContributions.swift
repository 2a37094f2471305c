import Cooperation
import CouncilWork
import Foundation
import HemicycleDomain
import Storage

extension WorkRoutes {
    /// The contributions partner councils sent to the work, with their provenance (the council, who in its bureau
    /// sent them, when) and, for the council's secretariat or bureau, the button that acknowledges them.
    func receivedContributions(_ dossier: WorkDossier, context: AppContext) async throws -> [ReceivedContribution] {
        var received = try await services.partnerContributions.receivedWithSenders(workID: dossier.work.id)
        guard !received.isEmpty else { return [] }
        let actor = try context.inCouncil().actor
        // A partner reading the work before its publication sees what its own council sent, not what others did.
        if !WorkRules.maySee(dossier.status, by: actor) {
            var own: Set<Int64> = []
            if let account = context.account { own = Set(try await services.memberships.all(accountID: account.id).map(\.councilId)) }
            received = received.filter { own.contains($0.record.councilId) }
        }
        let format = Formatting(language: context.language, council: dossier.council)
        var councils: [Int64: Council] = [:]
        for council in try await services.councils.all() { councils[council.id] = council }
        return received.compactMap { record, senderName in
            guard let sender = councils[record.councilId] else { return nil }
            let status = ContributionStatus(rawValue: record.status) ?? .sent
            let date = format.date(Date(timeIntervalSince1970: record.sentAt ?? record.createdAt))
            return ReceivedContribution(
                council: pages.localized(sender.name, context.language, councilDefault: sender.language),
                councilURL: PartnerPaths.item.url(dossier.council.slug, sender.slug), title: record.title, body: record.body,
                sent: pages.text("contribution_sent_by", context, ["date": date, "name": senderName ?? "—"]),
                acknowledged: record.acknowledgedAt.map { pages.text("contribution_acknowledged_on", context, ["date": format.date(Date(timeIntervalSince1970: $0))]) },
                acknowledgeAction: ContributionRules.decide(.acknowledge, by: actor, status: status, isOpen: false).isAllowed
                    ? ContributionPaths.acknowledge.url(dossier.council.slug, dossier.work.id, record.id) : nil)
        }
    }
}
