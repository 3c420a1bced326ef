#if canImport(Glibc)
import Glibc
#endif
import CEditLine
import CWriteStream
import Language

/// The terminal line editor on libedit's native API, editing a whole cell as IPython does:
/// Enter runs the cell when it is complete and otherwise opens an indented new line; pastes
/// arrive whole (bracketed paste); Up/Down move between the cell's lines and through the history
/// of cells; Tab completes from the interpreter; Ctrl-R searches the history. libedit's
/// callbacks reach this object through EL_CLIENTDATA, so nothing is global.
final class LineEditor: LineSource {
    let editLine: OpaquePointer
    /// The stream libedit writes to (see `emit`).
    let output: UnsafeMutablePointer<FILE>
    /// What libedit and the editor drew of the cell being edited.
    let tracker: CellTracker
    let history: HistoryStore?
    let style: TerminalStyle
    let signals: ShellSignals
    let completer: (String, Int) -> [String]
    /// What Enter does in a cell: run it (complete or invalid) or open another line. The flag
    /// says more input is already waiting (a paste without bracketed paste), when errors in a
    /// block are reported at its end rather than parsed for at every line.
    var cellStatus: (_ text: String, _ morePending: Bool) -> InputStatus = { _, _ in .complete }
    /// The cell number for IPython's numbered prompts (`In [3]: `); nil for `>>> `.
    var cellNumber: (() -> Int)?
    /// libedit keeps these pointers: they live as long as the editor.
    private let programName: UnsafeMutablePointer<CChar>?
    private(set) var promptText: UnsafeMutablePointer<CChar>?
    /// Columns the prompt takes (its text without escape sequences).
    private(set) var promptWidth = 0
    /// Reading a cell (Enter may open a new line) rather than one line (Enter always ends it).
    var readingCell = false
    /// Text to put in the line when libedit starts reading it (see `prefillKeys`).
    var pendingPrefill = ""
    var search: PrefixSearch?
    var searchShown: String?
    /// Bytes of a UTF-8 character read so far.
    private var pendingBytes: [UInt8] = []
    /// Whether the terminal was last told to mark pastes.
    private var bracketedPaste = false
    /// Keys read since Enter last indented a new line (1: the key being handled is the first).
    var keysSinceAutoIndent = Int.max
    /// Bytes typed while the terminal's answer to a cursor query was awaited: the keys libedit
    /// gets next, before anything new is read.
    var typedAhead: [UInt8] = []
    /// Cursor queries that went unanswered in time: their answers, if they come, are dropped.
    var lateCursorReports = 0
    /// The terminal answers cursor queries (until two in a row go unanswered).
    var cursorQueriesAnswered = true
    /// What the terminal does with its rows on a resize: seen at an earlier resize, or guessed.
    var terminalKind = ResizedCell.kindFromEnvironment()

    /// Private key sequences the editor pushes into its own input: libedit then runs the bound
    /// function inside `el_gets` (inserting a pre-filled cell, ending the line). No terminal
    /// sends them.
    static let prefillKeys = "\u{1B}[jaxlab-prefill~"
    static let acceptKeys = "\u{1B}[jaxlab-accept~"

    /// Nil when libedit cannot set up the terminal.
    init?(history: HistoryStore?, style: TerminalStyle, signals: ShellSignals,
          completer: @escaping (String, Int) -> [String]) {
        let name = strdup("jaxlab")
        // libedit writes through a stream that passes everything to standard output and shows
        // it to the tracker
        let tracker = CellTracker()
        let output = jl_open_write_stream(Unmanaged.passUnretained(tracker).toOpaque()) { context, buffer, size in
            guard let context, let buffer else { return -1 }
            let written = TerminalIO.writeAll(UnsafeRawBufferPointer(start: buffer, count: size), to: 1)
            Unmanaged<CellTracker>.fromOpaque(context).takeUnretainedValue()
                .observe(UnsafeRawBufferPointer(start: buffer, count: written))
            return written == size ? size : -1
        }
        guard let output else {
            free(name)
            return nil
        }
        guard let editLine = el_init_fd(name, jl_stdin(), output, jl_stderr(), 0, 1, 2) else {
            fclose(output)
            free(name)
            return nil
        }
        self.editLine = editLine
        self.output = output
        self.tracker = tracker
        self.programName = name
        self.history = history
        self.style = style
        self.signals = signals
        self.completer = completer
        configure()
    }

    deinit {
        el_end(editLine)
        fclose(output)
        free(programName)
        free(promptText)
    }

    private func configure() {
        _ = jl_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = jl_el_set_editor(editLine, "emacs")
        // Keys come through readKey, which handles signals outside signal handlers; libedit's
        // own handling (EL_SIGNAL) resizes inside the SIGWINCH handler and can corrupt the heap.
        _ = jl_el_set_reader(editLine) { editLine, character in
            guard let editLine, let character, let editor = LineEditor.from(editLine) else { return -1 }
            return editor.readKey(into: character)
        }
        _ = jl_el_set_prompt(editLine, { editLine in
            guard let editLine, let editor = LineEditor.from(editLine) else { return nil }
            return editor.promptText
        }, 1)
        // libedit calls a C function without context: one closure per command, each finding
        // the editor through the client data
        let add: [(String, @convention(c) (OpaquePointer?, Int32) -> UInt8)] = [
            ("jaxlab-complete", { e, _ in LineEditor.run(e) { $0.complete() } }),
            ("jaxlab-enter", { e, _ in LineEditor.run(e) { $0.enter() } }),
            ("jaxlab-space", { e, _ in LineEditor.run(e) { $0.space() } }),
            ("jaxlab-backspace", { e, _ in LineEditor.run(e) { $0.backspace() } }),
            ("jaxlab-up", { e, _ in LineEditor.run(e) { $0.lineOrHistory(up: true) } }),
            ("jaxlab-down", { e, _ in LineEditor.run(e) { $0.lineOrHistory(up: false) } }),
            ("jaxlab-search", { e, _ in LineEditor.run(e) { $0.reverseSearch() } }),
            ("jaxlab-paste", { e, _ in LineEditor.run(e) { $0.paste() } }),
            ("jaxlab-prefill", { e, _ in LineEditor.run(e) { $0.insertPrefill() } }),
            ("jaxlab-word-left", { e, _ in LineEditor.run(e) { $0.moveWord(forward: false) } }),
            ("jaxlab-word-right", { e, _ in LineEditor.run(e) { $0.moveWord(forward: true) } }),
            ("jaxlab-kill-word-left", { e, _ in LineEditor.run(e) { $0.killWord(forward: false) } }),
            ("jaxlab-kill-word-right", { e, _ in LineEditor.run(e) { $0.killWord(forward: true) } }),
        ]
        for (name, function) in add { _ = jl_el_add_function(editLine, name, name, function) }
        for (keys, function) in LineEditor.bindings { _ = jl_el_bind(editLine, keys, function) }
    }

    /// Runs an editing command on the editor behind `editLine`.
    private static func run(_ editLine: OpaquePointer?, _ action: (LineEditor) -> UInt8) -> UInt8 {
        guard let editLine, let editor = from(editLine) else { return UInt8(CC_ERROR) }
        return action(editor)
    }

    /// Keys and the commands they run (emacs keys otherwise).
    static let bindings: [(String, String)] = [
        ("^I", "jaxlab-complete"),
        ("^M", "jaxlab-enter"), ("^J", "jaxlab-enter"),
        (" ", "jaxlab-space"),
        ("^H", "jaxlab-backspace"), ("^?", "jaxlab-backspace"),
        ("\u{1B}[A", "jaxlab-up"), ("\u{1B}OA", "jaxlab-up"), ("^P", "jaxlab-up"),
        ("\u{1B}[B", "jaxlab-down"), ("\u{1B}OB", "jaxlab-down"), ("^N", "jaxlab-down"),
        ("^R", "jaxlab-search"),
        ("\u{1B}[200~", "jaxlab-paste"),
        (prefillKeys, "jaxlab-prefill"),
        (acceptKeys, "ed-newline"),
        ("\u{1B}[H", "ed-move-to-beg"), ("\u{1B}[F", "ed-move-to-end"),
        ("\u{1B}[1~", "ed-move-to-beg"), ("\u{1B}[4~", "ed-move-to-end"),
        ("\u{1B}[3~", "ed-delete-next-char"),
        // words stop at `.` and `_`, as in IPython (libedit's words run through them)
        ("\u{1B}b", "jaxlab-word-left"), ("\u{1B}B", "jaxlab-word-left"),
        ("\u{1B}f", "jaxlab-word-right"), ("\u{1B}F", "jaxlab-word-right"),
        ("\u{1B}[1;5D", "jaxlab-word-left"), ("\u{1B}[1;5C", "jaxlab-word-right"),
        ("\u{1B}[1;3D", "jaxlab-word-left"), ("\u{1B}[1;3C", "jaxlab-word-right"),
        ("\u{1B}^?", "jaxlab-kill-word-left"), ("\u{1B}^H", "jaxlab-kill-word-left"),
        ("\u{1B}d", "jaxlab-kill-word-right"), ("\u{1B}D", "jaxlab-kill-word-right"),
        // libedit's own history search and command line: the history is ours, and what is
        // typed at libedit's command line (M-x) is parsed as editline commands, whose parser
        // crashes on some input
        ("\u{1B}p", "ed-unassigned"), ("\u{1B}P", "ed-unassigned"), ("\u{1B}n", "ed-unassigned"),
        ("\u{1B}N", "ed-unassigned"), ("^S", "ed-unassigned"),
        ("\u{1B}x", "ed-unassigned"), ("\u{1B}X", "ed-unassigned"),
    ]

    private static func from(_ editLine: OpaquePointer) -> LineEditor? {
        guard let data = jl_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    // MARK: Reading

    /// Reads a whole cell: Enter ends it only when it can run (see `cellStatus`).
    func readCell(prefill: String) -> LineInput {
        readingCell = true
        defer { readingCell = false }
        let input = read(.primary, prefill: prefill)
        if case .line(let text) = input, text.contains("\n") { redrawAccepted(text) }
        return input
    }

    /// Reads one line, pre-filled (tabs become spaces, newlines are dropped).
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput {
        read(prompt, prefill: prefill.replacingTabs.filter { !$0.isNewline })
    }

    private func read(_ prompt: Prompt, prefill: String) -> LineInput {
        setPrompt(prompt)
        search = nil
        searchShown = nil
        keysSinceAutoIndent = Int.max
        // Ctrl-C pressed since the last line was read interrupts this one: dropping it would
        // leave the user at a prompt that ignored the key.
        if signals.interrupt.consume() {
            pendingBytes.removeAll()
            typedAhead.removeAll()
            return .interrupted
        }
        _ = signals.continued.exchange(false, ordering: .relaxed)
        // bracketed paste: the terminal marks pasted text, which then arrives whole
        setBracketedPaste(true)
        defer { setBracketedPaste(false) }
        pendingPrefill = prefill
        if !prefill.isEmpty { el_push(editLine, LineEditor.prefillKeys) }
        // libedit draws the prompt where the cursor is
        tracker.reset(columns: Int(jl_el_columns(editLine)))
        var count: Int32 = 0
        errno = 0
        guard let text = el_gets(editLine, &count) else {
            pendingPrefill = ""
            // Ctrl-C interrupts libedit's read (EINTR; count is -1, or 0 inside some editing
            // commands); Ctrl-D ends input without it. errno is the surer sign: the flag may be
            // raised late when the re-raised signal is handled on another thread.
            let interrupted = errno == EINTR || signals.interrupt.isRaised
            _ = signals.interrupt.consume()
            return interrupted ? .interrupted : .endOfInput
        }
        var line = String(cString: text)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// libedit's character reader: one key's character from standard input, decoding UTF-8.
    /// Resizes and a resumed job are handled here, between reads; Ctrl-C ends the line (-1, EINTR).
    private func readKey(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if signals.resized.exchange(false, ordering: .relaxed) { redrawAfterResize() }
            if signals.continued.exchange(false, ordering: .relaxed) { resumeAfterStop() }
            // A Ctrl-C that arrived while a key was being handled interrupted no read: notice
            // it here, and wait for input in short polls so one arriving just before the
            // read is noticed too.
            if signals.interrupt.isRaised {
                // the terminal drops what was typed and not yet read on Ctrl-C: so do the keys
                // kept while it was asked where the cursor is
                pendingBytes.removeAll()
                typedAhead.removeAll()
                errno = EINTR
                return -1
            }
            var byte: UInt8 = 0
            if typedAhead.isEmpty {
                var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 50)
                if ready == 0 || (ready < 0 && errno == EINTR) { continue }
                let count = Glibc.read(0, &byte, 1)
                if count == 0 { return 0 }
                if count < 0 {
                    if errno == EINTR && !signals.interrupt.isRaised { continue }
                    let error = errno
                    pendingBytes.removeAll()
                    errno = error
                    return -1
                }
                // the answer to a cursor query that was given up on is not a key
                if byte == 0x1B && lateCursorReports > 0 {
                    if readCursorReport(within: 0.1, startingWith: [byte]) != nil {
                        lateCursorReports -= 1
                        cursorQueriesAnswered = true
                    }
                    continue
                }
            } else {
                byte = typedAhead.removeFirst()
            }
            pendingBytes.append(byte)
            guard let scalar = decodePendingBytes() else { continue }
            character.pointee = wchar_t(bitPattern: scalar.value)
            if keysSinceAutoIndent < Int.max { keysSinceAutoIndent += 1 }
            return 1
        }
    }

    /// The character once all its UTF-8 bytes are in; invalid bytes are dropped, and a byte
    /// that cuts a sequence short starts the next character rather than being lost with it.
    private func decodePendingBytes() -> Unicode.Scalar? {
        guard let lead = pendingBytes.first else { return nil }
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0 else {
            pendingBytes.removeAll()
            return nil
        }
        if pendingBytes.count > 1, let last = pendingBytes.last, last >> 6 != 0b10 {
            pendingBytes = [last]
            return decodePendingBytes()
        }
        guard pendingBytes.count == length else { return nil }
        var decoder = UTF8()
        var iterator = pendingBytes.makeIterator()
        pendingBytes.removeAll()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// After Ctrl-Z and `fg` the job-control shell has put the terminal back in line mode:
    /// leave libedit's raw mode and enter it again (entering alone does nothing, libedit still
    /// believing it is raw), turn bracketed paste back on, and draw the line afresh.
    private func resumeAfterStop() {
        _ = jl_el_prepare_terminal(editLine, 0)
        _ = jl_el_prepare_terminal(editLine, 1)
        bracketedPaste = false
        setBracketedPaste(true)
        emit("\r\u{1B}[J")
        redrawFromHere()
    }

    func remember(_ text: String) { history?.add(text) }

    /// Writes to the terminal after what libedit wrote, through its stream, so the tracker
    /// sees it too.
    func emit(_ text: String) {
        fputs(text, output)
        fflush(output)
    }

    /// libedit draws the whole cell again, from the cursor's row: where it takes the cell to
    /// start.
    func redrawFromHere() {
        tracker.reset(columns: Int(jl_el_columns(editLine)))
        _ = jl_el_refresh(editLine)
    }

    /// Turns the terminal's bracketed paste on or off (once: it is an escape sequence).
    func setBracketedPaste(_ on: Bool) {
        guard on != bracketedPaste else { return }
        bracketedPaste = on
        emit(on ? TerminalIO.bracketedPasteOn : TerminalIO.bracketedPasteOff)
    }

    private func setPrompt(_ prompt: Prompt) {
        let text: String
        switch prompt {
        case .primary:
            if let number = cellNumber?() {
                text = style.enabled ? "\u{1}\u{1B}[32m\u{1}In [\u{1}\u{1B}[1m\u{1}\(number)\u{1}\u{1B}[22m\u{1}]:\u{1}\u{1B}[0m\u{1} " : "In [\(number)]: "
            } else {
                // the colour is reset before the last visible character: libedit drops escape
                // sequences that end a prompt, which left everything typed bold green
                text = style.enabled ? "\u{1}\u{1B}[1;32m\u{1}>>>\u{1}\u{1B}[0m\u{1} " : ">>> "
            }
        case .continuation:
            text = style.enabled ? "\u{1}\u{1B}[32m\u{1}...\u{1}\u{1B}[0m\u{1} " : "... "
        case .question(let question):
            text = question
        }
        setRawPrompt(text)
    }

    /// Sets the prompt's text as libedit takes it (escape sequences between `\u{1}` marks).
    func setRawPrompt(_ text: String) {
        promptWidth = ScreenLayout.visibleWidth(ofPrompt: text)
        free(promptText)
        promptText = strdup(text)
    }

    /// The prompt shown before each line after the first when a cell is redrawn: `... `, or
    /// IPython's `   ...: ` as wide as `In [n]: `.
    func continuationPrompt() -> String {
        guard cellNumber != nil else { return style.green("...") + " " }
        return String(repeating: " ", count: max(0, promptWidth - 5)) + style.green("...:") + " "
    }

    // MARK: The line being edited

    /// The whole buffer and the cursor's offset in Unicode scalars.
    func currentLine() -> (text: [Unicode.Scalar], cursor: Int) {
        guard let info = el_wline(editLine)?.pointee else { return ([], 0) }
        let length = info.lastchar - info.buffer
        let cursor = info.cursor - info.buffer
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(max(0, length))
        for index in 0..<max(0, length) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: info.buffer[index])) { scalars.append(scalar) }
        }
        return (scalars, min(max(0, cursor), scalars.count))
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Replaces the whole buffer, leaving the cursor at its end.
    func replaceLine(with text: String) {
        let (line, cursor) = currentLine()
        _ = el_cursor(editLine, Int32(line.count - cursor))
        el_deletestr(editLine, Int32(line.count))
        if !text.isEmpty { _ = el_insertstr(editLine, text) }
    }

    /// Moves the cursor by `offset` scalars.
    func moveCursor(by offset: Int) {
        if offset != 0 { _ = el_cursor(editLine, Int32(clamping: offset)) }
    }
}

extension String {
    /// Tabs replaced by four spaces.
    var replacingTabs: String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") }
}
