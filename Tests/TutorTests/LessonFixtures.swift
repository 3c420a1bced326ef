import Language
@testable import Tutor

/// Small lessons for the tests, built from parts so each test changes only what it is about.
enum LessonFixtures {
    static let frontMatter = "---\nid: sample\ntitle: Sample\nversion: 1\nlanguage: en\n---\n"

    /// A task block group: the task fence, its check, two hints and its solution.
    static func task(_ id: String = "make-c", check: String = "assert close(c, jnp.arange(3))",
                     solution: String = "c = jnp.arange(3)") -> String {
        "\n```task \(id)\n```\n\n```check\n\(check)\n```\n\n```hint\nFirst hint.\n```\n\n```hint\nSecond hint.\n```\n\n```solution\n\(solution)\n```\n"
    }

    static let valid = frontMatter + """

    # Sample

    Some **text** before the first cell.

    ```python id=first
    x = 1
    print(x + 1)
    ```

    **Task**: make `c`.
    """ + task() + """

    ```note
    Say something about c.
    ```

    Closing words.
    """

    static func parse(_ text: String) throws(LessonError) -> Lesson {
        try LessonParser.parse(text, file: "sample.md")
    }

    /// The problems a malformed lesson is refused with.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
