import Dispatch
import Synchronization

/// The results of one jitted call dispatched to the session's worker thread, as JAX dispatches
/// them: the call returns at once with arrays of known shape and dtype; their values are
/// waited for when first used, and an error of the computation is raised there.
public final class PendingCall: Sendable {
    /// The shapes, dtypes and weak types of the results, known before they are computed.
    public let avals: [ShapedArray]
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)
    private let dispatcher: Dispatcher

    /// What a call computes: a compiled program on concrete operands.
    fileprivate struct Job: Sendable {
        /// The executable is immutable once compiled (every stored property a `let`, `run` only
        /// reads them), so the worker may run it while the interpreter's thread reads it too.
        let executable: UncheckedSendable<CompiledFunction>
        let consts: [JaxArray]
        let args: [JaxArray]
        let enableX64: Bool

        func run(_ ctx: JaxContext) -> Result<[JaxArray], PyException> {
            do throws(PyException) {
                return .success(try executable.value.run(ctx, consts: consts.map { .array($0) }, args))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Where a call is: waiting to be started, being computed, or done (or dropped unstarted).
    private enum State {
        case queued(Job)
        case running
        case done(Result<[JaxArray], PyException>)
    }

    fileprivate init(_ job: Job, avals: [ShapedArray], dispatcher: Dispatcher) {
        state = Mutex(.queued(job))
        self.avals = avals
        self.dispatcher = dispatcher
    }

    /// The job, for the one thread that gets to run it (nil once started, cancelled or abandoned).
    fileprivate func start() -> Job? {
        state.withLock { state -> Job? in
            guard case .queued(let job) = state else { return nil }
            state = .running
            return job
        }
    }

    /// Records the outcome, unless the call already has one (cancelled while it ran).
    fileprivate func finish(_ result: Result<[JaxArray], PyException>) {
        let first = state.withLock { state -> Bool in
            if case .done = state { return false }
            state = .done(result)
            return true
        }
        guard first else { return }
        finished.signal()
        dispatcher.forget(self)
    }

    private var outcome: Result<[JaxArray], PyException>? {
        state.withLock { state in
            if case .done(let result) = state { return result }
            return nil
        }
    }

    /// Nobody can read the results any more: a call not started yet is dropped, so a loop that
    /// discards its results (`%timeit f(x)`) does not leave the worker a backlog.
    public func abandon() {
        finish(.failure(PyException("RuntimeError", "the results of this call were dropped before they were computed")))
    }

    /// The results, once computed. Called on the interpreter's thread with its context: a call
    /// the worker has not started yet runs right here (as `f(x).block_until_ready()` wants,
    /// without a hand-over between threads); one that is running is waited for, and Ctrl-C
    /// meanwhile cancels it and every queued call and raises KeyboardInterrupt.
    public func wait(_ ctx: JaxContext) throws(PyException) -> [JaxArray] {
        if let job = start() {
            let result = job.run(ctx)
            finish(result)
            return try result.get()
        }
        while true {
            if let result = outcome { return try result.get() }
            if ctx.interrupt.consume() {
                dispatcher.cancelAll()
                throw PyException("KeyboardInterrupt", "")
            }
            // the semaphore is signalled once; a later wait finds the call done above
            _ = finished.wait(timeout: .now() + .milliseconds(10))
        }
    }
}

/// The session's worker thread: runs dispatched calls one after another in dispatch order,
/// with a context of its own (its executables for nested bodies, its own cancel flag), so the
/// interpreter's context is never touched off its thread.
public final class Dispatcher: Sendable {
    private let queue = DispatchQueue(label: "jaxlab.dispatch")
    /// Raised to stop the running call; the worker's kernels poll it as the interpreter's poll Ctrl-C.
    private let cancelFlag = InterruptFlag()
    /// The worker's context, used only on `queue`.
    private let worker: Mutex<JaxContext>
    /// Calls dispatched and not yet finished, oldest first.
    private let unfinished = Mutex<[PendingCall]>([])

    public init(prng: any PRNGImplementation, limits: ArrayLimits) {
        worker = Mutex(JaxContext(limits: limits, interrupt: cancelFlag, prng: prng))
    }

    /// Queues `executable` on `args` and returns its pending results.
    func dispatch(_ executable: CompiledFunction, consts: [JaxArray], _ args: [JaxArray], enableX64: Bool) -> PendingCall {
        let job = PendingCall.Job(executable: UncheckedSendable(executable), consts: consts, args: args, enableX64: enableX64)
        let call = PendingCall(job, avals: executable.optimised.outAvals, dispatcher: self)
        unfinished.withLock { $0.append(call) }
        queue.async { [self] in
            // cleared before the call starts: a cancel raised after this stops it
            cancelFlag.clear()
            guard let job = call.start() else { return }
            let result = worker.withLock { ctx in
                ctx.enableX64 = job.enableX64
                return job.run(ctx)
            }
            call.finish(result)
        }
        return call
    }

    /// Drops a finished call from the unfinished ones (its results are freed with its arrays).
    fileprivate func forget(_ call: PendingCall) {
        unfinished.withLock { calls in calls.removeAll { $0 === call } }
    }

    /// Ctrl-C: every queued call ends with KeyboardInterrupt unstarted, and the running one stops
    /// at its next check.
    public func cancelAll() {
        let calls = unfinished.withLock { calls in
            defer { calls = [] }
            return calls
        }
        for call in calls { call.finish(.failure(PyException("KeyboardInterrupt", ""))) }
        cancelFlag.raise()
    }
}
