import Synchronization

/// A flag a signal handler may set (Ctrl-C) and the evaluator polls: lock-free and Sendable.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Called from the SIGINT handler: only an atomic store, which is async-signal-safe.
    public func raise() { raised.store(true, ordering: .relaxed) }

    public func clear() { raised.store(false, ordering: .relaxed) }

    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Reads and clears the flag in one step.
    public func consume() -> Bool { raised.exchange(false, ordering: .relaxed) }
}
