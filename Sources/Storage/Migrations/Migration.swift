import SQLKit

/// One append-only change to the schema. Never edit a migration that has shipped: add a new one.
public protocol Migration: Sendable {
    /// Unique, descriptive name (`CreateX`, `UpdateXAddY`), recorded once applied.
    var name: String { get }
    func prepare(on sql: any SQLDatabase) async throws
}

/// Every migration, in the order it runs.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateCouncilsAndPeople(),
        CreateCouncilWork(),
        UpdateWorksAddPlenaryDemand(),
        UpdateMembershipsAddEndedAtAndPublicName(),
        CreateInvitations(),
        CreateThrottleCounters(),
        UpdatePersistAddAccountID(),
        UpdateCosignatoriesAddAcceptedAt(),
        UpdateCouncilsAddTimeZone(),
        CreateAttachments(),
        UpdatePersistEndSessionsWithoutAccount(),
        CreateConventions(),
        CreateConventionDraws(),
        CreateConventionSittings(),
        CreateConventionGroupsAndHearings(),
        CreateConventionStatements(),
        CreateConsultations(),
        CreateConsultationProposalsAndSyntheses(),
        CreatePetitions(),
        CreateConsultationProposalWords(),
        UpdateConsultationsAddVerification(),
        CreateConsultationQuestionnaires(),
        CreateModerationDecisions(),
        CreateNewsPosts(),
        CreateNewsSubscriptions(),
        CreateSiteSearch(),
        UpdateProposalWordsFoldArabicLetters(),
        CreateWorkSubscriptions(),
        UpdateMembershipsAddDuties(),
        UpdateMembershipsAddSeatedAt(),
        UpdateSearchEntriesAddBodies(),
        CreateMissions(),
        CreateAgreements(),
        CreateNetworks(),
        CreatePartnerContributions(),
        CreatePracticeNotes(),
        CreatePracticeNoteText(),
        CreatePracticeRequests(),
        CreateFederation(),
        UpdateMissionsAddAgreement(),
        UpdateCouncilsAddTerm(),
        CreateSittings(),
        UpdateBallotsAddSittingAndProxy(),
        CreateSittingMinutes(),
        UpdateOutboxAddCalendar(),
        CreateBudget(),
        CreateSecretariat(),
        CreateActivityReports(),
        CreateIndicators(),
        UpdateActivityReportsAddFacts(),
        UpdateCouncilsAddSittingRules(),
        UpdateMembershipsAddCalendarGeneration(),
        CreateOParlDeletions(),
    ]
}
