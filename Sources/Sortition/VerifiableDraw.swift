/// The published procedure of the final draw, step by step:
/// 1. the generator is seeded with the public seed (`DrawGenerator`);
/// 2. ticket t = uniform(number of tickets) picks one panel of the lottery (counts per profile);
/// 3. for each profile on that panel, in increasing profile number, `choose(count, from: size)` picks the members
///    among the profile's members listed in pool order.
public enum VerifiableDraw {
    /// The ticket drawn and the panel (pool indices, in pool order).
    public static func draw(tickets: [PanelTemplate], profiles: Profiles, seed: String) -> (ticket: Int, panel: [Int]) {
        var generator = DrawGenerator(seed: seed)
        let ticket = generator.uniform(below: tickets.count)
        var panel: [Int] = []
        let chosen = tickets[ticket]
        for (profile, count) in zip(chosen.profiles, chosen.counts) {
            let members = profiles.members[profile]
            panel += generator.choose(count, from: members.count).map { members[$0] }
        }
        return (ticket, panel.sorted())
    }
}
