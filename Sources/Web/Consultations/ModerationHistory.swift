import Foundation
import Storage

/// Moderators' decisions as staff read them: one whole sentence each (when, who, what, why), oldest first.
struct ModerationHistory {
    let pages: Pages
    let format: Formatting

    func sentences(_ records: [ModerationDecisionRecord]?, _ context: AppContext) -> [String] {
        (records ?? []).map { record in
            let arguments = ["time": format.dateTime(Date(timeIntervalSince1970: record.decidedAt)), "name": record.moderator,
                             "reason": record.reason ?? ""]
            return pages.text(Self.key(record.decision, hasReason: record.reason != nil), context, arguments)
        }
    }

    static func key(_ decision: ModerationDecisionRecord.Decision, hasReason: Bool) -> String {
        switch (decision, hasReason) {
        case (.accepted, false): "moderation_history_accepted"
        case (.accepted, true): "moderation_history_accepted_reason"
        case (.rejected, false): "moderation_history_rejected"
        case (.rejected, true): "moderation_history_rejected_reason"
        case (.hidden, false): "moderation_history_hidden"
        case (.hidden, true): "moderation_history_hidden_reason"
        }
    }
}
