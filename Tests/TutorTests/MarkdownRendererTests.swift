import XCTest
@testable import Tutor

/// Lesson text on screen: wrapped to at most 80 columns, Markdown marks turned into styles.
final class MarkdownRendererTests: XCTestCase {
    func testParagraphsWrapAtTheWidthAndEmphasisLosesItsMarks() {
        let text = "This is **bold** and *slanted* text with `code` in it, " + String(repeating: "word ", count: 30)
        let plain = MarkdownRenderer(width: 60).render(text)
        XCTAssertTrue(plain.split(separator: "\n").allSatisfy { $0.count <= 60 }, plain)
        XCTAssertTrue(plain.hasPrefix("This is bold and slanted text with `code`"), plain)
        let styled = MarkdownRenderer(width: 60, look: .terminal).render(text)
        XCTAssertTrue(styled.hasPrefix("This is \u{1B}[1mbold\u{1B}[22m and \u{1B}[3mslanted\u{1B}[23m text with \u{1B}[36mcode\u{1B}[39m"), styled)
        XCTAssertFalse(styled.contains("**"))
        XCTAssertTrue(styled.split(separator: "\n").allSatisfy { visibleWidth(String($0)) <= 60 })
    }

    func testNeverWiderThanEightyColumns() {
        XCTAssertEqual(MarkdownRenderer(width: 200).width, 80)
        XCTAssertEqual(MarkdownRenderer(width: 50).width, 50)
    }

    func testListsHeadingsQuotesAndBlocks() {
        let text = """
        ## Part A

        - first item that is long enough to wrap around the narrow width here
        - second

        > quoted words

        ```text
        kept   as   is
        ```

        Text with a [link](https://example.org) and under_scored names.
        """
        XCTAssertEqual(MarkdownRenderer(width: 40).render(text), """
        Part A
        ------

        • first item that is long enough to wrap
          around the narrow width here
        • second

        > quoted words

            kept   as   is

        Text with a link (https://example.org)
        and under_scored names.
        """)
    }

    func testLessonOneFitsEightyColumns() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons/01-introduction-to-jax.md")
        let lesson = try LessonParser.parse(String(contentsOf: url, encoding: .utf8), file: "01")
        for look in [TextLook.plain, .terminal] {
            for step in lesson.steps {
                for line in MarkdownRenderer(look: look).render(step.text).split(separator: "\n") {
                    // only a link's address may be longer than a line
                    XCTAssertTrue(visibleWidth(String(line)) <= 80 || line.contains("(https://"), "\(step.id): \(line)")
                    // `**` may appear only inside code
                    let outsideCode = look == .plain
                        ? line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
                        : line.replacingOccurrences(of: "\u{1B}\\[36m[^\u{1B}]*\u{1B}\\[39m", with: "", options: .regularExpression)
                    XCTAssertFalse(outsideCode.contains("**"), "\(step.id): \(line)")
                }
            }
        }
    }
}
