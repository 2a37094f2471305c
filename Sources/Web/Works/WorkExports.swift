import CSVFormat
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A work item as Akoma Ntoso XML (OASIS LegalDocML 3.0) and its votes as CSV.
struct WorkExports {
    let services: WorkServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(WorkPaths.akomaNtoso, use: akomaNtoso)
        council.get(WorkPaths.votesCSV, use: votes)
    }

    @Sendable func akomaNtoso(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await WorkDossier.load(services: services, context: context, extent: .record)
        let council = dossier.council
        let councils = Dictionary(try await services.councils.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let contributions = try await services.partnerContributions.received(workID: dossier.work.id).compactMap { record in
            councils[record.councilId].map { (record: record, council: $0) }
        }
        let xml = AkomaNtoso.document(dossier, language: council.language, groupName: { dossier.groupName($0, language: council.language) },
                                      contributions: contributions)
        return Response(status: .ok, headers: [.contentType: "application/akn+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    @Sendable func votes(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await WorkDossier.load(services: services, context: context, extent: .record)
        let council = dossier.council
        var writer = CSVWriter(header: ["ballot", "subject", "body", "opened_at", "closed_at", "result", "member", "group", "choice", "cast_by_proxy_holder"],
                               neutralisesFormulas: true)
        let iso = ISO8601DateFormatter()
        for ballot in dossier.ballots {
            let subject = ballot.record.amendmentId.flatMap { id in dossier.amendments.first { $0.id == id } }.map { "amendment \($0.number)" } ?? "text"
            let result = ballot.record.adopted.map { $0 ? "adopted" : "rejected" } ?? "open"
            for voter in ballot.voters {
                writer.append([String(ballot.record.id), subject, ballot.record.body, iso.string(from: Date(timeIntervalSince1970: ballot.record.openedAt)),
                               ballot.record.closedAt.map { iso.string(from: Date(timeIntervalSince1970: $0)) } ?? "", result, voter.name,
                               dossier.groupName(voter.groupID, language: council.language), voter.choice ?? "did_not_take_part",
                               voter.choice == nil ? "" : voter.castBy.map { holder in ballot.voters.first { $0.membershipID == holder }?.name ?? "" } ?? ""])
            }
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(council.slug)-work-\(dossier.work.id)-votes.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: writer.text)))
    }
}

/// Akoma Ntoso 3.0: a `doc` whose body holds the parts, chapters, numbered recommendations and paragraphs, with
/// dissent as notes referenced in place, group declarations in the conclusions, the timeline as the lifecycle, and
/// the votes by group in a proprietary block; the contributions partner councils sent are referenced (`TLCReference`,
/// with their council as a `TLCOrganization`) so that the text can cite them.
enum AkomaNtoso {
    static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    static let hemicycleNamespace = "https://hemicycle.example/ns/council-work/1.0"

    static func document(_ dossier: WorkDossier, language: Language, groupName: (Int64?) -> String,
                         contributions: [(record: PartnerContributionRecord, council: Council)] = []) -> String {
        let work = dossier.work
        let day = { (seconds: Double) in String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds)).prefix(10)) }
        let date = day(dossier.events.last { $0.status == "adopted" }?.at ?? work.createdAt)
        let country = dossier.council.country.lowercased()
        let iso639 = ["fr": "fra", "ar": "ara", "en": "eng"][language.rawValue] ?? "fra"
        let uri = "/akn/\(country)/doc/\(work.kind)/\(dossier.council.slug)/\(date)/\(work.id)"
        let title = work.title.resolved(for: language, councilDefault: dossier.council.language)?.text ?? ""
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <akomaNtoso xmlns="\(namespace)" xmlns:hc="\(hemicycleNamespace)">
              <doc name="\(escape(work.kind))">
                <meta>
                  <identification source="#hemicycle">
                    <FRBRWork>
                      <FRBRthis value="\(uri)/!main"/>
                      <FRBRuri value="\(uri)"/>
                      <FRBRdate date="\(date)" name="adoption"/>
                      <FRBRauthor href="#\(escape(dossier.council.slug))"/>
                      <FRBRcountry value="\(country)"/>
                    </FRBRWork>
                    <FRBRExpression>
                      <FRBRthis value="\(uri)/\(iso639)@/!main"/>
                      <FRBRuri value="\(uri)/\(iso639)@"/>
                      <FRBRdate date="\(date)" name="adoption"/>
                      <FRBRauthor href="#\(escape(dossier.council.slug))"/>
                      <FRBRlanguage language="\(iso639)"/>
                    </FRBRExpression>
                    <FRBRManifestation>
                      <FRBRthis value="\(uri)/\(iso639)@/!main.xml"/>
                      <FRBRuri value="\(uri)/\(iso639)@.akn"/>
                      <FRBRdate date="\(date)" name="generation"/>
                      <FRBRauthor href="#hemicycle"/>
                    </FRBRManifestation>
                  </identification>
                  <lifecycle source="#hemicycle">

            """
        for (index, event) in dossier.events.enumerated() {
            xml += "        <eventRef eId=\"evt_\(index + 1)\" date=\"\(day(event.at))\" source=\"#hemicycle\" refersTo=\"#\(escape(event.status))\"/>\n"
        }
        xml += "      </lifecycle>\n      <references source=\"#hemicycle\">\n"
        xml += "        <TLCOrganization eId=\"\(escape(dossier.council.slug))\" href=\"/ontology/organization/\(escape(dossier.council.slug))\" showAs=\"\(escape(dossier.council.name.resolved(for: language, councilDefault: dossier.council.language)?.text ?? dossier.council.slug))\"/>\n"
        xml += "        <TLCOrganization eId=\"hemicycle\" href=\"/ontology/organization/hemicycle\" showAs=\"Hemicycle\"/>\n"
        for council in Dictionary(contributions.map { ($0.council.id, $0.council) }, uniquingKeysWith: { first, _ in first }).values
            .sorted(by: { $0.slug < $1.slug }) where council.id != dossier.council.id {
            let name = council.name.resolved(for: language, councilDefault: council.language)?.text ?? council.slug
            xml += "        <TLCOrganization eId=\"org_\(escape(council.slug))\" href=\"/ontology/organization/\(escape(council.slug))\" showAs=\"\(escape(name))\"/>\n"
        }
        for (index, contribution) in contributions.enumerated() {
            xml += "        <TLCReference eId=\"contribution_\(index + 1)\" name=\"contribution\" href=\"/ontology/contribution/\(escape(contribution.council.slug))/\(contribution.record.id)\" showAs=\"\(escape(contribution.record.title))\"/>\n"
        }
        for status in Set(dossier.events.map(\.status)).sorted() {
            xml += "        <TLCEvent eId=\"\(escape(status))\" href=\"/ontology/event/\(escape(status))\" showAs=\"\(escape(status))\"/>\n"
        }
        xml += "      </references>\n"
        if !dossier.dissents.isEmpty {
            xml += "      <notes source=\"#hemicycle\">\n"
            for (index, dissent) in dossier.dissents.enumerated() {
                xml += "        <note eId=\"dissent_\(index + 1)\" class=\"dissent\"><p><b>\(escape(dissent.holder))</b> — \(escape(dissent.body))</p></note>\n"
            }
            xml += "      </notes>\n"
        }
        xml += "      <proprietary source=\"#hemicycle\">\n        <hc:ballots>\n"
        for ballot in dossier.ballots where !ballot.isOpen {
            let subject = ballot.record.amendmentId.flatMap { id in dossier.amendments.first { $0.id == id } }.map { "amendment-\($0.number)" } ?? "text"
            let counts = ballot.tally.overall
            xml += "          <hc:ballot subject=\"\(subject)\" body=\"\(ballot.record.body)\" result=\"\(ballot.record.adopted == true ? "adopted" : "rejected")\" for=\"\(counts.pour)\" against=\"\(counts.contre)\" abstain=\"\(counts.abstention)\" notTakingPart=\"\(counts.notTakingPart)\" byProxy=\"\(ballot.voters.filter { $0.castBy != nil && $0.choice != nil }.count)\">\n"
            for group in ballot.tally.groups {
                xml += "            <hc:group name=\"\(escape(groupName(Int64(group.group))))\" for=\"\(group.counts.pour)\" against=\"\(group.counts.contre)\" abstain=\"\(group.counts.abstention)\" notTakingPart=\"\(group.counts.notTakingPart)\" position=\"\(group.position.rawValue)\"/>\n"
            }
            xml += "          </hc:ballot>\n"
        }
        xml += "        </hc:ballots>\n      </proprietary>\n    </meta>\n"
        xml += "    <preface>\n      <longTitle><p>\(escape(title))</p></longTitle>\n    </preface>\n    <mainBody>\n"
        if let current = dossier.current {
            let recommendations = current.text.recommendationNumbers, paragraphs = current.text.paragraphNumbers
            var parts = 0, chapters = 0
            for block in current.text.blocks {
                let notes = dossier.dissents.enumerated().filter { $0.element.blockId == block.id }
                    .map { "<noteRef href=\"#dissent_\($0.offset + 1)\" class=\"dissent\"/>" }.joined()
                switch block.kind {
                case .part:
                    parts += 1
                    xml += "      <hcontainer name=\"part\" eId=\"part_\(parts)\"><heading>\(escape(block.text))</heading></hcontainer>\n"
                case .chapter:
                    chapters += 1
                    xml += "      <hcontainer name=\"chapter\" eId=\"chp_\(chapters)\"><heading>\(escape(block.text))</heading></hcontainer>\n"
                case .recommendation:
                    let number = recommendations[block.id] ?? 0
                    xml += "      <hcontainer name=\"recommendation\" eId=\"rec_\(number)\" wId=\"\(escape(block.id))\"><num>\(number)</num><content><p>\(escape(block.text))\(notes)</p></content></hcontainer>\n"
                case .paragraph:
                    let number = paragraphs[block.id] ?? 0
                    xml += "      <paragraph eId=\"para_\(number)\" wId=\"\(escape(block.id))\"><num>\(number)</num><content><p>\(escape(block.text))\(notes)</p></content></paragraph>\n"
                }
            }
        }
        xml += "    </mainBody>\n"
        if !dossier.declarations.isEmpty {
            xml += "    <conclusions>\n"
            for (index, declaration) in dossier.declarations.enumerated() {
                xml += "      <container name=\"groupDeclaration\" eId=\"decl_\(index + 1)\"><p><b>\(escape(groupName(declaration.groupId)))</b></p><p>\(escape(declaration.body))</p></container>\n"
            }
            xml += "    </conclusions>\n"
        }
        xml += "  </doc>\n</akomaNtoso>\n"
        return xml
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
