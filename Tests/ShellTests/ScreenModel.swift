/// A small terminal emulator for tests: applies what a program wrote (text, carriage returns,
/// line feeds, the cursor movements, erasures and colours libedit and jaxlab use) to a grid of
/// cells, so a test can assert what the user sees: a line shown once after a resize, text typed
/// after a coloured prompt drawn in the default colour. It wraps at the right margin like
/// xterm and scrolls at the bottom. When resized it either cuts and pads rows as xterm does or,
/// with `reflows`, re-wraps its lines at the new width as VTE, kitty, iTerm2 and tmux do. It
/// answers the cursor position query (`ESC[6n`) as a terminal does.
struct ScreenModel {
    private(set) var columns: Int
    private(set) var rows: Int
    private(set) var grid: [[Cell]]
    /// Re-wraps lines when the width changes, instead of cutting them.
    let reflows: Bool
    /// For each visible row: it was filled and writing went on into the next row (a soft wrap,
    /// what a reflowing terminal joins again), rather than a line feed or a cursor move.
    private var wrapped: [Bool]
    /// Rows scrolled off the top with their soft-wrap marks, oldest first.
    private var history: [(cells: [Cell], wrapped: Bool)] = []
    /// Answers to cursor position queries not yet sent back to the program.
    private(set) var reports: [String] = []
    private(set) var row = 0
    private(set) var column = 0
    /// xterm's pending wrap: a character written in the last column leaves the cursor there
    /// until the next character.
    private var pendingWrap = false
    private var styled = false
    /// The start of an escape sequence the last piece of output cut, kept for the next: a read
    /// from the terminal returns what has arrived, which may end inside a sequence.
    private var pendingEscape: [Unicode.Scalar] = []

    /// One character cell: the character and whether it is drawn with a colour or bold.
    struct Cell: Equatable {
        var character: Character = " "
        var styled = false
    }

    init(columns: Int, rows: Int, reflows: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.reflows = reflows
        grid = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
        wrapped = Array(repeating: false, count: rows)
    }

    /// The visible text, one string per row, trailing spaces removed.
    var lines: [String] { grid.map(ScreenModel.text) }

    /// Rows scrolled off the top, oldest first, as a terminal's scrollback keeps them.
    var scrollback: [String] { history.map { ScreenModel.text($0.cells) } }

    private static func text(_ cells: [Cell]) -> String {
        String(String(cells.map(\.character)).reversed().drop { $0 == " " }.reversed())
    }

    /// Hands over the answers to cursor position queries written so far.
    mutating func takeReports() -> [String] {
        defer { reports.removeAll() }
        return reports
    }

    /// Everything shown so far: the scrollback, then the visible rows.
    var transcript: [String] { scrollback + lines }

    /// The cell at a row and column.
    func cell(_ row: Int, _ column: Int) -> Cell { grid[row][column] }

    /// Where `text` first appears on the screen (row, column).
    func find(_ text: String) -> (row: Int, column: Int)? {
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: text) { return (index, line.distance(from: line.startIndex, to: range.lowerBound)) }
        }
        return nil
    }

    /// The terminal got narrower or wider: rows are cut or padded (as xterm), or re-wrapped
    /// when the terminal reflows and the width changed.
    mutating func resize(columns: Int, rows: Int) {
        if reflows && columns != self.columns { return reflow(columns: columns, rows: rows) }
        grid = (0..<rows).map { index in
            let old = index < grid.count ? grid[index] : []
            return (0..<columns).map { $0 < old.count ? old[$0] : Cell() }
        }
        wrapped = (0..<rows).map { $0 < wrapped.count ? wrapped[$0] : false }
        self.columns = columns
        self.rows = rows
        row = min(row, rows - 1)
        column = min(column, columns - 1)
        pendingWrap = false
    }

    /// Re-wraps every line (the rows joined by soft wraps, scrollback included) at the new
    /// width, the cursor staying on the character it was on, as VTE does. The screen then shows
    /// the last rows up to the cursor or the last text, whichever is lower: text above moves
    /// into the scrollback as lines get taller and comes back as they get shorter.
    private mutating func reflow(columns newColumns: Int, rows newRows: Int) {
        let old = history + zip(grid, wrapped).map { (cells: $0, wrapped: $1) }
        let cursorIndex = history.count + row
        var rewrapped: [(cells: [Cell], wrapped: Bool)] = []
        var cursor = (row: 0, column: 0)
        var index = 0
        while index < old.count {
            // one line: rows joined by soft wraps, the last one without its trailing blanks
            var cells: [Cell] = []
            var cursorOffset: Int?
            while index < old.count {
                let (rowCells, isWrapped) = old[index]
                if index == cursorIndex { cursorOffset = cells.count + column }
                index += 1
                guard isWrapped && index < old.count else {
                    cells += rowCells[..<(rowCells.lastIndex { $0 != Cell() }.map { $0 + 1 } ?? 0)]
                    break
                }
                cells += rowCells
            }
            let needed = max(cells.count, (cursorOffset ?? 0) + 1)
            let count = max(1, (needed + newColumns - 1) / newColumns)
            let first = rewrapped.count
            for part in 0..<count {
                let piece = cells.dropFirst(part * newColumns).prefix(newColumns)
                rewrapped.append((Array(piece) + Array(repeating: Cell(), count: newColumns - piece.count), part < count - 1))
            }
            if let cursorOffset { cursor = (first + cursorOffset / newColumns, cursorOffset % newColumns) }
        }
        let lastText = rewrapped.lastIndex { row in row.cells.contains { $0 != Cell() } } ?? 0
        let end = max(lastText, cursor.row) + 1
        let top = max(0, end - newRows)
        history = Array(rewrapped[..<top])
        let shown = rewrapped[top..<min(end, top + newRows)]
        let blank = (cells: Array(repeating: Cell(), count: newColumns), wrapped: false)
        let screen = Array(shown) + Array(repeating: blank, count: newRows - shown.count)
        grid = screen.map(\.cells)
        wrapped = screen.map(\.wrapped)
        self.columns = newColumns
        self.rows = newRows
        row = cursor.row - top
        column = cursor.column
        pendingWrap = false
    }

    mutating func apply(_ text: String) {
        var scalars = (pendingEscape + Array(text.unicodeScalars))[...]
        pendingEscape = []
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\u{1B}":
                guard ScreenModel.isComplete(escape: scalars) else {
                    pendingEscape = [scalar] + scalars
                    return
                }
                applyEscape(&scalars)
            case "\r":
                column = 0
                pendingWrap = false
            case "\n":
                lineFeed()
            case "\u{8}":
                if column > 0 { column -= 1 }
                pendingWrap = false
            case "\u{7}":
                break
            default:
                if scalar.value < 0x20 { break }
                put(Character(scalar))
            }
        }
    }

    private mutating func put(_ character: Character) {
        if pendingWrap {
            wrapped[row] = true
            column = 0
            lineFeed()
            pendingWrap = false
        }
        grid[row][column] = Cell(character: character, styled: styled)
        if column == columns - 1 {
            pendingWrap = true
        } else {
            column += 1
        }
    }

    private mutating func lineFeed() {
        pendingWrap = false
        if row == rows - 1 {
            history.append((grid[0], wrapped[0]))
            grid.removeFirst()
            grid.append(Array(repeating: Cell(), count: columns))
            wrapped.removeFirst()
            wrapped.append(false)
        } else {
            row += 1
        }
    }

    /// Whether what follows an ESC holds the whole sequence: the byte after it, and for a CSI
    /// (`ESC[`) its final byte.
    private static func isComplete(escape rest: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = rest.first else { return false }
        guard first == "[" else { return true }
        return rest.dropFirst().contains { (0x40...0x7E).contains($0.value) }
    }

    /// CSI sequences: cursor moves (A B C D G H), erase (J K; erasing a row's end ends its soft
    /// wrap), insert/delete characters (@ P), colours (m), the cursor position query (6n);
    /// private modes (`?2004h`) and anything else are ignored.
    private mutating func applyEscape(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        guard let next = scalars.popFirst() else { return }
        guard next == "[" else { return }
        var parameters = ""
        var final: Unicode.Scalar = "@"
        while let scalar = scalars.popFirst() {
            if (0x40...0x7E).contains(scalar.value) {
                final = scalar
                break
            }
            parameters.unicodeScalars.append(scalar)
        }
        if parameters.hasPrefix("?") { return }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = (numbers.first ?? nil) ?? 0
        let count = max(1, first)
        switch final {
        case "A": row = max(0, row - count); pendingWrap = false
        case "B": row = min(rows - 1, row + count); pendingWrap = false
        case "C": column = min(columns - 1, column + count); pendingWrap = false
        case "D": column = max(0, column - count); pendingWrap = false
        case "G": column = min(columns - 1, count - 1); pendingWrap = false
        case "H":
            row = min(rows - 1, max(0, first - 1))
            column = numbers.count > 1 ? min(columns - 1, max(0, (numbers[1] ?? 1) - 1)) : 0
            pendingWrap = false
        case "J":
            if first == 0 {
                for c in column..<columns { grid[row][c] = Cell() }
                for r in (row + 1)..<max(row + 1, rows) { grid[r] = Array(repeating: Cell(), count: columns) }
                for r in row..<rows { wrapped[r] = false }
            } else if first >= 2 {
                grid = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
                wrapped = Array(repeating: false, count: rows)
            }
        case "K":
            if first == 0 { for c in column..<columns { grid[row][c] = Cell() } }
            if first == 2 { grid[row] = Array(repeating: Cell(), count: columns) }
            if first == 0 || first == 2 { wrapped[row] = false }
        case "@":
            for _ in 0..<count where column < columns {
                grid[row].insert(Cell(), at: column)
                grid[row].removeLast()
            }
        case "P":
            for _ in 0..<count where column < columns {
                grid[row].remove(at: column)
                grid[row].append(Cell())
            }
        case "n":
            if first == 6 { reports.append("\u{1B}[\(row + 1);\(column + 1)R") }
        case "m":
            for number in numbers {
                let code = number ?? 0
                if code == 0 { styled = false } else if code != 22 && code != 39 { styled = true }
            }
        default:
            break
        }
    }
}
