/// The work item's page writes its own template value (`TemplateConvertible`): the rows a published avis repeats
/// (ballots and every member's vote, amendments, the text, the timeline) by hand, the parts shown once through the
/// generic encoder. `WorkPageTemplateValueTests` checks it against `TemplateEncoder` on every kind of page.
extension WorkPage: TemplateConvertible {
    func templateValue() throws -> TemplateValue {
        var page = TemplateFields(capacity: 36)
        page.add("work", try .encoded(work))
        page.add("timeline", try .rows(timeline))
        page.add("links", try .encoded(links))
        page.add("contentLang", .string(contentLang))
        page.add("contentDir", .string(contentDir))
        page.add("hasText", .bool(hasText))
        page.add("text", try .rows(text))
        page.add("versionLabel", .optional(versionLabel))
        page.add("hasVersions", .bool(hasVersions))
        page.add("versions", try .encoded(versions))
        page.add("hasAmendments", .bool(hasAmendments))
        page.add("amendmentSets", try .rows(amendmentSets))
        page.add("hasBallots", .bool(hasBallots))
        page.add("ballots", try .rows(ballots))
        page.add("hasRapporteurs", .bool(hasRapporteurs))
        page.add("rapporteurs", try .encoded(rapporteurs))
        page.add("hasDeclarations", .bool(hasDeclarations))
        page.add("declarations", try .encoded(declarations))
        page.add("hasHearings", .bool(hasHearings))
        page.add("hearings", try .encoded(hearings))
        page.add("hasContributions", .bool(hasContributions))
        page.add("contributions", try .encoded(contributions))
        page.add("hasDocuments", .bool(hasDocuments))
        page.add("documents", try .encoded(documents))
        page.add("documentForm", try .encoded(documentForm))
        page.add("hideDocuments", .bool(hideDocuments))
        page.add("exports", try .encoded(exports))
        page.add("actions", try .encoded(actions))
        page.add("consultations", try .encoded(consultations))
        page.add("hasConsultations", .bool(hasConsultations))
        page.add("news", try .encoded(news))
        page.add("hasNews", .bool(hasNews))
        if let follow { page.add("follow", try .encoded(follow)) }
        page.add("partnerContributions", try .encoded(partnerContributions))
        page.add("hasPartnerContributions", .bool(hasPartnerContributions))
        return page.value
    }
}

extension WorkPage.TimelineRow: TemplateConvertible {
    func templateValue() -> TemplateValue {
        var row = TemplateFields(capacity: 7)
        row.add("label", .string(label))
        row.add("date", .string(date))
        row.add("note", .optional(note))
        row.add("by", .optional(by))
        row.add("milestone", .bool(milestone))
        row.add("deadline", .bool(deadline))
        row.add("sort", .double(sort))
        return row.value
    }
}

extension WorkPage.Block: TemplateConvertible {
    func templateValue() throws -> TemplateValue {
        var block = TemplateFields(capacity: 9)
        block.add("id", .string(id))
        block.add("text", .string(text))
        block.add("isPart", .bool(isPart))
        block.add("isChapter", .bool(isChapter))
        block.add("isRecommendation", .bool(isRecommendation))
        block.add("isParagraph", .bool(isParagraph))
        block.add("recommendation", .optional(recommendation))
        block.add("number", .optional(number))
        block.add("dissents", try .rows(dissents))
        return block.value
    }
}

extension WorkPage.Dissent: TemplateConvertible {
    func templateValue() -> TemplateValue {
        .fields([TemplateField(name: "holder", value: .string(holder)), TemplateField(name: "body", value: .string(body))])
    }
}

extension WorkPage.AmendmentSet: TemplateConvertible {
    func templateValue() throws -> TemplateValue {
        .fields([
            TemplateField(name: "version", value: .string(version)), TemplateField(name: "rows", value: try .rows(rows)),
            TemplateField(name: "hasRows", value: .bool(hasRows)), TemplateField(name: "hasConflicts", value: .bool(hasConflicts)),
        ])
    }
}

extension WorkPage.Amendment: TemplateConvertible {
    func templateValue() -> TemplateValue {
        var row = TemplateFields(capacity: 26)
        row.add("id", .int(Int(id)))
        row.add("number", .string(number))
        row.add("heading", .string(heading))
        row.add("operation", .string(operation))
        row.add("target", .string(target))
        row.add("anchor", .string(anchor))
        row.add("status", .string(status))
        row.add("statusCode", .string(statusCode))
        row.add("justification", .string(justification))
        row.add("tabledBy", .string(tabledBy))
        row.add("open", .bool(open))
        row.add("passage", .optional(passage))
        row.add("newText", .optional(newText))
        row.add("cosignedBy", .optional(cosignedBy))
        row.add("opinion", .optional(opinion))
        row.add("conflict", .optional(conflict))
        row.add("votingRank", .optional(votingRank))
        row.add("decideURL", .optional(decideURL))
        row.add("mayWithdraw", .bool(mayWithdraw))
        row.add("mayJudge", .bool(mayJudge))
        row.add("mayGiveOpinion", .bool(mayGiveOpinion))
        row.add("mayOpenBallot", .bool(mayOpenBallot))
        row.add("ballotBody", .optional(ballotBody))
        row.add("mayCosign", .bool(mayCosign))
        row.add("cosignURL", .optional(cosignURL))
        return row.value
    }
}

extension WorkPage.Ballot: TemplateConvertible {
    func templateValue() throws -> TemplateValue {
        var ballot = TemplateFields(capacity: 27)
        ballot.add("id", .int(Int(id)))
        ballot.add("title", .string(title))
        ballot.add("open", .bool(open))
        ballot.add("opening", .string(opening))
        ballot.add("closing", .optional(closing))
        ballot.add("result", .optional(result))
        ballot.add("adopted", .bool(adopted))
        ballot.add("noQuorum", .bool(noQuorum))
        ballot.add("pour", .string(pour))
        ballot.add("contre", .string(contre))
        ballot.add("abstention", .string(abstention))
        ballot.add("absent", .string(absent))
        ballot.add("cast", .string(cast))
        ballot.add("eligible", .string(eligible))
        ballot.add("groups", try .rows(groups))
        ballot.add("members", try .rows(members))
        ballot.add("chart", .string(chart))
        ballot.add("voteURL", .string(voteURL))
        ballot.add("closeURL", .string(closeURL))
        ballot.add("myVote", .optional(myVote))
        ballot.add("mayVote", .bool(mayVote))
        ballot.add("mayClose", .bool(mayClose))
        ballot.add("sitting", .optional(sitting))
        ballot.add("sittingURL", .optional(sittingURL))
        ballot.add("byProxy", .optional(byProxy))
        ballot.add("proxyVotes", try .rows(proxyVotes))
        return ballot.value
    }
}

extension WorkPage.Ballot.Group: TemplateConvertible {
    func templateValue() -> TemplateValue {
        .fields([
            TemplateField(name: "group", value: .string(group)), TemplateField(name: "pour", value: .string(pour)),
            TemplateField(name: "contre", value: .string(contre)), TemplateField(name: "abstention", value: .string(abstention)),
            TemplateField(name: "absent", value: .string(absent)), TemplateField(name: "position", value: .string(position)),
        ])
    }
}

extension WorkPage.Ballot.Voter: TemplateConvertible {
    func templateValue() -> TemplateValue {
        var fields = [
            TemplateField(name: "name", value: .string(name)), TemplateField(name: "group", value: .string(group)),
            TemplateField(name: "choice", value: .string(choice)),
        ]
        // As the encoder does: an absent value is no field.
        if let proxy { fields.append(TemplateField(name: "proxy", value: .string(proxy))) }
        return .fields(fields)
    }
}

extension WorkPage.Ballot.ProxyVote: TemplateConvertible {
    func templateValue() -> TemplateValue {
        .fields([TemplateField(name: "giver", value: .int(Int(giver))), TemplateField(name: "legend", value: .string(legend))])
    }
}
