import XCTest
@testable import Tutor

/// The lesson format: a good lesson's steps, and each kind of mistake refused whole with
/// `file:line: message`.
final class LessonParserTests: XCTestCase {
    func testAValidLessonHasItsStepsInOrder() throws {
        let lesson = try LessonFixtures.parse(LessonFixtures.valid)
        XCTAssertEqual(lesson.id, "sample")
        XCTAssertEqual(lesson.version, 1)
        XCTAssertEqual(lesson.steps.map(\.id), ["first", "make-c", "end"])
        XCTAssertEqual(lesson.steps[0].text, "# Sample\n\nSome **text** before the first cell.")
        XCTAssertEqual(lesson.steps[0].cell?.code, CodeBlock(code: "x = 1\nprint(x + 1)", line: 13))
        let task = try XCTUnwrap(lesson.steps[1].task)
        XCTAssertEqual(task.title, "make c.")
        XCTAssertEqual(task.hints, ["First hint.", "Second hint."])
        XCTAssertEqual(task.solution.code, "c = jnp.arange(3)")
        XCTAssertEqual(lesson.steps[1].notes, ["Say something about c."])
        XCTAssertEqual(lesson.steps[2].text, "Closing words.")
    }

    func testCellsWithoutIdsGetOnesThatSurviveEditsElsewhere() throws {
        let body = "\n```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n"
        let first = try LessonFixtures.parse(LessonFixtures.frontMatter + body)
        let edited = try LessonFixtures.parse(LessonFixtures.frontMatter + "\nNew text.\n\n```python\nprint(0)\n```\n" + body)
        XCTAssertTrue(first.steps[0].id.hasPrefix("cell-"))
        XCTAssertNotEqual(first.steps[0].id, first.steps[1].id)
        XCTAssertEqual(Array(edited.steps.dropFirst().map(\.id)), first.steps.map(\.id))
    }

    func testDisplayBlocksAreTextNotCells() throws {
        let lesson = try LessonFixtures.parse(LessonFixtures.frontMatter + "\n```text\nnot run\n```\n\n```python show\nalso_not_run()\n```\n\n```python\nx = 1\n```\n")
        XCTAssertEqual(lesson.steps.count, 1)
        XCTAssertTrue(lesson.steps[0].text.contains("also_not_run()"))
    }

    // MARK: the mistakes, one test each

    func testALessonWithoutSteps() {
        XCTAssertEqual(LessonFixtures.problems(LessonFixtures.frontMatter), ["sample.md:1: the lesson has no cells or tasks"])
    }

    func testMissingFrontMatter() {
        XCTAssertEqual(LessonFixtures.problems("# Title\n\n```python\nx = 1\n```\n"),
                       ["sample.md:1: a lesson starts with front matter: a line `---`, then id, title, version and language, then `---`"])
    }

    func testUnclosedFrontMatter() {
        XCTAssertEqual(LessonFixtures.problems("---\nid: a\ntitle: A\n"),
                       ["sample.md:1: the front matter opened here is never closed with a line `---`"])
    }

    func testBadFrontMatterLines() {
        let text = "---\nid: a b\ntitle: A\nversion: two\nauthor: me\nlanguage en\n---\n\n```python\nx = 1\n```\n"
        XCTAssertEqual(LessonFixtures.problems(text), [
            "sample.md:2: the lesson id `a b` must be letters, digits, `-` and `_`",
            "sample.md:4: the version must be a whole number from 1 up, not `two`",
            "sample.md:5: unknown front matter key `author` (expected id, title, version, language)",
            "sample.md:6: front matter lines are `key: value`, not `language en`",
            "sample.md:7: the front matter has no `language`",
        ])
    }

    func testUnterminatedFence() {
        XCTAssertEqual(LessonFixtures.problems(LessonFixtures.frontMatter + "\n```python\nx = 1\n"),
                       ["sample.md:8: the block opened here with ``` is never closed"])
    }

    func testUnknownBlockKind() {
        XCTAssertEqual(LessonFixtures.problems(LessonFixtures.frontMatter + "\n```pyhton\nx = 1\n```\n"),
                       ["sample.md:8: unknown block kind `pyhton` (the shell acts on python, task, check, hint, solution, note; `text` shows a block as it is)"])
    }

    func testTaskWithoutCheck() {
        let text = LessonFixtures.frontMatter + "\n```task t\n```\n\n```hint\na\n```\n\n```hint\nb\n```\n\n```solution\nx = 1\n```\n"
        XCTAssertEqual(LessonFixtures.problems(text), ["sample.md:8: task `t` has no check: add a ```check block after it"])
    }

    func testTaskWithoutSolution() {
        let text = LessonFixtures.frontMatter + "\n```task t\n```\n\n```check\nassert x\n```\n\n```hint\na\n```\n\n```hint\nb\n```\n"
        XCTAssertEqual(LessonFixtures.problems(text).first, "sample.md:8: task `t` has no solution: add a ```solution block after it")
    }

    func testTaskWithOneHint() {
        let text = LessonFixtures.task().replacingOccurrences(of: "```hint\nSecond hint.\n```\n", with: "")
        XCTAssertEqual(LessonFixtures.problems(LessonFixtures.frontMatter + text),
                       ["sample.md:8: task `make-c` has 1 hint: give at least two, shown one at a time"])
    }

    func testDuplicateIds() {
        let text = LessonFixtures.frontMatter + "\n```python id=a\nx = 1\n```\n" + LessonFixtures.task("a")
        XCTAssertEqual(LessonFixtures.problems(text), ["sample.md:12: the id `a` is used twice (first on line 8)"])
    }

    func testCheckThatDoesNotParse() {
        let text = LessonFixtures.frontMatter + LessonFixtures.task(check: "assert close(c,\nassert True")
        XCTAssertEqual(LessonFixtures.problems(text), ["sample.md:12: the check of task `make-c` does not parse: SyntaxError: '(' was never closed"])
    }

    func testHintOutsideATask() {
        let text = LessonFixtures.frontMatter + "\n```python\nx = 1\n```\n\nText.\n\n```hint\nlost\n```\n"
        XCTAssertEqual(LessonFixtures.problems(text),
                       ["sample.md:14: a `hint` block belongs to a task: put it after a ```task block, with only blank lines between"])
    }

    func testEmptyCheckAndTodoHints() {
        let text = LessonFixtures.frontMatter + LessonFixtures.task(check: "# TODO", solution: "c = 1")
            .replacingOccurrences(of: "First hint.", with: "TODO: a first hint")
        XCTAssertEqual(LessonFixtures.problems(text), [
            "sample.md:11: the check of task `make-c` is empty: write code that raises (assert ...) until the answer is right",
            "sample.md:15: the hint still says TODO",
        ])
    }

    func testBadCellAttributesAndTaskIds() {
        let text = LessonFixtures.frontMatter + "\n```python raises id=ok quiet\nx = 1\n```\n\n```task\n```\n"
        XCTAssertEqual(LessonFixtures.problems(text), [
            "sample.md:8: `raises=` needs an exception class, such as `raises=IndexError`",
            "sample.md:8: unknown attribute `quiet` of a python cell (expected id=NAME, raises=EXCEPTION or show)",
            "sample.md:12: a task needs one id after `task`, such as ```task dtype-of-b (letters, digits, `-`, `_`)",
        ])
    }

    /// Damaged lesson files (lines dropped, duplicated, cut short) are refused or loaded, never
    /// a crash; whatever loads renders.
    func testDamagedFilesNeverCrash() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons/01-introduction-to-jax.md")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<150 {
            var damaged = lines
            for _ in 0..<(1 + round % 5) {
                guard !damaged.isEmpty else { break }
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: damaged.remove(at: index)
                case 1: damaged.insert(damaged[index], at: index)
                case 2: damaged[index] = String(damaged[index].prefix(Int.random(in: 0...damaged[index].count, using: &generator)))
                default: damaged.insert(["```", "```task x", "---", "```hint", "`", "**", "[a](", "$$"].randomElement(using: &generator) ?? "", at: index)
                }
            }
            if let lesson = try? LessonParser.parse(damaged.joined(separator: "\n"), file: "damaged.md") {
                for step in lesson.steps { _ = MarkdownRenderer(width: 30, look: .terminal).render(step.text) }
            }
        }
    }
}
