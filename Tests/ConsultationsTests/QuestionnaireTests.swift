import Consultations
import Testing

@Suite struct QuestionnaireTests {
    @Test func questionsAreCheckedAndTheirOptionsCleaned() throws {
        let question = try QuestionDefinition(kind: .single, prompt: "  Comment\n venez-vous ? ", options: "À pied\n\n En bus \nÀ pied")
        #expect(question.prompt == "Comment venez-vous ?" && question.options == ["À pied", "En bus"])
        #expect(throws: QuestionDefinition.Problem.options) { try QuestionDefinition(kind: .multiple, prompt: "Q", options: "Seul") }
        #expect(throws: QuestionDefinition.Problem.emptyPrompt) { try QuestionDefinition(kind: .text, prompt: " \n ", options: "") }
        #expect(throws: QuestionDefinition.Problem.promptTooLong) {
            try QuestionDefinition(kind: .text, prompt: String(repeating: "a", count: 501), options: "")
        }
        #expect(try QuestionDefinition(kind: .text, prompt: "Une idée ?", options: "ignoré\nici").options.isEmpty)
    }

    @Test func answersAreReadAgainstTheirQuestion() throws {
        let single = QuestionDefinition(stored: .single, prompt: "Q", options: ["A", "B", "C"])
        let multiple = QuestionDefinition(stored: .multiple, prompt: "Q", options: ["A", "B", "C"])
        let text = QuestionDefinition(stored: .text, prompt: "Q", options: [])
        #expect(try QuestionAnswer.read(["1"], for: single) == .choices([1]))
        #expect(try QuestionAnswer.read([], for: single) == nil)
        #expect(throws: QuestionAnswer.Problem.unknownOption) { try QuestionAnswer.read(["0", "1"], for: single) }
        #expect(throws: QuestionAnswer.Problem.unknownOption) { try QuestionAnswer.read(["3"], for: multiple) }
        #expect(throws: QuestionAnswer.Problem.unknownOption) { try QuestionAnswer.read(["x"], for: multiple) }
        #expect(try QuestionAnswer.read(["2", "0", "2"], for: multiple)?.stored == "0,2")
        #expect(try QuestionAnswer.read(["  Une idée.  "], for: text) == .text("Une idée."))
        #expect(try QuestionAnswer.read([" "], for: text) == nil)
        // One character carrying thousands of marks is one character but many bytes: refused.
        #expect(throws: QuestionAnswer.Problem.textTooLong) {
            try QuestionAnswer.read(["e" + String(repeating: "\u{0301}", count: 5_000)], for: text)
        }
        let tally = QuestionTally(question: multiple, counted: ["0,2": 3, "2": 1])
        #expect(tally.counts == [3, 0, 4] && tally.answered == 4)
        #expect(QuestionTally(question: text, counted: ["": 5]).answered == 5)
    }
}
