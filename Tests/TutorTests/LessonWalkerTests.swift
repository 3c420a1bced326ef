import Language
import XCTest
@testable import Tutor

/// The walker's rules without a screen, and where a saved walk resumes.
final class LessonWalkerTests: XCTestCase {
    private func walker(_ text: String = LessonFixtures.valid) throws -> LessonWalker {
        let lesson = try LessonFixtures.parse(text)
        return LessonWalker(lesson: lesson) { LessonSession(sink: BufferSink(), timing: .quick) }
    }

    func testCellsAdvanceTasksWaitAndBackRestoresTheNamespace() throws {
        let walker = try walker()
        var recorded: [String] = []
        walker.recorder = { step, input in recorded.append(step + " " + input) }
        XCTAssertEqual(walker.currentStep?.id, "first")
        walker.handle("x = 1\nprint(x + 1)\n")
        XCTAssertEqual(walker.currentStep?.id, "make-c")
        walker.handle("c = jnp.arange(2)")
        XCTAssertEqual(walker.progress["make-c"]?.passed, false)
        walker.handle(":hint")
        walker.handle(":hint")
        XCTAssertEqual(walker.handle(":hint").count, 1)
        XCTAssertEqual(walker.progress["make-c"]?.hintsShown, 2)
        walker.handle("c = jnp.arange(3)")
        XCTAssertEqual(walker.progress["make-c"]?.passed, true)
        XCTAssertEqual(walker.currentStep?.id, "make-c", "a task waits for :next")
        walker.handle(":next")
        XCTAssertEqual(walker.currentStep?.id, "end")
        walker.handle(":back")
        XCTAssertEqual(walker.currentStep?.id, "make-c")
        guard case .failure(let error) = walker.lessonSession.session.evaluate("c") else { return XCTFail("c survived :back") }
        XCTAssertEqual(error.kind, "NameError")
        XCTAssertEqual(recorded.first, "first x = 1\nprint(x + 1)\n")
        XCTAssertEqual(recorded.last, "end :back")
    }

    func testSkipRunsTheSolutionAndMovesOn() throws {
        let walker = try walker()
        walker.handle(":next")
        walker.handle(":skip")
        XCTAssertEqual(walker.progress["make-c"]?.status, "skipped")
        XCTAssertEqual(walker.currentStep?.id, "end")
        guard case .success = walker.lessonSession.session.evaluate("c") else { return XCTFail("the solution did not run") }
    }

    func testResumingAtTheSavedStepOrTheNearestOneLeft() throws {
        let walker = try walker()
        walker.handle("x = 1\nprint(x + 1)\n")
        walker.handle("c = jnp.arange(3)")
        let saved = walker.savedProgress(time: "now")
        XCTAssertEqual(saved.step, "make-c")

        let same = try self.walker()
        XCTAssertNil(same.resume(saved))
        XCTAssertEqual(same.currentStep?.id, "make-c")
        XCTAssertEqual(same.progress["make-c"]?.passed, true)
        guard case .success = same.lessonSession.session.evaluate("x") else { return XCTFail("the cells before did not run") }

        let edited = try self.walker(LessonFixtures.valid.replacingOccurrences(of: "Closing words.", with: "Other words."))
        XCTAssertEqual(edited.resume(saved), "This lesson has changed since your last visit; you are at the same step as before.")
        XCTAssertEqual(edited.currentStep?.id, "make-c")

        let renamed = try self.walker(LessonFixtures.valid.replacingOccurrences(of: "make-c", with: "make-d"))
        XCTAssertEqual(renamed.resume(saved), "This lesson has changed since your last visit; your step is gone, so you are at the nearest earlier one.")
        XCTAssertEqual(renamed.currentStep?.id, "first")
    }
}
