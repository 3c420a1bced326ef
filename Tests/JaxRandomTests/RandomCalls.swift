import JaxCore

/// The calls the shell makes for `jax.random` functions, on a context of its own: arguments
/// as the language passes them (Python numbers weak, keys typed), results concrete.
struct RandomCalls {
    let ctx: JaxContext

    init(x64: Bool = false) { ctx = JaxContext(enableX64: x64) }

    /// A typed key from its two words.
    func key(_ words: [UInt32]) -> JaxValue {
        .array(JaxArray(shape: [2], storage: .uint32(words), isKeyData: true))
    }

    /// `jax.random.key(seed)` for a Python int seed.
    func key(seed: Int64) throws -> JaxValue {
        let seedArray = Kernels.cast(JaxArray.scalar(.int(seed), dtype: .int64), to: ctx.defaultInt, semantics: .jax)
        return try RandomOps.key(ctx, .array(seedArray), constructor: "key")
    }

    /// A Python float or int argument (weak, in the default dtype).
    func python(_ v: Double, integer: Bool = false) -> JaxValue {
        integer ? .array(JaxArray.scalar(.int(Int64(v)), dtype: ctx.defaultInt, weak: true))
            : .array(JaxArray.scalar(.float(v), dtype: ctx.defaultFloat, weak: true))
    }

    /// A requested dtype as the shell resolves it (nil: `fallback`).
    func dtype(_ name: String?, _ fallback: DType) -> DType {
        name.flatMap(DType.named).map { ctx.canonical($0) } ?? fallback
    }

    /// The concrete array a call returned.
    func array(_ v: JaxValue) throws -> JaxArray {
        guard case .array(let a) = v else { throw PyException.typeError("a random function returned a traced value") }
        return a
    }

    /// The words of typed keys.
    func words(_ keys: JaxValue) throws -> JaxArray { try array(try RandomOps.unwrap(ctx, keys)) }
}
