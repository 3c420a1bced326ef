/// The array-level state of one session: configuration such as x64, the allocation limit,
/// the interrupt flag that Ctrl-C sets, the PRNG, and (for transformations) the stack of
/// active traces.
/// One per `Session`; passed down explicitly, never global.
public final class JaxContext {
    /// `jax.config.update("jax_enable_x64", True)` turns this on.
    public var enableX64: Bool
    public var limits: ArrayLimits
    public let interrupt: InterruptFlag
    /// How many times `jax.jit` has traced and compiled a function (cache misses), so the shell's
    /// `%timeit` can report a first call that compiled apart from the warm timings.
    public var jitCompileCount = 0
    /// Compiled executables, one per jaxpr (`jax.jit`, staged jnp functions, scan bodies).
    public let executables = ExecutableCache()
    /// The worker thread jitted calls are dispatched to (made on first use: the worker's own
    /// context never dispatches).
    public private(set) lazy var dispatcher = Dispatcher(prng: prng, limits: limits)
    /// Off: a jitted call computes its values before it returns.
    public var asyncDispatch = true
    /// The active transformations (make_jaxpr, grad, vmap, jit), innermost last.
    public let traceState = TraceState()
    /// The PRNG that evaluates the random primitives (JAX's default, threefry2x32).
    public let prng: any PRNGImplementation

    public init(enableX64: Bool = false, limits: ArrayLimits = .standard, interrupt: InterruptFlag = InterruptFlag(),
                prng: any PRNGImplementation = ThreefryPRNG()) {
        self.enableX64 = enableX64
        self.limits = limits
        self.interrupt = interrupt
        self.prng = prng
    }

    /// A 64-bit dtype as JAX stores it now: itself with x64 on, its 32-bit twin otherwise.
    public func canonical(_ dtype: DType) -> DType {
        enableX64 ? dtype : dtype.canonicalWithoutX64
    }

    /// Default dtypes for Python ints and floats in JAX (int32/float32 unless x64 is on).
    public var defaultInt: DType { enableX64 ? .int64 : .int32 }
    public var defaultFloat: DType { enableX64 ? .float64 : .float32 }
    public var defaultComplex: DType { enableX64 ? .complex128 : .complex64 }

    /// The host functions debugging equations run (`jax.debug.print`'s formatting,
    /// `jax.debug.callback`'s function), by the index their equations carry.
    private var hostCallbacks: [HostCallback] = []

    /// Keeps `callback` for the equations that will run it; returns its index.
    public func registerHostCallback(_ callback: @escaping HostCallback) -> Int {
        hostCallbacks.append(callback)
        return hostCallbacks.count - 1
    }

    /// Runs the host callback an equation names on its operands' values.
    func runHostCallback(_ index: Int, _ values: [JaxArray]) throws(PyException) {
        guard hostCallbacks.indices.contains(index) else { throw PyException("RuntimeError", "a debugging equation lost its host callback") }
        try hostCallbacks[index](self, values)
    }

    /// Throws KeyboardInterrupt when Ctrl-C was pressed; long loops call this regularly.
    public func checkInterrupt() throws(PyException) {
        if interrupt.consume() { throw PyException("KeyboardInterrupt", "") }
    }
}

/// A host function a debugging equation runs on concrete values.
public typealias HostCallback = (JaxContext, [JaxArray]) throws(PyException) -> Void
