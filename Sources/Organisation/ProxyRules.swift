/// A member's vote given to another member of the same body: for the whole sitting, or for one of its ballots.
public struct Proxy: Sendable, Hashable {
    /// The seat that gives its vote.
    public let giver: Int64
    /// The seat that casts it.
    public let holder: Int64
    /// The ballot it is given for; nil: every ballot of the sitting.
    public let ballotID: Int64?

    public init(giver: Int64, holder: Int64, ballotID: Int64? = nil) {
        self.giver = giver
        self.holder = holder
        self.ballotID = ballotID
    }

    /// Whether the two proxies count for some ballot both: either covers the whole sitting, or both name the same one.
    public func overlaps(_ other: Proxy) -> Bool {
        ballotID == nil || other.ballotID == nil || ballotID == other.ballotID
    }
}

/// The council's rule on proxies: how many votes a member may hold besides their own, for any one ballot (none: the
/// council allows no proxies).
public struct ProxyRule: Sendable, Equatable {
    public var mostHeld: Int

    public init(mostHeld: Int) { self.mostHeld = mostHeld }

    /// One proxy at most, as most councils' rules have it.
    public static let standard = ProxyRule(mostHeld: 1)
}

/// Whether a proxy may be given beside those of the sitting, and whose vote each member casts.
public enum ProxyRules {
    /// The first refusal of `new` beside the sitting's `existing` proxies, as the key of its sentence; nil when it may
    /// be recorded. `voters` are the seats of the body that vote at the sitting; `attendance` what is recorded so far.
    public static func problem(_ new: Proxy, existing: [Proxy], voters: Set<Int64>, attendance: [Int64: Attendance], rule: ProxyRule) -> String? {
        guard voters.contains(new.giver), voters.contains(new.holder) else { return "proxy_error_not_voter" }
        if rule.mostHeld < 1 { return "proxy_error_not_allowed" }
        if new.giver == new.holder { return "proxy_error_self" }
        // A member who takes part votes themselves; a member away cannot carry anyone's vote.
        if attendance[new.giver]?.takesPart == true { return "proxy_error_giver_present" }
        if let holder = attendance[new.holder], !holder.takesPart { return "proxy_error_holder_absent" }
        let overlapping = existing.filter { $0.overlaps(new) }
        if overlapping.contains(where: { $0.giver == new.giver }) { return "proxy_error_given_twice" }
        // No chains: whoever gave their vote holds none, and whoever holds one gives none.
        if overlapping.contains(where: { $0.giver == new.holder || $0.holder == new.giver }) { return "proxy_error_chain" }
        if held(by: new.holder, for: new, among: existing) + 1 > rule.mostHeld { return "proxy_error_too_many" }
        return nil
    }

    /// The most votes `holder` carries for any one ballot `new` covers (for a proxy over the whole sitting, the busiest
    /// of its ballots).
    static func held(by holder: Int64, for new: Proxy, among existing: [Proxy]) -> Int {
        let theirs = existing.filter { $0.holder == holder }
        let wholeSitting = theirs.filter { $0.ballotID == nil }.count
        var perBallot: [Int64: Int] = [:]
        for proxy in theirs { if let ballot = proxy.ballotID { perBallot[ballot, default: 0] += 1 } }
        if let ballot = new.ballotID { return wholeSitting + (perBallot[ballot] ?? 0) }
        return wholeSitting + (perBallot.values.max() ?? 0)
    }

    /// For a ballot of the sitting: the seat that casts each given vote (giver → holder), within the council's rule as
    /// it stands: a holder casts no more votes than it allows (the proxies recorded first), none where it allows none.
    public static func casting(for ballotID: Int64, proxies: [Proxy], rule: ProxyRule) -> [Int64: Int64] {
        var result: [Int64: Int64] = [:], held: [Int64: Int] = [:]
        for proxy in proxies where (proxy.ballotID == nil || proxy.ballotID == ballotID) && result[proxy.giver] == nil {
            guard held[proxy.holder, default: 0] < rule.mostHeld else { continue }
            held[proxy.holder, default: 0] += 1
            result[proxy.giver] = proxy.holder
        }
        return result
    }
}
