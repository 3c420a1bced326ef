#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// The terminal line editor on libedit's native API: emacs keys, coloured prompts, Tab
/// completion from the interpreter and Up/Down prefix search. libedit's callbacks reach this
/// object through EL_CLIENTDATA, so nothing is global.
final class LineEditor: LineSource {
    private let editLine: OpaquePointer
    private let history: HistoryStore?
    private let style: TerminalStyle
    private let signals: ShellSignals
    private let completer: (String, Int) -> [String]
    /// libedit keeps these pointers: they live as long as the editor.
    private let programName: UnsafeMutablePointer<CChar>?
    private var promptText: UnsafeMutablePointer<CChar>?
    private var search: PrefixSearch?
    /// Bytes of a UTF-8 character read so far.
    private var pendingBytes: [UInt8] = []
    private var searchShown: String?

    /// Nil when libedit cannot set up the terminal.
    init?(history: HistoryStore?, style: TerminalStyle, signals: ShellSignals,
          completer: @escaping (String, Int) -> [String]) {
        let name = strdup("jaxlab")
        guard let editLine = el_init(name, jl_stdin(), jl_stdout(), jl_stderr()) else {
            free(name)
            return nil
        }
        self.editLine = editLine
        self.programName = name
        self.history = history
        self.style = style
        self.signals = signals
        self.completer = completer
        configure()
    }

    deinit {
        el_end(editLine)
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
        if let history { _ = jl_el_set_history(editLine, history.handle) }
        _ = jl_el_add_function(editLine, "jaxlab-complete", "Complete the word at the cursor") { editLine, _ in
            guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
            return editor.complete()
        }
        _ = jl_el_add_function(editLine, "jaxlab-history-older", "Older history entry with this prefix") { editLine, _ in
            guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
            return editor.searchHistory(older: true)
        }
        _ = jl_el_add_function(editLine, "jaxlab-history-newer", "Newer history entry with this prefix") { editLine, _ in
            guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
            return editor.searchHistory(older: false)
        }
        let bindings: [(String, String)] = [
            ("^I", "jaxlab-complete"),
            ("\u{1B}[A", "jaxlab-history-older"), ("\u{1B}OA", "jaxlab-history-older"),
            ("\u{1B}[B", "jaxlab-history-newer"), ("\u{1B}OB", "jaxlab-history-newer"),
            ("\u{1B}[H", "ed-move-to-beg"), ("\u{1B}[F", "ed-move-to-end"),
            ("\u{1B}[1~", "ed-move-to-beg"), ("\u{1B}[4~", "ed-move-to-end"),
            ("\u{1B}[3~", "ed-delete-next-char"),
            ("\u{1B}[1;5D", "ed-prev-word"), ("\u{1B}[1;5C", "em-next-word"),
            ("\u{1B}[1;3D", "ed-prev-word"), ("\u{1B}[1;3C", "em-next-word"),
            // libedit's command line (M-x): what is typed there is parsed as editline
            // commands (bind, settc, setty ...), and its parser crashes on some input
            ("\u{1B}x", "ed-unassigned"), ("\u{1B}X", "ed-unassigned"),
        ]
        for (keys, function) in bindings { _ = jl_el_bind(editLine, keys, function) }
    }

    private static func from(_ editLine: OpaquePointer) -> LineEditor? {
        guard let data = jl_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    // MARK: Reading

    func readLine(_ prompt: Prompt) -> LineInput {
        setPrompt(prompt)
        search = nil
        searchShown = nil
        // Ctrl-C pressed since the last line was read (while a block's lines were being
        // checked for completeness, say) interrupts this line: dropping it would leave the
        // user at a `... ` prompt that ignored the key.
        if signals.interrupt.consume() {
            pendingBytes.removeAll()
            return .interrupted
        }
        var count: Int32 = 0
        errno = 0
        guard let text = el_gets(editLine, &count) else {
            // Ctrl-C interrupts libedit's read (EINTR; count is -1, or 0 inside some editing
            // commands); Ctrl-D ends input without it. errno is the surer sign: the flag may be
            // raised late when the re-raised signal is handled on another thread.
            let interrupted = errno == EINTR || signals.interrupt.isRaised
            _ = signals.interrupt.consume()
            return interrupted ? .interrupted : .endOfInput
        }
        var line = String(cString: text)
        if line.hasSuffix("\n") || line.hasSuffix("\r\n") { line.removeLast() }
        return .line(line)
    }

    /// Pushes `prefill` into libedit's input ahead of the keyboard, so the line starts out
    /// holding it, cursor at its end (tabs become spaces: a tab would complete).
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput {
        let text = prefill.replacingTabs.filter { !$0.isNewline }
        // an interrupt already pending ends the read before anything is pushed, so no
        // pre-filled text is left over for the next line
        if signals.interrupt.consume() { return .interrupted }
        if !text.isEmpty { el_push(editLine, text) }
        return readLine(prompt)
    }

    /// libedit's character reader: one key's character from standard input, decoding UTF-8.
    /// Resizes and a resumed job are handled here, between reads; Ctrl-C ends the line (-1, EINTR).
    private func readKey(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if signals.resized.exchange(false, ordering: .relaxed) {
                // libedit's display model is stale after a resize; drawing through it can
                // write past its rebuilt buffers. Start a fresh line and redraw it all.
                el_resize(editLine)
                TerminalIO.write("\r\n")
                _ = jl_el_refresh(editLine)
            }
            if signals.continued.exchange(false, ordering: .relaxed) {
                _ = jl_el_prepare_terminal(editLine, 1)
                _ = jl_el_refresh(editLine)
            }
            // A Ctrl-C that arrived while a key was being handled interrupted no read: notice
            // it here, and wait for input in short polls so one arriving just before the
            // read is noticed too.
            if signals.interrupt.isRaised {
                pendingBytes.removeAll()
                errno = EINTR
                return -1
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var byte: UInt8 = 0
            let count = read(0, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR && !signals.interrupt.isRaised { continue }
                let error = errno
                pendingBytes.removeAll()
                errno = error
                return -1
            }
            pendingBytes.append(byte)
            guard let scalar = decodePendingBytes() else { continue }
            character.pointee = wchar_t(bitPattern: scalar.value)
            return 1
        }
    }

    /// The character once all its UTF-8 bytes are in; invalid bytes are dropped.
    private func decodePendingBytes() -> Unicode.Scalar? {
        guard let lead = pendingBytes.first else { return nil }
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0, pendingBytes.dropFirst().allSatisfy({ $0 >> 6 == 0b10 }) else {
            pendingBytes.removeAll()
            return nil
        }
        guard pendingBytes.count == length else { return nil }
        var decoder = UTF8()
        var iterator = pendingBytes.makeIterator()
        pendingBytes.removeAll()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    var hasPendingInput: Bool { TerminalIO.hasPendingInput(0, milliseconds: 0) }

    func remember(_ line: String) { history?.add(line) }

    private func setPrompt(_ prompt: Prompt) {
        let text: String
        switch prompt {
        case .primary: text = style.enabled ? "\u{1}\u{1B}[1;32m\u{1}>>> \u{1}\u{1B}[0m\u{1}" : ">>> "
        case .continuation: text = style.enabled ? "\u{1}\u{1B}[32m\u{1}... \u{1}\u{1B}[0m\u{1}" : "... "
        case .question(let question): text = question
        }
        free(promptText)
        promptText = strdup(text)
    }

    // MARK: The line being edited

    /// The whole line and the cursor's offset in Unicode scalars.
    private func currentLine() -> (text: [Unicode.Scalar], cursor: Int) {
        guard let info = el_wline(editLine)?.pointee else { return ([], 0) }
        let length = info.lastchar - info.buffer
        let cursor = info.cursor - info.buffer
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(length)
        for index in 0..<max(0, length) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: info.buffer[index])) { scalars.append(scalar) }
        }
        return (scalars, min(max(0, cursor), scalars.count))
    }

    private static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Replaces the whole line, leaving the cursor at its end.
    private func replaceLine(with text: String) {
        let (line, cursor) = currentLine()
        _ = el_cursor(editLine, Int32(line.count - cursor))
        el_deletestr(editLine, Int32(line.count))
        if !text.isEmpty { _ = el_insertstr(editLine, text) }
    }

    // MARK: Completion

    private func complete() -> UInt8 {
        let (line, cursor) = currentLine()
        let before = LineEditor.string(line[..<cursor])
        // Tab in the indentation indents, as in IPython.
        if before.allSatisfy({ $0 == " " || $0 == "\t" }) {
            _ = el_insertstr(editLine, "    ")
            return UInt8(CC_REFRESH)
        }
        let candidates = completer(LineEditor.string(line), before.count)
        switch CompletionPlan.plan(before: before, candidates: candidates) {
        case .nothing:
            return UInt8(CC_REFRESH_BEEP)
        case .insert(let deleting, let text):
            if deleting > 0 { el_deletestr(editLine, Int32(deleting)) }
            if !text.isEmpty { _ = el_insertstr(editLine, text) }
            return UInt8(CC_REFRESH)
        case .list(let items):
            let width = Int(jl_el_columns(editLine))
            let shown = items.count > 200 ? Array(items.prefix(200)) : items
            var listing = "\n" + CompletionPlan.columns(shown, width: width > 0 ? width : 80) + "\n"
            if shown.count < items.count { listing += "... and \(items.count - shown.count) more\n" }
            TerminalIO.write(listing)
            return UInt8(CC_REDISPLAY)
        }
    }

    // MARK: History search

    private func searchHistory(older: Bool) -> UInt8 {
        guard let history else { return UInt8(CC_REFRESH_BEEP) }
        let (line, cursor) = currentLine()
        let text = LineEditor.string(line)
        if search == nil || searchShown != text {
            search = PrefixSearch(prefix: LineEditor.string(line[..<cursor]), typed: text,
                                  entryCount: history.entries.count)
        }
        guard var current = search else { return UInt8(CC_REFRESH_BEEP) }
        let found = older ? current.older(in: history.entries, shown: text)
                          : current.newer(in: history.entries, shown: text)
        search = current
        guard let found else { return UInt8(CC_REFRESH_BEEP) }
        replaceLine(with: found)
        searchShown = found
        return UInt8(CC_REFRESH)
    }
}

extension String {
    /// Tabs replaced by four spaces.
    var replacingTabs: String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") }
}
