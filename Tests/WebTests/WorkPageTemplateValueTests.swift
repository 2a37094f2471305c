import Testing
@testable import Web

/// The work item's page writes its own template value (`TemplateConvertible`); it must be what the generic encoder
/// makes of the same model, member for member, with every optional present and with every one absent.
@Suite struct WorkPageTemplateValueTests {
    @Test(arguments: [true, false])
    func theHandWrittenValueIsWhatTheEncoderGives(optionalsPresent: Bool) throws {
        let page = Self.page(optionalsPresent)
        let generic = try TemplateEncoder.encode(page)
        let written = try page.templateValue()
        #expect(Self.normalized(written) == Self.normalized(generic))
        // The comparison is not empty: rows and their optional members are there (or not) as the model says.
        let ballot = try #require(written.member("ballots")?.items?.first)
        #expect(ballot.member("members")?.items?.count == 2)
        #expect((ballot.member("closing") != nil) == optionalsPresent)
        #expect((written.member("actions") != nil) == optionalsPresent)
    }

    @Test func aChangedMemberIsNoticed() throws {
        let page = Self.page(true)
        var written = Self.normalized(try page.templateValue())
        guard case .object(var members) = written else { Issue.record("not an object"); return }
        members["hasBallots"] = .bool(false)
        written = .object(members)
        #expect(written != Self.normalized(try TemplateEncoder.encode(page)))
    }

    /// `.fields` objects as dictionaries, all the way down, so that both ways compare.
    static func normalized(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .object, .fields: .object((value.members ?? [:]).mapValues(normalized))
        case .list(let items): .list(items.map(normalized))
        default: value
        }
    }

    static func page(_ present: Bool) -> WorkPage {
        func some(_ text: String) -> String? { present ? text : nil }
        let localized = LocalizedView(text: "Avis", lang: "fr", dir: "ltr", fallback: present, fallbackNote: some("note"), missing: false)
        let option = SelectOption(value: "1", label: "Un", selected: present)
        return WorkPage(
            work: WorkPage.Summary(
                id: 7, url: "/cese-fr/works/7", title: localized, kind: "Avis", status: "Publié", statusCode: "published",
                referral: "Saisine", procedure: "Ordinaire", created: "1 janv. 2026", reference: some("R-1"), petitionURL: some("https://p"),
                deadline: some("2 janv."), late: present, amendmentDeadline: some("3 janv."), plenaryDemandDeadline: some("4 janv."),
                commission: present ? localized : nil, commissionURL: some("/c"), summary: present ? localized : nil),
            timeline: [WorkPage.TimelineRow(label: "Déposé", date: "1 janv.", note: some("n"), by: some("Nadia"), milestone: present,
                                            deadline: !present, sort: 1.5)],
            links: WorkPageForms.Links(amendments: "a", ballots: "b", demandPlenary: "c", move: "d", rapporteurs: "e", versions: "f",
                                       amendmentDeadline: "g", consolidate: "h", hearings: "i", contributions: "j", declarations: "k",
                                       dissents: "l"),
            contentLang: "fr", contentDir: "ltr", hasText: true,
            text: [WorkPage.Block(id: "b1", text: "Texte", isPart: present, isChapter: false, isRecommendation: !present, isParagraph: false,
                                  recommendation: some("R1"), number: some("1"),
                                  dissents: [WorkPage.Dissent(holder: "UNSA", body: "Contre")])],
            versionLabel: some("Version 2"), hasVersions: present,
            versions: [WorkPage.Version(label: "Version 1", date: "1 janv.", note: some("n"), compareURL: some("/compare"))],
            hasAmendments: true,
            amendmentSets: [WorkPage.AmendmentSet(version: "Version 1", rows: [
                WorkPage.Amendment(
                    id: 3, number: "1", heading: "Amendement 1", operation: "Remplacer", target: "§ 1", anchor: "b1", status: "Déposé",
                    statusCode: "tabled", justification: "Parce que", tabledBy: "Nadia", open: present, passage: some("ancien"),
                    newText: some("nouveau"), cosignedBy: some("Paul"), opinion: some("favorable"), conflict: some("1"),
                    votingRank: some("1er"), decideURL: some("/decide"), mayWithdraw: present, mayJudge: !present, mayGiveOpinion: present,
                    mayOpenBallot: present, ballotBody: some("plenary"), mayCosign: present, cosignURL: some("/cosign")),
            ], hasRows: true, hasConflicts: present)],
            hasBallots: true,
            ballots: [WorkPage.Ballot(
                id: 9, title: "Vote sur le texte", open: !present, opening: "Ouvert", closing: some("Clos"), result: some("Adopté"),
                adopted: present, noQuorum: !present, pour: "2", contre: "1", abstention: "0", absent: "3", cast: "3", eligible: "6",
                groups: [WorkPage.Ballot.Group(group: "UNSA", pour: "1", contre: "0", abstention: "0", absent: "1", position: "Pour")],
                members: [WorkPage.Ballot.Voter(name: "Nadia", group: "UNSA", choice: "Pour", proxy: some("par délégation")),
                          WorkPage.Ballot.Voter(name: "Paul", group: "", choice: "Contre", proxy: nil)],
                chart: "<svg/>", voteURL: "/vote", closeURL: "/close", myVote: some("Pour"), mayVote: present, mayClose: !present,
                sitting: some("Séance"), sittingURL: some("/s"), byProxy: some("Dont 1"),
                proxyVotes: present ? [WorkPage.Ballot.ProxyVote(giver: 4, legend: "Pour Paul")] : [])],
            hasRapporteurs: present, rapporteurs: [WorkPage.NameAndGroup(name: "Nadia", group: "UNSA")],
            hasDeclarations: present, declarations: [WorkPage.Declaration(group: "UNSA", body: "Déclaration")],
            hasHearings: present, hearings: [WorkPage.Hearing(person: "Expert", date: "1 janv.", capacity: some("Économiste"), notes: some("n"))],
            hasContributions: present,
            contributions: [WorkPage.Contribution(author: "CESE Maroc", kind: "Partenaire", title: "Contribution", body: "Texte", date: "1 janv.")],
            hasDocuments: present,
            documents: [WorkPage.Document(title: "Annexe", url: "/a", details: "PDF", deleteURL: some("/delete"))],
            documentForm: present ? WorkPage.DocumentForm(action: "/upload", accept: ".pdf", limit: "10 Mo") : nil,
            hideDocuments: !present,
            exports: [WorkPage.Link(label: "JSON", url: "/api")],
            actions: present ? WorkPageForms(
                moves: [WorkPageForms.Move(value: "assigned", label: "Attribuer", assign: true, delay: false, commissions: [option])],
                hasRapporteurCandidates: true, rapporteurCandidates: [option], draft: WorkPageForms.Draft(markup: "# Titre"), manage: true,
                amendmentDeadline: WorkPageForms.AmendmentDeadline(value: "2026-01-01T12:00"), consolidate: true,
                ballotOnText: WorkPageForms.BallotOnText(body: "plenary", title: "Vote"), record: true, mayRecordHearing: true,
                mayRecordDeclaration: false, groups: [option], hasBlocks: true, blocks: [option], demandPlenary: true,
                table: WorkPageForms.Table(blocks: [option], operations: [option], values: ["anchor": "b1"], cosigners: [option],
                                           error: "Erreur")) : nil)
    }
}
