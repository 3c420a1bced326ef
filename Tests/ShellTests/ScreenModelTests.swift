import XCTest

/// The test terminal draws the same screen however the reads of a program's output are cut (a
/// read returns what has arrived, which may end inside an escape sequence), and re-wraps its
/// lines when resized as VTE does.
final class ScreenModelTests: XCTestCase {
    func testAReflowingScreenRewrapsSoftWrappedRowsAndTheCursorFollowsItsCharacter() {
        var screen = ScreenModel(columns: 10, rows: 5, reflows: true)
        screen.apply("top\r\n0123456789abcdefghijXY")
        screen.resize(columns: 8, rows: 5)
        XCTAssertEqual(screen.lines, ["top", "01234567", "89abcdef", "ghijXY", ""])
        XCTAssertEqual([screen.row, screen.column], [3, 6])
        screen.resize(columns: 30, rows: 5)
        XCTAssertEqual(screen.lines, ["top", "0123456789abcdefghijXY", "", "", ""])
        XCTAssertEqual([screen.row, screen.column], [1, 22])
        // taller than the screen: the top goes into the scrollback
        screen.resize(columns: 4, rows: 5)
        XCTAssertEqual(screen.scrollback, ["top", "0123"])
        XCTAssertEqual(screen.lines, ["4567", "89ab", "cdef", "ghij", "XY"])
        XCTAssertEqual([screen.row, screen.column], [4, 2])
        // and comes back when the lines get shorter
        screen.resize(columns: 30, rows: 5)
        XCTAssertEqual(screen.scrollback, [])
        XCTAssertEqual(screen.lines, ["top", "0123456789abcdefghijXY", "", "", ""])
        // a line feed at the margin, or an erased row end, is not a soft wrap: those rows stay apart
        var hard = ScreenModel(columns: 10, rows: 5, reflows: true)
        hard.apply("0123456789\r\nabcdefghijk\u{1B}[A\u{1B}[K")
        hard.resize(columns: 20, rows: 5)
        XCTAssertEqual(hard.lines, ["0123456789", "a", "k", "", ""])
        hard.apply("\u{1B}[6n")
        XCTAssertEqual(hard.takeReports(), ["\u{1B}[2;2R"])
    }

    func testOutputCutAnywhereDrawsTheSameScreen() {
        let output = "\u{1B}[?2004h>>> long_line = [0, 1,\r\u{1B}[22G2\r\n\u{1B}[1;32mgreen\u{1B}[0m plain"
            + "\r\u{1B}[2A\u{1B}[J>>> again\u{1B}[3D\u{1B}[K!\u{1B}7"
        var whole = ScreenModel(columns: 20, rows: 6)
        whole.apply(output)
        let scalars = Array(output.unicodeScalars)
        for cut in 1..<scalars.count {
            var pieces = ScreenModel(columns: 20, rows: 6)
            pieces.apply(String(String.UnicodeScalarView(scalars[..<cut])))
            pieces.apply(String(String.UnicodeScalarView(scalars[cut...])))
            XCTAssertEqual(picture(pieces), picture(whole), "cut after \(cut) scalars")
        }
        XCTAssertEqual(whole.lines[0], ">>> ag!")
        XCTAssertEqual(whole.cell(0, 0).styled, false)
    }

    /// The screen's rows (`*` for a coloured character) and the cursor, to compare and show.
    private func picture(_ screen: ScreenModel) -> [String] {
        screen.grid.map { String($0.map { $0.styled ? "*" : $0.character }) } + ["cursor \(screen.row) \(screen.column)"]
    }
}
