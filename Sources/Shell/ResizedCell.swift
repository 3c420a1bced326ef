#if canImport(Glibc)
import Glibc
#endif

/// Where the cell being edited starts on the screen after the window changed width, found from
/// where the terminal says its cursor is (`ESC[6n`). Terminals do one of two things with the
/// rows already drawn: xterm (and the Linux console, st) cuts or pads them, so the cursor stays
/// on its row; VTE, kitty, iTerm2, Windows Terminal and tmux re-wrap each line at the new width
/// and the cursor moves with the character it was on, so the cell's rows are those it takes at
/// the new width. The cursor's reported column tells the two apart; when both readings fit, the
/// kind seen at an earlier resize decides, or failing that a guess from the environment.
struct ResizedCell {
    /// What a terminal does with its rows when its width changes.
    enum TerminalKind: Hashable, Sendable {
        case cutsRows
        case rewrapsRows
    }

    /// The cursor's place in the cell (row from the prompt's row, and column, from 0) as it was
    /// drawn at the old width, and as the same text lies at the new width.
    let old: (row: Int, column: Int)
    let new: (row: Int, column: Int)
    let newColumns: Int

    /// Each kind's reading: the row the cell starts on, and the column it puts the cursor in.
    private func readings(cursorRow: Int) -> [(kind: TerminalKind, firstRow: Int, column: Int)] {
        var readings = [(TerminalKind.cutsRows, cursorRow - old.row, min(old.column, newColumns - 1)),
                        (TerminalKind.rewrapsRows, cursorRow - new.row, new.column)]
        // a cursor just past a full row may stay at that row's end rather than start the next
        if new.column == 0 && new.row > 0 {
            readings.append((.rewrapsRows, cursorRow - (new.row - 1), newColumns - 1))
        }
        return readings.map { (kind: $0.0, firstRow: $0.1, column: $0.2) }
    }

    /// The row (from 1, at least 1) the cell now starts on given the reported cursor (1-based),
    /// and the kind of terminal that reading shows when only one kind fits it.
    func firstRow(cursorAt reported: (row: Int, column: Int), likelyKind: TerminalKind) -> (row: Int, kind: TerminalKind?) {
        let all = readings(cursorRow: reported.row)
        let fitting = all.filter { $0.column == reported.column - 1 }
        let kinds = Set(fitting.map(\.kind))
        let rows = Set(fitting.map(\.firstRow))
        let chosen: Int
        if rows.count == 1, let row = rows.first {
            chosen = row
        } else {
            // neither reading fits (a wide character re-wrapped otherwise) or both do with
            // different rows: trust the kind of terminal this is believed to be
            let candidates = fitting.isEmpty ? all : fitting
            chosen = (candidates.first { $0.kind == likelyKind } ?? candidates[0]).firstRow
        }
        let seen: TerminalKind? = kinds.count == 1 ? fitting.first?.kind : nil
        return (max(1, chosen), seen)
    }

    /// The kind the environment suggests: xterm sets `XTERM_VERSION`; the Linux console and st
    /// name themselves in `TERM`; everything else common re-wraps (tmux always does, whatever
    /// terminal it runs in).
    static func kindFromEnvironment() -> TerminalKind {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        if variable("TMUX") != nil { return .rewrapsRows }
        let term = variable("TERM") ?? ""
        if variable("XTERM_VERSION") != nil || term == "linux" || term.hasPrefix("st-") || term == "st" {
            return .cutsRows
        }
        return .rewrapsRows
    }
}
