/// Reports how far a long computation has gone: the stage (in English, for a terminal) and the fraction of it done,
/// from 0 to 1. Called from the computing thread; keep it cheap.
public typealias OpinionMapProgress = @Sendable (_ stage: String, _ fraction: Double) -> Void
