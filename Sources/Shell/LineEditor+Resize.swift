#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// The cell drawn once at the new width after the window is resized. By the time the editor
/// hears of a resize the terminal has already moved the rows it showed, and how depends on the
/// terminal (see `ResizedCell`) and on how the rows were drawn (see `CellTracker`): so it asks
/// the terminal where the cursor now is, works out the row the cell starts on, clears from
/// there down and lets libedit draw the cell again.
extension LineEditor {
    /// Seconds to wait for the terminal's answer to a cursor query.
    static let cursorReportTimeout = 1.0

    func redrawAfterResize() {
        fflush(output)
        let old = (row: tracker.row, column: tracker.column)
        if let firstRow = cellFirstRowAfterResize(old: old) {
            emit("\u{1B}[\(firstRow);1H\u{1B}[J")
        } else {
            // no answer: as if the rows stayed as they were drawn
            emit("\r" + (old.row > 0 ? "\u{1B}[\(old.row)A" : "") + "\u{1B}[J")
        }
        el_resize(editLine)
        redrawFromHere()
    }

    /// The screen row (from 1) the cell starts on now, from the cursor's reported place; nil
    /// when the terminal does not answer.
    private func cellFirstRowAfterResize(old: (row: Int, column: Int)) -> Int? {
        guard cursorQueriesAnswered else { return nil }
        var reported: (row: Int, column: Int)?
        // A window being dragged resizes many times: ask again while resizes keep coming, so
        // the answer and the width read after it belong to the same layout.
        for _ in 0..<8 {
            emit("\u{1B}[6n")
            reported = readCursorReport(within: LineEditor.cursorReportTimeout, skippingLateReports: true)
            if reported == nil || !signals.resized.exchange(false, ordering: .relaxed) { break }
        }
        guard let reported else {
            lateCursorReports += 1
            // two unanswered in a row: this terminal does not answer (until a late answer comes)
            if lateCursorReports >= 2 { cursorQueriesAnswered = false }
            return nil
        }
        let columns = TerminalIO.windowSize().columns
        let new = tracker.positionAfterRewrap(columns: columns)
        let found = ResizedCell(old: old, new: new, newColumns: columns).firstRow(cursorAt: reported, likelyKind: terminalKind)
        if let kind = found.kind { terminalKind = kind }
        return found.row
    }

    /// Reads the terminal's answer to `ESC[6n` (`ESC[row;columnR`) within `seconds`. Every other
    /// byte read meanwhile is a key typed during the wait and is kept, in order, in
    /// `typedAhead`. With `skippingLateReports`, the answers to queries given up on earlier
    /// come first (a terminal answers in order) and are passed over; if no other answer comes,
    /// the last one passed over was this query's (the earlier ones were lost, as Ctrl-C makes
    /// the terminal drop unread input).
    func readCursorReport(within seconds: Double, startingWith start: [UInt8] = [],
                          skippingLateReports: Bool = false) -> (row: Int, column: Int)? {
        var candidate = start
        var skipped: (row: Int, column: Int)?
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        var deadline = Double(clock.tv_sec) + Double(clock.tv_nsec) * 1e-9 + seconds
        while true {
            clock_gettime(CLOCK_MONOTONIC, &clock)
            let now = Double(clock.tv_sec) + Double(clock.tv_nsec) * 1e-9
            if signals.interrupt.isRaised {
                // Ctrl-C: stop waiting, but finish an answer begun (its start would otherwise
                // be dropped with the keys and the rest taken for keys)
                if candidate.isEmpty { break }
                deadline = min(deadline, now + 0.1)
            }
            let left = deadline - now
            if left <= 0 { break }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(1, left * 1000)))
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var byte: UInt8 = 0
            let count = ready > 0 ? Glibc.read(0, &byte, 1) : -1
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            candidate.append(byte)
            switch CursorReport(candidate) {
            case .partial:
                continue
            case .complete(let row, let column):
                candidate = []
                if skippingLateReports && lateCursorReports > 0 {
                    lateCursorReports -= 1
                    cursorQueriesAnswered = true
                    skipped = (row, column)
                    continue
                }
                return (row, column)
            case .notAReport:
                // keys; an ESC among them may start the answer
                if byte == 0x1B && candidate.count > 1 {
                    typedAhead += candidate.dropLast()
                    candidate = [0x1B]
                } else {
                    typedAhead += candidate
                    candidate = []
                }
            }
        }
        typedAhead += candidate
        if skipped != nil { lateCursorReports = 0 }
        return skipped
    }
}

/// The bytes read so far, parsed as a cursor position report `ESC[row;columnR`.
enum CursorReport: Equatable {
    case partial
    case complete(row: Int, column: Int)
    case notAReport

    init(_ bytes: [UInt8]) {
        guard let first = bytes.first, first == 0x1B else { self = .notAReport; return }
        guard bytes.count > 1 else { self = .partial; return }
        guard bytes[1] == UInt8(ascii: "["), bytes.count <= 24 else { self = .notAReport; return }
        let body = bytes.dropFirst(2)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let last = body.last else { self = .partial; return }
        if last == UInt8(ascii: "R") {
            let numbers = body.dropLast().split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(isDigit) }),
                  let row = Int(String(decoding: numbers[0], as: UTF8.self)),
                  let column = Int(String(decoding: numbers[1], as: UTF8.self)) else {
                self = .notAReport
                return
            }
            self = .complete(row: row, column: column)
        } else if isDigit(last) || (last == UInt8(ascii: ";") && body.filter({ $0 == UInt8(ascii: ";") }).count == 1) {
            self = .partial
        } else {
            self = .notAReport
        }
    }
}
