#if canImport(Glibc)
import Glibc
#endif
import CEditLine
import JaxCore
import Synchronization

/// The flags the shell's signal handlers set. A C signal handler cannot capture anything, so
/// this one instance is a global constant; it holds only atomics.
public final class ShellSignals: Sendable {
    /// Ctrl-C: the same flag the session's JaxContext polls, so a running statement stops.
    public let interrupt = InterruptFlag()
    /// SIGWINCH arrived while no line was being edited: resize the editor before the next one.
    let resized = Atomic<Bool>(false)

    /// The process-wide instance the handlers reach.
    public static let shared = ShellSignals()

    /// Installs SIGINT and SIGWINCH handlers with sa_flags = 0 (no SA_RESTART): a blocking
    /// read returns EINTR, so Ctrl-C at the prompt abandons the line.
    func install() {
        _ = ShellSignals.shared.interrupt.isRaised  // initialise before any handler can run
        _ = jl_set_signal_handler(SIGINT) { _ in ShellSignals.shared.interrupt.raise() }
        _ = jl_set_signal_handler(SIGWINCH) { _ in ShellSignals.shared.resized.store(true, ordering: .relaxed) }
    }
}
