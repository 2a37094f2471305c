import Organisation
import Storage

extension Council {
    /// The council's standing rules for its sittings, as its administrators set them.
    var sittingRules: CouncilSittingRules {
        CouncilSittingRules(stored: proxiesHeld, quorum: quorum, countsProxies: quorumCountsProxies)
    }
}
