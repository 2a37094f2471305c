import Cooperation
import Foundation
import HemicycleDomain
import Storage

extension AgreementRecord {
    /// Its days, as the rules read them (a stored day that is no day is taken as absent).
    var calendar: AgreementCalendar {
        AgreementCalendar(signedOn: signedOn.flatMap(CivilDay.init), inForceFrom: inForceFrom.flatMap(CivilDay.init),
                          endsOn: endsOn.flatMap(CivilDay.init), terminatedOn: terminatedOn.flatMap(CivilDay.init))
    }

    /// Its status on the day it is now in `council`'s calendar.
    func status(at now: Date, in council: Council) -> AgreementStatus {
        calendar.status(on: CivilDay(now, in: council.zone))
    }
}

extension Formatting {
    /// A day of the calendar, written as `date` writes one (whatever the time zone: the day is the day).
    func day(_ day: CivilDay) -> String {
        Formatting(language: language, country: country).date(Date(timeIntervalSince1970: Double(day.number) * 86_400 + 43_200))
    }

    func day(_ text: String?) -> String? {
        text.flatMap(CivilDay.init).map(day)
    }
}
