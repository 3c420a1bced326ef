import XCTest

/// The test terminal draws the same screen however the reads of a program's output are cut: a
/// read returns what has arrived, which may end inside an escape sequence.
final class ScreenModelTests: XCTestCase {
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
