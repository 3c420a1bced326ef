#if canImport(Glibc)
import Glibc
#endif
import CEditLine
import Language
import Synchronization

/// The flags the shell's signal handlers set. A C signal handler cannot capture anything, so
/// this one instance is a global constant; it holds only atomics and the terminal settings
/// found at start.
public final class ShellSignals: Sendable {
    /// Ctrl-C: the same flag the session's JaxContext polls, so a running statement stops.
    public let interrupt = InterruptFlag()
    /// SIGWINCH: the editor re-reads the window size before its next key (never inside the
    /// handler, where resizing libedit's buffers could corrupt the heap).
    let resized = Atomic<Bool>(false)
    /// SIGCONT after Ctrl-Z: the editor puts the terminal back in its mode and redraws.
    let continued = Atomic<Bool>(false)
    /// Standard input's settings when the shell started, restored if a signal ends it.
    let originalTerminal: termios?
    /// Standard output is a terminal (which may have bracketed paste on).
    let outputIsTerminal: Bool
    /// The thread that reads keys. Ctrl-C must interrupt its blocking read, but the kernel may
    /// deliver the signal to any thread (OpenBLAS's workers, the interpreter's own thread).
    let keyReaderThread: pthread_t

    /// The process-wide instance the handlers reach.
    public static let shared = ShellSignals()

    private init() {
        var settings = termios()
        originalTerminal = tcgetattr(0, &settings) == 0 ? settings : nil
        outputIsTerminal = isatty(1) == 1
        keyReaderThread = pthread_self()
    }

    /// Installs handlers with sa_flags = 0 (no SA_RESTART): a blocking read returns EINTR, so
    /// Ctrl-C at the prompt abandons the line and a resize is handled at once. SIGTERM and
    /// SIGHUP restore the terminal before they end the process.
    func install() {
        _ = ShellSignals.shared.interrupt.isRaised  // initialise before any handler can run
        _ = jl_set_signal_handler(SIGINT) { signal in
            let signals = ShellSignals.shared
            signals.interrupt.raise()
            // pthread_kill is async-signal-safe: pass the signal on so the key reader's read
            // returns EINTR even when another thread caught it.
            if pthread_equal(pthread_self(), signals.keyReaderThread) == 0 {
                _ = pthread_kill(signals.keyReaderThread, signal)
            }
        }
        _ = jl_set_signal_handler(SIGWINCH) { _ in ShellSignals.shared.resized.store(true, ordering: .relaxed) }
        _ = jl_set_signal_handler(SIGCONT) { _ in ShellSignals.shared.continued.store(true, ordering: .relaxed) }
        // Ctrl-Z: give the terminal back as it was (line mode, no bracketed paste) before
        // stopping; SIGCONT then has the editor take it again
        _ = jl_set_signal_handler(SIGTSTP) { signal in
            ShellSignals.shared.restoreTerminal()
            jl_stop_by_signal(signal)
            ShellSignals.shared.continued.store(true, ordering: .relaxed)
        }
        for fatal in [SIGTERM, SIGHUP] {
            _ = jl_set_signal_handler(fatal) { signal in
                ShellSignals.shared.restoreTerminal()
                jl_die_by_signal(signal)
            }
        }
        // a crash leaves the terminal usable too (its state, bracketed paste off)
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            _ = jl_set_signal_handler(crash) { signal in
                ShellSignals.shared.restoreTerminal()
                jl_die_by_signal(signal)
            }
        }
    }

    /// Puts standard input's settings back as they were at start and turns bracketed paste
    /// off. Only async-signal-safe calls: it runs in signal handlers.
    func restoreTerminal() {
        guard var settings = originalTerminal else { return }
        tcsetattr(0, TCSANOW, &settings)
        if outputIsTerminal { jl_bracketed_paste_off() }
    }
}
