import Foundation
import XCTest

/// `jaxlab replay`: every lesson replays cleanly, and Lesson 1 prints what real JAX printed
/// for the lab's cells.
final class ReplayTests: XCTestCase {
    /// Every lesson in Lessons/ runs its cells and solutions, and each solution passes its check.
    func testEveryLessonReplaysWithCheck() throws {
        let folder = JaxlabProcess.packageRoot + "/Lessons"
        let lessons = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        XCTAssertFalse(lessons.isEmpty)
        for lesson in lessons {
            let outcome = try JaxlabProcess.run(["replay", "Lessons/" + lesson, "--check"])
            XCTAssertEqual(outcome.status, 0, "\(lesson):\n\(outcome.errors)")
            XCTAssertTrue(outcome.errors.contains("every solution passes its check"), outcome.errors)
        }
    }

    /// The lesson's cells and solutions whose code is a cell of the lab's reference print what
    /// JAX 0.10.2 printed for it; nearly all of the reference's cells appear in the lesson.
    func testLessonOneMatchesTheRecordedReference() throws {
        let referenceData = try Data(contentsOf: URL(fileURLWithPath: JaxlabProcess.packageRoot + "/Tests/LanguageTests/Data/lab1.json"))
        let reference = try JSONDecoder().decode([ReferenceCell].self, from: referenceData)
        let outcome = try JaxlabProcess.run(["replay", "1", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let steps = try JSONDecoder().decode([ReplayStep].self, from: Data(outcome.output.utf8))
        var compared: [String] = []
        for cell in reference {
            guard let step = steps.first(where: { $0.code.map(Self.normalized) == Self.normalized(cell.code) }) else { continue }
            XCTAssertEqual(step.output, cell.output, "cell \(cell.cell) (step \(step.step))")
            compared.append(cell.cell)
        }
        // the lesson asks for both out-of-bounds lookups in one task, and shows NumPy's error raw
        XCTAssertEqual(reference.map(\.cell).filter { !compared.contains($0) }, ["task_oob_np", "task_oob_jnp"])
    }

    /// The lessons after the first print, cell by cell and solution by solution, what JAX
    /// 0.10.2 printed for the same code (recorded from the lessons by Data/lessons/record.py);
    /// a cell that raises ends with its exception, `Name: message`, as the reference records it.
    func testLaterLessonsMatchTheirRecordedReferences() throws {
        for lesson in Self.laterLessons {
            let path = JaxlabProcess.packageRoot + "/Tests/CommandLineTests/Data/lessons/" + lesson + ".json"
            let reference = try JSONDecoder().decode([ReferenceCell].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let outcome = try JaxlabProcess.run(["replay", "Lessons/" + lesson + ".md", "--json"])
            XCTAssertEqual(outcome.status, 0, outcome.errors)
            let steps = try JSONDecoder().decode([ReplayStep].self, from: Data(outcome.output.utf8)).filter { $0.code != nil }
            // every cell and solution is in the reference, in order, with the lesson's code
            XCTAssertEqual(steps.map(\.step), reference.map(\.cell), "\(lesson): re-record the reference (Tests/record lessons)")
            for (step, cell) in zip(steps, reference) {
                XCTAssertEqual(Self.normalized(step.code ?? ""), Self.normalized(cell.code), "\(lesson) \(step.step): re-record the reference")
                // the reference names an exception as type(error).__name__ does and a cell's
                // file by the cell's name; a traceback qualifies the class, and jaxlab's cells
                // come from <stdin>
                let shown = (step.output ?? "") + (step.exception.map { Self.unqualified($0) + "\n" } ?? "")
                XCTAssertEqual(shown, cell.output.replacingOccurrences(of: " at \(cell.cell):", with: " at <stdin>:"), "\(lesson) \(step.step)")
            }
        }
    }

    /// `jax.errors.TracerBoolConversionError: ...` as `TracerBoolConversionError: ...`.
    static func unqualified(_ exception: String) -> String {
        let kindEnd = exception.range(of: ": ")?.lowerBound ?? exception.endIndex
        guard let dot = exception[..<kindEnd].lastIndex(of: ".") else { return exception }
        return String(exception[exception.index(after: dot)...])
    }

    /// The lessons after the first, by file name without `.md`.
    static var laterLessons: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: JaxlabProcess.packageRoot + "/Lessons")) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix("01-") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// The lessons are compiled in: they are found from a folder without a Lessons/ folder.
    func testLessonsAreFoundFromAnyFolder() throws {
        let directory = try JaxlabProcess.temporaryDirectory("anywhere")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listed = try JaxlabProcess.run(["lesson"], in: directory, environment: ["XDG_STATE_HOME": directory])
        XCTAssertEqual(listed.output, """
            Lessons
              1  Introduction to JAX · not started (45 steps, 11 tasks)
              2  Pytrees and a training loop · not started (22 steps, 8 tasks)
              3  The sharp bits · not started (30 steps, 10 tasks)
              4  Vectorization and Jacobians · not started (20 steps, 6 tasks)
              5  Control flow and random numbers · not started (19 steps, 7 tasks)

            """)
        let later = ["2", "the-sharp-bits", "04-vectorization-and-jacobians", "05-control-flow-and-random-numbers.md"]
        for name in ["1", "introduction-to-jax", "01-introduction-to-jax", "01-introduction-to-jax.md"] + later {
            let outcome = try JaxlabProcess.run(["replay", name, "--check"], in: directory)
            XCTAssertEqual(outcome.status, 0, "\(name): \(outcome.errors)")
        }
        let missing = try JaxlabProcess.run(["replay", "nosuch"], in: directory)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.errors, "jaxlab: no lesson `nosuch`: give a lesson file, or a name or number from `jaxlab lesson`\n")
    }

    /// The complete small lesson in Lessons/README.md is a working lesson.
    func testTheFormatGuidesExampleReplays() throws {
        let guide = try String(contentsOfFile: JaxlabProcess.packageRoot + "/Lessons/README.md", encoding: .utf8)
        let start = try XCTUnwrap(guide.range(of: "````markdown\n"))
        let end = try XCTUnwrap(guide.range(of: "\n````", range: start.upperBound..<guide.endIndex))
        let directory = try JaxlabProcess.temporaryDirectory("guide")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try String(guide[start.upperBound..<end.lowerBound]).write(toFile: directory + "/squares.md", atomically: true, encoding: .utf8)
        let outcome = try JaxlabProcess.run(["replay", directory + "/squares.md", "--check"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains(">>> y = (x ** 2).astype(jnp.float32)\n>>> print(y)\n[0. 1. 4. 9.]\ncheck: passed\n"), outcome.output)
        XCTAssertTrue(outcome.output.contains("Instructor's note: Ask the class"), outcome.output)
    }

    /// A solution that fails its check, and a cell that raises unannounced, fail `--check`
    /// with `file:line:` messages.
    func testCheckReportsFailingSolutionsAndUnexpectedErrors() throws {
        let directory = try JaxlabProcess.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lesson = """
        ---
        id: broken
        title: Broken
        version: 1
        language: en
        ---

        ```python
        x = 1 / 0
        ```

        ```task wrong
        ```

        ```check
        assert answer == 3, "three"
        ```

        ```hint
        one
        ```

        ```hint
        two
        ```

        ```solution
        print(2)
        ```

        """
        try lesson.write(toFile: directory + "/broken.md", atomically: true, encoding: .utf8)
        let outcome = try JaxlabProcess.run(["replay", directory + "/broken.md", "--check", "--transcript", directory + "/t.txt"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.errors.contains(directory + "/broken.md:9: the cell `cell-"), outcome.errors)
        XCTAssertTrue(outcome.errors.contains("raised ZeroDivisionError: division by zero"), outcome.errors)
        XCTAssertTrue(outcome.errors.contains(directory + "/broken.md:28: the solution of task `wrong` fails its check: AssertionError: three"), outcome.errors)
        XCTAssertEqual(outcome.output, "")
        let transcript = try String(contentsOfFile: directory + "/t.txt", encoding: .utf8)
        XCTAssertTrue(transcript.contains(">>> print(2)\n2\ncheck: FAILED (three)\n"), transcript)
    }

    /// Line breaks and the `>>> `/`... ` prompts do not count when matching code.
    static func normalized(_ code: String) -> String {
        code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

/// One cell of a reference recorded with real JAX.
struct ReferenceCell: Decodable {
    var cell: String
    var code: String
    var output: String
}

/// One step of `jaxlab replay --json`.
struct ReplayStep: Decodable {
    var step: String
    var kind: String
    var code: String?
    var output: String?
    var exception: String?
    var check: String?
}
