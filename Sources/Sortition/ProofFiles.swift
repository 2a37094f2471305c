import CSVFormat
import Foundation

/// The files of a draw, as text: what is published so that anyone can check it.
/// - `pool.csv`: `id,profile,<categories>[,household]` (households as pseudonymous numbers, never addresses)
/// - `quotas.csv`: `category,value,min,max`
/// - `lottery.csv` (LEXIMIN): `ticket,panel`, the panel as `profile:count` pairs
/// - `draw.json`: the manifest (`DrawManifest`)
/// - `panel.csv`: `id,<categories>` of the people drawn
/// - `probabilities.csv`: `id,probability` for every volunteer
public enum ProofFiles {
    public static let pool = "pool.csv", quotas = "quotas.csv", lottery = "lottery.csv", manifest = "draw.json"
    public static let panel = "panel.csv", probabilities = "probabilities.csv", procedure = "PROCEDURE.txt"

    /// The instance a draw folder describes: `pool.csv` (with its pseudonymous households, if any) and `quotas.csv`.
    public static func instance(pool: String, quotas: String, panelSize: Int) throws(InterchangeError) -> SortitionInstance {
        let household = try CSVTable(text: pool, file: Self.pool).header.contains("household")
        return try InstanceReader(idColumn: "id", householdColumns: household ? ["household"] : [])
            .read(people: pool, peopleFile: Self.pool, quotas: quotas, quotasFile: Self.quotas, panelSize: panelSize)
    }

    static func poolCSV(_ instance: SortitionInstance, _ profiles: Profiles) -> String {
        var header = ["id", "profile"] + instance.categories.map(\.name)
        if instance.onePerHousehold { header.append("household") }
        var writer = CSVWriter(header: header)
        var householdNumber: [String: Int] = [:]
        for (index, person) in instance.people.enumerated() {
            var fields = [person.id, String(profiles.profileOfPerson[index])]
            fields += person.values.enumerated().map { instance.categories[$0.offset].values[$0.element].name }
            if instance.onePerHousehold {
                if let key = person.household {
                    let number = householdNumber[key] ?? householdNumber.count
                    householdNumber[key] = number
                    fields.append("h\(number)")
                } else {
                    fields.append("")
                }
            }
            writer.append(fields)
        }
        return writer.text
    }

    static func quotasCSV(_ instance: SortitionInstance) -> String {
        var writer = CSVWriter(header: ["category", "value", "min", "max"])
        for category in instance.categories {
            for value in category.values { writer.append([category.name, value.name, String(value.min), String(value.max)]) }
        }
        return writer.text
    }

    static func lotteryCSV(_ tickets: [PanelTemplate]) -> String {
        var writer = CSVWriter(header: ["ticket", "panel"])
        for (index, ticket) in tickets.enumerated() { writer.append([String(index), ticket.encoded]) }
        return writer.text
    }

    static func panelCSV(_ instance: SortitionInstance, _ panel: [Int]) -> String {
        var writer = CSVWriter(header: ["id"] + instance.categories.map(\.name))
        for index in panel {
            let person = instance.people[index]
            writer.append([person.id] + person.values.enumerated().map { instance.categories[$0.offset].values[$0.element].name })
        }
        return writer.text
    }

    static func probabilitiesCSV(_ instance: SortitionInstance, _ probabilities: [Double]) -> String {
        var writer = CSVWriter(header: ["id", "probability"])
        for (person, probability) in zip(instance.people, probabilities) {
            writer.append([person.id, String(format: "%.10f", probability)])
        }
        return writer.text
    }

    public static let procedureText = """
        How this panel was drawn, and how to check it
        =============================================

        1. Before the draw, the organisers published the commitment in draw.json: the SHA-256 of pool.csv,
           quotas.csv and lottery.csv joined in that order. Anyone can recompute it from the files.
        2. lottery.csv lists the tickets. Each ticket is a panel that meets every quota in quotas.csv, written as
           profile:count pairs (the profile of each volunteer is in pool.csv; volunteers of one profile have the
           same value in every category). Each volunteer's chance is the share of tickets holding their profile,
           times count / profile size; probabilities.csv lists it.
        3. After the commitment, a public seed was fixed (draw.json, "seed"). The generator is SHA-256 in counter
           mode (draw.json, "generator").
        4. The ticket is uniform(number of tickets). Then, for each profile on that ticket in increasing order, the
           members are chosen among the profile's volunteers in pool.csv order by a partial Fisher-Yates shuffle:
           for step i, swap position i with position i + uniform(size - i); the first `count` positions sit.
        5. panel.csv lists the people drawn. `hemicycle draw verify DIR` repeats steps 1, 2 and 4 and says whether
           everything matches.

        For a LEGACY draw (draw.json, "algorithm": "legacy") there is no lottery: the greedy procedure itself
        is run with the same generator; its probabilities are estimates from simulated draws.

        """
}
