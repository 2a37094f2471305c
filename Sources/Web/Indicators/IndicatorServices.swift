import HemicycleDomain
import Storage

/// What the indicators' routes need: the indicators, the works they are annexed to, the file store (for imported
/// files as they arrive) and the clock.
struct IndicatorServices: Sendable {
    let indicators: IndicatorRepository
    let works: WorkRepository
    let files: any FileStore
    let clock: any WallClock

    /// A statistics office's file of one series is a few kilobytes; a whole dataflow a few megabytes.
    static let maximumFileBytes = 4 * 1_048_576

    init(site: Site) {
        indicators = IndicatorRepository(database: site.database)
        works = site.works
        files = site.files
        clock = site.clock
    }
}
