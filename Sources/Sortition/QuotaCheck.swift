import LinearSolvers

/// Whether some panel of the pool meets every quota together, as the engine finds it before a lottery: one solve of
/// the panel model, not the lottery. Counts alone miss quotas that conflict through the people who hold several
/// values at once (enough women and enough young people, but too few young women).
public enum QuotaCheck {
    /// Returns when a panel exists; throws `.infeasibleQuotas` with a smallest set of categories whose quotas conflict
    /// and the smallest relaxation that lets a panel exist, `.impossible` for a pool smaller than the panel, or
    /// `.invalidInstance`.
    public static func check(_ instance: SortitionInstance, backend: any SolverBackend = COINOR()) throws(SortitionError) {
        try Feasibility.check(instance, profiles: Profiles(instance), backend: backend)
    }
}
