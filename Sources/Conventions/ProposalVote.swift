/// How the convention votes on one of its proposals, and what its members' ballots decide.
///
/// A proposal is drafted (by a working group), amended while it is a draft, then put to the vote of the whole
/// convention: yes / no / abstention with the adoption threshold set for that vote, or majority judgment on the scale
/// of verbal grades with the grade the proposal must reach. The vote closes with its result, which never changes after.
public enum ProposalMethod: Sendable, Equatable {
    case yesNo(ThresholdVote.Rule)
    /// Adopted when the majority grade is `adoptionGrade` or better (0 the best of `GradeScale.grades`).
    case majorityJudgment(adoptionGrade: Int)

    public var isValid: Bool {
        switch self {
        case .yesNo(let rule): rule.isValid
        case .majorityJudgment(let grade): GradeScale.grades.indices.contains(grade)
        }
    }
}

/// The verbal grades of majority judgment, from the best to the worst, as Balinski and Laraki's ballots list them;
/// each is a key of the locale files (`convention_grade_<key>`).
public enum GradeScale {
    public static let grades = ["excellent", "very_good", "good", "acceptable", "poor", "reject"]
}

/// Where a proposal stands.
public enum ProposalStatus: String, Sendable, CaseIterable, Codable {
    /// Written and amended; not yet put to the vote.
    case draft
    /// The convention's members vote; each may change their ballot until the vote closes.
    case open
    /// The vote is over and its result recorded.
    case closed
}

/// One member's ballot: a choice for a yes / no vote, a grade for majority judgment.
public enum ProposalBallot: Sendable, Equatable {
    case choice(ThresholdVote.Choice)
    case grade(Int)
}

/// The result of a proposal's vote.
public enum ProposalOutcome: Sendable, Equatable {
    case yesNo(ThresholdVote.Result)
    /// The tally (every seated member who did not vote counted at the worst grade, as Balinski and Laraki advise, so the
    /// result reads against the whole convention), the voters who actually voted, and whether it reached its grade.
    case majorityJudgment(tally: MajorityJudgment.Tally, voted: Int, majorityGrade: Int?, adopted: Bool)

    public var adopted: Bool {
        switch self {
        case .yesNo(let result): result.adopted
        case .majorityJudgment(_, _, _, let adopted): adopted
        }
    }

    /// Counts `ballots` cast by members of a convention of `members` seated members. Ballots that do not fit the
    /// method (a grade in a yes / no vote) are not counted.
    public static func count(_ ballots: [ProposalBallot], members: Int, method: ProposalMethod) -> ProposalOutcome {
        precondition(method.isValid, "an invalid voting method")
        switch method {
        case .yesNo(let rule):
            let choices = ballots.compactMap { ballot -> ThresholdVote.Choice? in
                if case .choice(let choice) = ballot { return choice } else { return nil }
            }
            return .yesNo(ThresholdVote.count(choices, members: max(members, choices.count), rule: rule))
        case .majorityJudgment(let adoptionGrade):
            var counts = [Int](repeating: 0, count: GradeScale.grades.count)
            var voted = 0
            for case .grade(let grade) in ballots where counts.indices.contains(grade) {
                counts[grade] += 1
                voted += 1
            }
            let tally = MajorityJudgment.Tally(counts: counts).padded(to: max(members, voted))
            // Nobody voted: nothing is adopted on the strength of absent members' worst grades alone.
            let adopted = voted > 0 && MajorityJudgment.isAdopted(tally, threshold: adoptionGrade)
            return .majorityJudgment(tally: tally, voted: voted, majorityGrade: voted > 0 ? tally.majorityGrade : nil, adopted: adopted)
        }
    }
}
