import CSVFormat
import Sortition
import Testing

@Suite("Reading pools and quotas")
struct InstanceReaderTests {
    let quotas = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\n"

    @Test("the replication format gives ids p0, p1... by row")
    func replicationFormat() throws {
        let instance = try InstanceReader().read(people: "gender\nfemale\nmale\nmale\n", peopleFile: "respondents.csv",
                                                 quotas: quotas, quotasFile: "categories.csv", panelSize: 2)
        #expect(instance.people.map(\.id) == ["p0", "p1", "p2"])
        #expect(instance.categories.map(\.name) == ["gender"])
        #expect(instance.people.map(\.values) == [[0], [1], [1]])
    }

    @Test("the Sortition Foundation format reads min_flex and max_flex and the id column")
    func sortitionFoundationFormat() throws {
        let features = "feature,value,min,max,min_flex,max_flex\nGender,Female,1,2,0,3\nGender,Male,1,2,0,3\n"
        let people = "person_id,name,Gender\na7,Ann,Female\nb3,Bob,Male\n"
        let instance = try InstanceReader().read(people: people, peopleFile: "candidates.csv", quotas: features,
                                                 quotasFile: "features.csv", panelSize: 2)
        #expect(instance.people.map(\.id) == ["a7", "b3"])
        #expect(instance.categories[0].values[0].maxFlex == 3)
    }

    @Test("malformed files name the line and the column", arguments: [
        ("gender\nfemale\nother\n", "respondents.csv:3:1:"),
        ("id,gender\nx,female\nx,male\n", "respondents.csv:3:1:"),
        ("name,age\nAnn,30\n", "respondents.csv:1:1:"),
    ])
    func malformedPeople(people: String, place: String) {
        #expect {
            _ = try InstanceReader().read(people: people, peopleFile: "respondents.csv", quotas: quotas,
                                          quotasFile: "categories.csv", panelSize: 1)
        } throws: { error in
            (error as? InterchangeError)?.description.hasPrefix(place) == true
        }
    }

    @Test("malformed quotas name the line and the column", arguments: [
        ("category,feature,min,max\ngender,female,3,2\n", "categories.csv:2:17:"),
        ("category,feature,min,max\ngender,female,one,2\n", "categories.csv:2:15:"),
        ("category,feature,min,max\ngender,female,1,2\ngender,female,1,2\n", "categories.csv:3:8:"),
        ("group,level,low,high\n", "categories.csv:1:1:"),
    ])
    func malformedQuotas(text: String, place: String) {
        #expect {
            _ = try InstanceReader().read(people: "gender\nfemale\n", peopleFile: "respondents.csv", quotas: text,
                                          quotasFile: "categories.csv", panelSize: 1)
        } throws: { error in
            (error as? InterchangeError)?.description.hasPrefix(place) == true
        }
    }

    @Test("the same address puts two people in one household")
    func households() throws {
        let people = "id,gender,street,zip\na,female,1 Rue Haute,75001\nb,male,1 rue haute,75001\nc,male,2 Rue Basse,75002\n"
        let instance = try InstanceReader(householdColumns: ["street", "zip"]).read(
            people: people, peopleFile: "people.csv", quotas: quotas, quotasFile: "categories.csv", panelSize: 2)
        #expect(instance.onePerHousehold)
        #expect(instance.people[0].household == instance.people[1].household)
        #expect(instance.people[0].household != instance.people[2].household)
    }
}
