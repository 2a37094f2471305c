import Conventions
import Testing

@Suite("Volunteers registered twice, and households")
struct DuplicatesTests {
    @Test("names fold case, accents, Arabic vowel marks and letter variants")
    func names() {
        #expect(Duplicates.normalizedText("  Hélène   DUPONT-Martin ") == "helene dupont martin")
        // Teh marbuta and heh, alef with hamza and bare alef, vowel marks and tatweel are written interchangeably.
        #expect(Duplicates.normalizedText("فاطمة الزهراء") == Duplicates.normalizedText("فاطمه الزهراء"))
        #expect(Duplicates.normalizedText("أحمد") == Duplicates.normalizedText("احمد"))
        #expect(Duplicates.normalizedText("مُحَمَّد") == Duplicates.normalizedText("محمد"))
        #expect(Duplicates.normalizedText("مـحـمـد") == Duplicates.normalizedText("محمد"))
        #expect(Duplicates.normalizedText("مصطفى") == Duplicates.normalizedText("مصطفي"))
        #expect(Duplicates.normalizedText("Ahmed") != Duplicates.normalizedText("Ahmad"))
    }

    @Test("telephone numbers compare by their digits, national numbers read in the council's country")
    func phones() {
        let international = Duplicates.normalizedPhone("+33 6 12 34 56 78", countryCode: "33")
        #expect(international == "33612345678")
        #expect(Duplicates.normalizedPhone("06.12.34.56.78", countryCode: "33") == international)
        #expect(Duplicates.normalizedPhone("0033 612345678", countryCode: "212") == international)
        #expect(Duplicates.normalizedPhone("0612345678", countryCode: "212") == "212612345678")
        #expect(Duplicates.normalizedPhone("12", countryCode: "33") == nil)
        // The national 0 in brackets after the country code, and digits written in Arabic-Indic figures.
        #expect(Duplicates.normalizedPhone("+33 (0)6 12 34 56 78", countryCode: "212") == international)
        #expect(Duplicates.normalizedPhone("٠٦١٢٣٤٥٦٧٨", countryCode: "212") == "212612345678")
        #expect(Duplicates.normalizedDate("1984-3-7") == "1984-03-07" && Duplicates.normalizedDate("07/03/1984") == "1984-03-07")
        #expect(Duplicates.normalizedDate("1984-03-07") == "1984-03-07" && Duplicates.normalizedDate("le 7 mars") == "le 7 mars")
    }

    @Test("the same person by e-mail, telephone, or name and date of birth; each later record paired with the first")
    func people() {
        let people = [
            VolunteerIdentity(name: "Hélène Dupont", email: "Helene.Dupont@example.fr", birthDate: "1984-03-07"),
            VolunteerIdentity(name: "Karim Benali", phone: "06 11 22 33 44"),
            VolunteerIdentity(name: "H. Dupont", email: "helene.dupont@example.fr "),
            VolunteerIdentity(name: "helene dupont", birthDate: "1984-03-07"),
            VolunteerIdentity(name: "K. Benali", phone: "+33 6 11 22 33 44"),
            VolunteerIdentity(name: "Hélène Dupont", birthDate: "1990-01-01"),
            VolunteerIdentity(name: "Autre", email: "HELENE.DUPONT@EXAMPLE.FR"),
        ]
        let matches = Duplicates.find(people, onePerHousehold: false, countryCode: "33")
        #expect(matches == [
            .init(first: 0, second: 2, reason: .sameEmail),
            .init(first: 0, second: 3, reason: .sameNameAndBirthDate),
            .init(first: 0, second: 6, reason: .sameEmail),
            .init(first: 1, second: 4, reason: .samePhone),
        ])
    }

    @Test("households only when the convention asks for one person per household")
    func households() {
        let people = [
            VolunteerIdentity(name: "A", address: "12, rue de la Paix", postcode: "75002"),
            VolunteerIdentity(name: "B", address: "12 Rue de la paix", postcode: "75002"),
            VolunteerIdentity(name: "C", address: "12 rue de la Paix", postcode: "69002"),
            VolunteerIdentity(name: "D"),
        ]
        #expect(Duplicates.find(people, onePerHousehold: false).isEmpty)
        #expect(Duplicates.find(people, onePerHousehold: true) == [.init(first: 0, second: 1, reason: .sameHousehold)])
    }

    @Test("many records sharing one key are paired in linear time")
    func many() {
        let people = (0..<20_000).map { VolunteerIdentity(name: "P\($0)", email: "same@example.org") }
        let matches = Duplicates.find(people, onePerHousehold: false)
        #expect(matches.count == 19_999)
        #expect(matches.allSatisfy { $0.first == 0 })
    }
}
