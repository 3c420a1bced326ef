import XCTest

/// Bug 10: the window resized while a long cell is edited, on a terminal that cuts its rows
/// (xterm) and on one that re-wraps them (VTE, kitty, iTerm2, tmux). Each time the cell must be
/// drawn once at the new width, right below the output that was above it, which stays, with
/// the cursor where it was in the text.
final class ShellResizeTests: ShellTestCase {
    /// A line of 158 characters: two or more rows at every width tried.
    private static let long = "long_line_marker = [" + (0..<40).map { "\($0)" }.joined(separator: ", ")

    /// Widths where the cursor's reported column tells the kinds of terminal apart, then one
    /// (155) where both kinds put it in the same column on different rows: the kind seen at
    /// the earlier resizes decides.
    private static let widths = [50, 120, 70, 100, 31, 155]

    func testALongLineOnATerminalThatCutsRows() throws {
        try resizeWhileEditingALongLine(reflows: false)
    }

    func testALongLineOnATerminalThatRewrapsRows() throws {
        try resizeWhileEditingALongLine(reflows: true)
    }

    func testACellOfTwoLinesOnATerminalThatCutsRows() throws {
        try resizeWhileEditingTwoLines(reflows: false)
    }

    func testACellOfTwoLinesOnATerminalThatRewrapsRows() throws {
        try resizeWhileEditingTwoLines(reflows: true)
    }

    /// Keys typed while the editor waits for the terminal's answer are not lost.
    func testKeysTypedDuringAResizeAreKept() throws {
        let shell = try start(columns: 80, reflows: true)
        shell.expectPrompt()
        shell.send("kept = [1, 2")
        shell.expectCursor(after: "kept = [1, 2")
        shell.resize(rows: 40, columns: 60)
        // typed before the terminal's answer is read (nothing is read from the shell meanwhile)
        usleep(100_000)
        shell.send(", 3, 4]\r")
        shell.typeLine("kept")
        shell.expect("\n[1, 2, 3, 4]\n")
        quit(shell)
    }

    /// Ctrl-C while the editor waits for the terminal drops the keys typed meanwhile, as the
    /// terminal drops unread input; the answer that comes late is not taken for keys.
    func testCtrlCDuringAResizeDropsTheKeysTypedMeanwhile() throws {
        let shell = try start(columns: 80, reflows: true)
        shell.expectPrompt()
        shell.send("dropped = 1")
        shell.expectCursor(after: "dropped = 1")
        shell.resize(rows: 40, columns: 60)
        // nothing is read from the shell meanwhile: the query waits for its answer
        usleep(100_000)
        shell.send("23")
        usleep(100_000)
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt")
        shell.typeLine("kept = 2")
        shell.typeLine("kept")
        shell.expect("\n2\n")
        shell.typeLine("dropped")
        shell.expect("NameError: name 'dropped' is not defined")
        quit(shell)
    }

    /// A terminal that does not answer: after a second's wait the cell is drawn as on a
    /// terminal that cuts its rows; after two unanswered queries it is no longer asked.
    func testATerminalThatDoesNotAnswerIsNotWaitedForAgain() throws {
        let waits = try resizeWhileEditingALongLine(reflows: false, answers: false, widths: [50, 120, 70])
        XCTAssertGreaterThan(waits[0], 0.9)
        XCTAssertGreaterThan(waits[1], 0.9)
        XCTAssertLessThan(waits[2], 0.9)
    }

    /// Edits the long line through resizes to `widths`; returns the seconds each redraw took.
    @discardableResult
    private func resizeWhileEditingALongLine(reflows: Bool, answers: Bool = true, widths: [Int] = ShellResizeTests.widths,
                                             file: StaticString = #filePath, line: UInt = #line) throws -> [Double] {
        let shell = try start(columns: 80, reflows: reflows)
        shell.answersCursorQueries = answers
        writeEarlierOutput(shell)
        shell.send(ShellResizeTests.long)
        shell.expectCursor(after: "38, 39")
        let text = ">>> " + ShellResizeTests.long
        var waits: [Double] = []
        for width in widths {
            let start = TimeFormatClock.now()
            resize(shell, to: width, cell: rows(text, width: width), cursorAt: text.count, file: file, line: line)
            waits.append(TimeFormatClock.now() - start)
        }
        // still edited at the last width: the cursor moved to the start and back
        shell.send("\u{1}\u{5}]\r")
        shell.typeLine("len(long_line_marker)")
        shell.expect("\n40\n")
        quit(shell)
        return waits
    }

    /// The cursor inside the first of two lines: re-wrapping moves it by a number of rows the
    /// line below does not change.
    private func resizeWhileEditingTwoLines(reflows: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let shell = try start(columns: 60, reflows: reflows)
        writeEarlierOutput(shell)
        let first = "two_lines = [" + (0..<30).map { "\($0)" }.joined(separator: ", ") + ","
        shell.send("\u{1B}[200~" + first + "\r 99]\u{1B}[201~")
        shell.expectCursor(after: " 99]")
        // to the start of the cell, then 100 characters right (the cursor at 104 = 60 + 44)
        shell.send("\u{1}" + String(repeating: "\u{1B}[C", count: 100))
        XCTAssertTrue(shell.waitForScreen { $0.column == 44 && $0.lines[$0.row - 1].hasPrefix(">>> two_lines") }, file: file, line: line)
        for width in [37, 90, 41] {
            resize(shell, to: width, cell: rows(">>> " + first, width: width) + [" 99]"], cursorAt: 104, file: file, line: line)
        }
        shell.send("\u{1B}[F\r")
        shell.typeLine("len(two_lines)")
        shell.expect("\n31\n")
        quit(shell)
    }

    private func writeEarlierOutput(_ shell: PtyProcess) {
        shell.typeLine("print('earlier output 1'); print('earlier output 2')")
        shell.expectPrompt()
    }

    /// Resizes the window and waits until the cell is drawn again; then checks the screen.
    /// `cursorAt`: the cursor's offset from the start of the prompt, in the cell's first line.
    private func resize(_ shell: PtyProcess, to width: Int, cell: [String], cursorAt offset: Int,
                        file: StaticString, line: UInt) {
        shell.drain()
        shell.resize(rows: 40, columns: UInt16(width))
        // the cell erased from its first row and drawn again
        shell.expect("\u{1B}[J", file: file, line: line)
        let cursor = (row: offset / width, column: offset % width)
        shell.waitForScreen(timeout: 5) { ShellResizeTests.problem(in: $0, cell: cell, cursor: cursor) == nil }
        if let problem = ShellResizeTests.problem(in: shell.screen, cell: cell, cursor: cursor) {
            XCTFail("at \(width) columns \(problem); the screen:\n" + shell.screen.lines.joined(separator: "\n"),
                    file: file, line: line)
        }
    }

    /// `text` cut into rows of `width` characters, as the editor draws it (as the screen's
    /// lines are read: without trailing spaces).
    private func rows(_ text: String, width: Int) -> [String] {
        stride(from: 0, to: text.count, by: width).map { start in
            String(String(text.dropFirst(start).prefix(width).reversed().drop { $0 == " " }).reversed())
        }
    }

    /// What is wrong on the screen, or nil when it shows the earlier output, then the cell's
    /// rows at once below it with the cursor in its place, then nothing; and the cell's first
    /// row appears nowhere else, not even in the scrollback.
    private static func problem(in screen: ScreenModel, cell: [String], cursor: (row: Int, column: Int)) -> String? {
        let lines = screen.lines
        guard let above = lines.lastIndex(of: "earlier output 2"), above > 0, lines[above - 1] == "earlier output 1" else {
            return "the earlier output is gone"
        }
        guard above + cell.count < lines.count, Array(lines[(above + 1)...(above + cell.count)]) == cell else {
            return "the cell is not drawn right below the earlier output"
        }
        guard lines[(above + cell.count + 1)...].allSatisfy(\.isEmpty) else { return "something is left below the cell" }
        guard screen.transcript.filter({ $0.hasPrefix(cell[0]) }).count == 1 else { return "the cell's first row is shown twice" }
        guard screen.row == above + 1 + cursor.row, screen.column == cursor.column else {
            return "the cursor is at \(screen.row), \(screen.column) instead of \(above + 1 + cursor.row), \(cursor.column)"
        }
        return nil
    }
}
