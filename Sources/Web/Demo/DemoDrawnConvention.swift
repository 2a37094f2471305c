import Conventions
import Foundation
import HemicycleDomain
import Sortition
import Storage

/// A demo citizens' convention of the French council already drawn in public and sitting: 150 seats on the six
/// criteria of `DemoConventions`, a synthetic pool of 2,000 volunteers (references C0001…, clustered as a polling
/// institute's volunteers are), the draw announced, committed
/// and picked with a public seed, and a first session whose three proposals were voted (two by majority judgment, one
/// yes / no), with a minority position. So a new user sees a published draw and a session's votes at first start.
///
/// The LEXIMIN lottery of this pool takes the engine minutes, so it is computed once by
/// `hemicycle draw demo-lottery --out Sources/Web/Resources/demo` and kept with its `draw.json`; the pool and the
/// quotas are written again from the stored convention here, and the pick refuses the lottery if they differ from what
/// it committed to (a changed generator or engine then fails the demo loudly until the files are computed again).
public enum DemoDrawnConvention {
    static let poolSize = 2_000
    static let panelSize = 150
    static let poolSeed: UInt64 = 2019
    public static let seedSource = "Les cinq numéros du tirage du Loto du samedi 3 octobre 2026"
    /// 21:00 in Paris.
    static let seedNotBefore = Date(timeIntervalSince1970: 1_791_054_000)
    static let publicSeed = "7 12 28 33 41"
    static let lotteryFile = "climate-lottery.csv"
    static let manifestFile = "climate-draw.json"

    static func reference(_ index: Int) -> String { String(format: "C%04d", index + 1) }

    /// The pool and quotas as the draw reads them from the stored convention (`DrawInstance`).
    public static func instance() throws -> SortitionInstance {
        let plan = try QuotaPlan.derive(criteria: DemoConventions.plannedCriteria, panelSize: panelSize)
        let categories = DemoConventions.plannedCriteria.enumerated().map { c, criterion in
            QuotaCategory(name: criterion.key, values: criterion.values.enumerated().map { v, value in
                QuotaValue(name: value.key, min: plan.quotas[c][v].min, max: plan.quotas[c][v].max)
            })
        }
        let people = pool().enumerated().map { index, values in
            Volunteer(id: reference(index), values: values, household: nil)
        }
        return SortitionInstance(categories: categories, people: people, panelSize: panelSize, onePerHousehold: false)
    }

    /// The volunteers' values. Volunteers recruited by a polling institute cluster: many give the same answers to the
    /// six questions. So each of the 2,000 volunteers here takes the values of one of 300 people drawn as the end-of-life
    /// convention's volunteers are: about 260 distinct profiles, where independent draws give one to every second
    /// volunteer (about 1,000), a pool whose lottery takes the engine well over a quarter of an hour.
    static func pool() -> [[Int]] {
        let profiles = DemoConventions.pool(seed: poolSeed, size: distinctPeople)
        var random = DemoRandom(seed: poolSeed + 1)
        return (0..<poolSize).map { _ in profiles[min(profiles.count - 1, Int(random.nextUnit() * Double(distinctPeople)))] }
    }

    static let distinctPeople = 300

    /// Computes the committed lottery the demo keeps (the long step).
    public static func commit(progress: ((LeximinProgress) -> Void)? = nil) throws -> CommittedLottery {
        try CommittedDraw.commit(try instance(), seedSource: seedSource, seedNotBefore: seedNotBefore.formatted(.iso8601), progress: progress)
    }

    public static let files = [lotteryFile, manifestFile]

    struct MissingLottery: Error, CustomStringConvertible {
        let description: String
    }

    /// The kept lottery and its draw.json.
    static func keptLottery() throws -> (lottery: String, manifest: DrawManifest) {
        func read(_ name: String) throws -> String {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let url = Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "Resources/demo") else {
                throw MissingLottery(description: "Resources/demo/\(name) is missing: run hemicycle draw demo-lottery --out Sources/Web/Resources/demo")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        return (try read(lotteryFile), try DrawManifest.read(try read(manifestFile)))
    }
}
