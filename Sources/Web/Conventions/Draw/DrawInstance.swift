import Conventions
import Sortition
import Storage

/// The convention's pool and quotas as the sortition engine reads them: one category per criterion (its key), one
/// value per criterion value (its key, with its quota), each volunteer by their pseudonymous reference, and under the
/// household rule their household as the folded address (written as a number in the published pool, never the address).
enum DrawInstance {
    /// Why no instance could be built, as a key of the locale files.
    struct Failure: Error {
        let key: String
    }

    static func make(criteria: [StoredCriterion], pool: [DrawVolunteer], panelSize: Int, onePerHousehold: Bool) throws -> SortitionInstance {
        let categories = criteria.map { criterion in
            QuotaCategory(name: criterion.key, values: criterion.values.map { QuotaValue(name: $0.key, min: $0.quotaMin, max: $0.quotaMax) })
        }
        // Value id → (category, value index).
        var position: [Int64: (Int, Int)] = [:]
        for (c, criterion) in criteria.enumerated() { for (v, value) in criterion.values.enumerated() { position[value.id] = (c, v) } }
        let people = try pool.map { volunteer in
            var values = [Int](repeating: -1, count: criteria.count)
            for id in volunteer.valueIDs { if let (c, v) = position[id] { values[c] = v } }
            // Every volunteer answered every criterion (the import and the form check it); one without is a broken pool.
            guard !values.contains(-1) else { throw Failure(key: "convention_draw_failed_pool") }
            return Volunteer(id: volunteer.reference, values: values,
                             household: onePerHousehold ? Duplicates.householdKey(address: volunteer.address, postcode: volunteer.postcode) : nil)
        }
        return SortitionInstance(categories: categories, people: people, panelSize: panelSize, onePerHousehold: onePerHousehold)
    }
}
