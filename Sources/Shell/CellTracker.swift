#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// Follows what the line editor writes to the terminal, from the row its cell starts on: where
/// the cursor is, how long each row is, and which rows went on into the next one because the
/// text reached the margin (a soft wrap) rather than because the editor moved down. A terminal
/// that re-wraps its lines on a resize joins exactly the soft-wrapped rows, and libedit writes
/// soft wraps or moves down depending on what it had drawn before (it skips blanks at a row's
/// end), so only watching its output tells where the cell's rows go after a resize.
final class CellTracker {
    /// One row of the cell: the columns written, and whether it wrapped into the next.
    private struct Row {
        var length = 0
        var softWrapped = false
    }

    private var rows = [Row()]
    private(set) var columns = 80
    private(set) var row = 0
    private(set) var column = 0
    /// A character was written in the last column: the next one goes to the next row.
    private var pendingWrap = false
    private var insertMode = false
    /// Bytes of an escape sequence or UTF-8 character cut by the end of a write.
    private var pending: [UInt8] = []

    /// The cell starts here, at the start of this row, the terminal `columns` wide.
    func reset(columns: Int) {
        self.columns = max(1, columns)
        rows = [Row()]
        row = 0
        column = 0
        pendingWrap = false
        insertMode = false
        pending = []
    }

    /// Where the cursor is after the terminal re-wraps the cell's lines at `newColumns`: each
    /// run of soft-wrapped rows is one line, laid out again at the new width.
    func positionAfterRewrap(columns newColumns: Int) -> (row: Int, column: Int) {
        let newColumns = max(1, newColumns)
        var rowsAbove = 0
        var index = 0
        while index < rows.count {
            var length = 0
            var cursorOffset: Int?
            while index < rows.count {
                if index == row { cursorOffset = length + column }
                let current = rows[index]
                index += 1
                if current.softWrapped && index < rows.count {
                    length += columns
                } else {
                    length += current.length
                    break
                }
            }
            if let cursorOffset { return (rowsAbove + cursorOffset / newColumns, cursorOffset % newColumns) }
            rowsAbove += max(1, (length + newColumns - 1) / newColumns)
        }
        return (rowsAbove, column)
    }

    /// Takes in bytes written to the terminal.
    func observe(_ bytes: UnsafeRawBufferPointer) {
        var input = pending
        pending = []
        input.append(contentsOf: bytes)
        var index = 0
        while index < input.count {
            let consumed = step(input[index...])
            if consumed == 0 {
                pending = Array(input[index...])
                return
            }
            index += consumed
        }
    }

    /// Applies one character, control or escape sequence; returns the bytes it took, 0 when
    /// they are not all there yet.
    private func step(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let first = bytes.first else { return 0 }
        switch first {
        case 0x1B:
            return escape(bytes)
        case 0x0D:
            column = 0
            pendingWrap = false
        case 0x0A:
            // the terminal's output processing makes it a carriage return and line feed
            moveTo(row: row + 1)
            column = 0
        case 0x08:
            column = max(0, column - 1)
            pendingWrap = false
        case 0x09:
            column = min(columns - 1, (column / 8 + 1) * 8)
            pendingWrap = false
        case 0..<0x20, 0x7F, 0x80..<0xC0:
            break
        default:
            let length = first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
            if first < 0x80 {
                put(width: 1)
                return 1
            }
            guard bytes.count >= length else { return 0 }
            var decoder = UTF8()
            var iterator = bytes.prefix(length).makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                put(width: Int(jl_wcwidth(wchar_t(bitPattern: scalar.value))))
            }
            return length
        }
        return 1
    }

    /// A character `width` columns wide written at the cursor, wrapping at the margin.
    private func put(width: Int) {
        guard width > 0 else { return }
        let width = min(width, columns)
        if pendingWrap || column + width > columns {
            rows[row].softWrapped = true
            moveTo(row: row + 1)
            column = 0
            pendingWrap = false
        }
        if insertMode {
            rows[row].length = min(columns, max(rows[row].length, column) + width)
        } else {
            rows[row].length = max(rows[row].length, column + width)
        }
        column += width
        if column >= columns {
            column = columns - 1
            pendingWrap = true
        }
    }

    private func moveTo(row target: Int) {
        row = max(0, target)
        while rows.count <= row { rows.append(Row()) }
        pendingWrap = false
    }

    /// An escape sequence: the cursor moves, erasures, insertions and deletions libedit and the
    /// shell write; others (colours, modes) move nothing. Returns the bytes it took.
    private func escape(_ bytes: ArraySlice<UInt8>) -> Int {
        let start = bytes.startIndex
        guard bytes.count > 1 else { return 0 }
        guard bytes[start + 1] == UInt8(ascii: "[") else { return 2 }
        guard let end = bytes.dropFirst(2).firstIndex(where: { (0x40...0x7E).contains($0) }) else {
            // an unfinished sequence waits for the rest, unless it is too long to be one
            return bytes.count > 32 ? bytes.count : 0
        }
        let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
        // counts kept small: a sequence's number must not overflow what it is added to
        let count = min(max(1, Int(parameters) ?? 1), 10_000)
        let first = Int(parameters.split(separator: ";").first ?? "") ?? 0
        switch bytes[end] {
        case UInt8(ascii: "A"): moveTo(row: row - count)
        case UInt8(ascii: "B"): moveTo(row: row + count)
        case UInt8(ascii: "C"): column = min(columns - 1, column + count); pendingWrap = false
        case UInt8(ascii: "D"): column = max(0, column - count); pendingWrap = false
        case UInt8(ascii: "G"): column = min(columns - 1, count - 1); pendingWrap = false
        case UInt8(ascii: "H"):
            // only the shell moves absolutely: to the row the cell starts on
            reset(columns: columns)
        case UInt8(ascii: "K"):
            if first == 0 { rows[row].length = min(rows[row].length, column) }
            if first == 2 { rows[row].length = 0 }
            if first != 1 { rows[row].softWrapped = false }
        case UInt8(ascii: "J"):
            if first == 0 {
                rows[row].length = min(rows[row].length, column)
                rows[row].softWrapped = false
                rows.removeSubrange((row + 1)...)
            }
        case UInt8(ascii: "@"):
            if column < rows[row].length { rows[row].length = min(columns, rows[row].length + count) }
        case UInt8(ascii: "P"):
            if column < rows[row].length { rows[row].length = max(column, rows[row].length - count) }
        case UInt8(ascii: "h"), UInt8(ascii: "l"):
            if parameters == "4" { insertMode = bytes[end] == UInt8(ascii: "h") }
        default:
            break
        }
        return end - start + 1
    }
}
