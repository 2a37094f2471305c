import Foundation
import HemicycleDomain
import SQLKit

/// The council's synthesis of a closed consultation.
public struct SynthesisRecord: Sendable, Hashable, Decodable {
    public let textFr: String?
    public let textAr: String?
    public let textEn: String?
    public let publishedAt: Double

    public var text: LocalizedText { LocalizedText(fr: textFr, ar: textAr, en: textEn) }

    enum CodingKeys: String, CodingKey {
        case textFr = "text_fr"
        case textAr = "text_ar"
        case textEn = "text_en"
        case publishedAt = "published_at"
    }
}

extension ConsultationRepository {
    public func synthesis(consultationID: Int64) async throws -> SynthesisRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT text_fr, text_ar, text_en, published_at FROM consultation_syntheses WHERE consultation_id = \(bind: consultationID)")
                .decodeFirst(SynthesisRecord.self)
        }
    }

    /// Publishes the synthesis of a consultation closed at `at` (its closing passed, no synthesis yet:
    /// `StoreError.stateChanged` otherwise) and annexes it to the linked work as a contribution, in one transaction.
    public func publishSynthesis(id: Int64, councilID: Int64, text: LocalizedText, by accountID: Int64, delivery: ConventionSittingRepository.Delivery?,
                                 at: Double) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: id, councilID: councilID, on: sql)
            guard try await sql.raw("""
                SELECT id FROM consultations WHERE id = \(bind: id) AND published = \(bind: true) AND closes_at <= \(bind: at)
                """).first() != nil else { throw StoreError.stateChanged }
            try await sql.update("consultations").set("synthesis_published_at", to: at).where("id", .equal, id).run()
            try await sql.insert(into: "consultation_syntheses").columns("consultation_id", "text_fr", "text_ar", "text_en", "published_by", "published_at")
                .values(SQLBind(id), SQLBind(text[.fr]), SQLBind(text[.ar]), SQLBind(text[.en]), SQLBind(accountID), SQLBind(at)).run()
            if let delivery {
                try await Self.checkWork(delivery.workID, councilID: councilID, on: sql)
                try await sql.insert(into: "contributions").columns("work_id", "author", "author_kind", "title", "body", "created_at")
                    .values(SQLBind(delivery.workID), SQLBind(delivery.author), SQLBind("consultation"), SQLBind(delivery.title),
                            SQLBind(delivery.body), SQLBind(at)).run()
            }
        }
    }
}
