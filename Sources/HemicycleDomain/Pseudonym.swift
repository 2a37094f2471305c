/// What replaces personal data when an account is deleted.
public enum Pseudonym {
    /// The display name kept on public records of a deleted account.
    public static func displayName(accountID: Int64) -> String { "#\(accountID)" }

    /// An address that can never receive mail and never collides with a real one.
    public static func email(accountID: Int64) -> String { "deleted-\(accountID)@invalid" }
}
