import JaxCore
import JaxRandom

/// `jax.random.choice` with `p` as the shell runs it: the staged operations of `RandomOps`,
/// evaluated at once on a context with the threefry PRNG.
enum WeightedChoice {
    static func draw(_ key: PRNGKeyArray, count: Int? = nil, array: JaxArray? = nil, shape: [Int], replace: Bool,
                     p: JaxArray, axis: Int = 0, enableX64: Bool) throws -> JaxArray {
        let ctx = JaxContext(enableX64: enableX64)
        ctx.prng = ThreefryPRNG()
        let out = try RandomOps.choice(ctx, .array(key.keyData.withKeyData(true)), count: count, array: array.map { .array($0) },
                                       shape: shape, replace: replace, p: .array(p), axis: axis)
        guard case .array(let result) = out else { throw PyException.typeError("choice returned a traced value") }
        return result
    }
}
