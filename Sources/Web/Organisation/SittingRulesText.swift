import Organisation

/// The council's sitting rules in the reader's language, a whole sentence each: its quorum, whether proxies count
/// towards it, and how many proxies a member may hold.
enum SittingRulesText {
    static func sentences(_ rules: CouncilSittingRules, pages: Pages, context: AppContext, format: Formatting) -> [String] {
        var result = [pages.text("quorum_rule_\(rules.quorum.threshold.rawValue)", context)]
        if rules.proxy.mostHeld == 0 {
            result.append(pages.text("proxy_rule_none", context))
        } else {
            result.append(pages.text(rules.quorum.countsProxies ? "quorum_rule_counts_proxies" : "quorum_rule_ignores_proxies", context))
            result.append(pages.plural("proxy_rule_held", count: rules.proxy.mostHeld, context, format: format))
        }
        return result
    }
}
