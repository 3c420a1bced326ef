import Foundation

/// Short help for the library functions students call most: a signature and a sentence or two,
/// shown by `help(f)` and `f?`, and the source of keyword names for Tab completion in a call.
enum FunctionDocs {
    /// A function's signature as Python would show it, and what it is for.
    struct Entry {
        let signature: String
        let summary: String

        /// The names in the signature that can be passed as `name=...`.
        var keywordNames: [String] {
            guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")") else { return [] }
            return signature[signature.index(after: open)..<close]
                .split(separator: ",")
                .map { $0.split(separator: "=").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
                .filter { !$0.isEmpty && !$0.hasPrefix("*") && $0 != "/" }
        }
    }

    /// The entry for a function by its module and name (`jax.numpy`, `arange`); NumPy's
    /// functions share jax.numpy's text where they behave alike.
    static func entry(module: String?, name: String) -> Entry? {
        let module = module ?? "builtins"
        if let entry = lookup("\(module).\(name)") { return entry }
        if module == "numpy" { return lookup("jax.numpy.\(name)") }
        return nil
    }

    /// The entry under a qualified name, from whichever table holds it.
    private static func lookup(_ qualified: String) -> Entry? {
        entries[qualified] ?? arrayEntries[qualified] ?? linalgEntries[qualified] ?? breadthEntries[qualified] ?? numericsEntries[qualified] ?? laxEntries[qualified]
    }

    /// `text` broken into lines of at most `width` characters, each indented by four spaces.
    static func wrapped(_ text: String, width: Int = 76) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width - 4 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "    " + $0 }.joined(separator: "\n")
    }

    private static let entries: [String: Entry] = [
        // jax
        "jax.grad": Entry(signature: "grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)",
                          summary: "A function that returns the gradient of fun (a scalar-valued function) with respect to the arguments named by argnums. grad traces fun to a jaxpr, linearizes it and transposes the linear part."),
        "jax.value_and_grad": Entry(signature: "value_and_grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)",
                                    summary: "Like grad, but the new function returns (value, gradient): the forward pass is shared."),
        "jax.jit": Entry(signature: "jit(fun, static_argnums=None, static_argnames=None, donate_argnums=None)",
                         summary: "Compiles fun: it is traced once per argument shape and dtype (and value of each static argument), and later calls with the same signature reuse the compiled form. Python side effects run only while tracing."),
        "jax.jvp": Entry(signature: "jvp(fun, primals, tangents, has_aux=False)", summary: "Forward-mode differentiation: (fun(*primals), the derivative of fun at primals along tangents), in one pass."),
        "jax.vjp": Entry(signature: "vjp(fun, *primals, has_aux=False)",
                         summary: "Reverse-mode differentiation: (fun(*primals), vjp_fun), where vjp_fun(cotangent) returns a tuple with the cotangent pulled back to each primal. fun is linearized once; each call of vjp_fun runs the transposed linear part."),
        "jax.linearize": Entry(signature: "linearize(fun, *primals, has_aux=False)",
                               summary: "(fun(*primals), jvp_fun): jvp_fun(*tangents) gives the derivative of fun at primals along tangents without evaluating fun again."),
        "jax.custom_jvp": Entry(signature: "custom_jvp(fun, nondiff_argnums=(), nondiff_argnames=())",
                                summary: "A function with its own JVP rule: give it with f.defjvp(jvp), where jvp(primals, tangents) returns (primal_out, tangent_out), or per argument with f.defjvps(...). Under differentiation the rule replaces tracing into fun; jaxprs show one custom_jvp_call."),
        "jax.custom_vjp": Entry(signature: "custom_vjp(fun, nondiff_argnums=(), nondiff_argnames=())",
                                summary: "A function with its own reverse-mode rule: f.defvjp(fwd, bwd), where fwd returns (primal_out, residuals) and bwd(residuals, cotangent) returns a tuple with a cotangent (or None) per argument. Forward mode (jvp) is refused; jaxprs show one custom_vjp_call."),
        "jax.checkpoint": Entry(signature: "checkpoint(fun, *, prevent_cse=True, policy=None, static_argnums=())",
                                summary: "fun, made to save no intermediates for differentiation (one remat2 equation): grad recomputes them from the inputs in the backward pass. policy (from jax.checkpoint_policies) names what may be saved instead; static_argnums are passed as Python values."),
        "jax.remat": Entry(signature: "remat(fun, *, prevent_cse=True, policy=None, static_argnums=())",
                           summary: "Alias of jax.checkpoint: fun recomputes its intermediates in the backward pass instead of saving them."),
        "jax.ad_checkpoint.print_saved_residuals": Entry(signature: "print_saved_residuals(f, *args)",
                                                         summary: "Prints each value jax.vjp(f, *args) saves for the backward pass: its type and whether it is an argument, a named value or which primitive's output (its source place shown as unknown)."),
        "jax.ad_checkpoint.checkpoint_name": Entry(signature: "checkpoint_name(x, name)",
                                                   summary: "x unchanged, named for the checkpoint policies that save by name (jax.checkpoint_policies.save_only_these_names, save_any_names_but_these, save_anything_except_these_names): one name equation per leaf."),
        "jax.jacfwd": Entry(signature: "jacfwd(fun, argnums=0, has_aux=False, holomorphic=False)",
                            summary: "The Jacobian of fun by forward mode: a JVP vmapped over the standard basis of the inputs (one column per input element). Efficient for tall Jacobians."),
        "jax.jacrev": Entry(signature: "jacrev(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)",
                            summary: "The Jacobian of fun by reverse mode: a VJP vmapped over the standard basis of the outputs (one row per output element). Efficient for wide Jacobians."),
        "jax.jacobian": Entry(signature: "jacobian(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)",
                              summary: "The same as jacrev: the Jacobian of fun by reverse mode."),
        "jax.hessian": Entry(signature: "hessian(fun, argnums=0, has_aux=False, holomorphic=False)",
                             summary: "The Hessian of a scalar function: jacfwd(jacrev(fun)), forward over reverse."),
        "jax.debug.print": Entry(signature: "print(fmt, *args, ordered=False, partitioned=False, **kwargs)",
                                 summary: "Prints fmt.format(*args, **kwargs) with the arguments' values whenever the computation runs: at once when eager, at every call of a jitted function (print only runs while tracing), once per element under vmap."),
        "jax.debug.callback": Entry(signature: "callback(callback, *args, ordered=False, partitioned=False, **kwargs)",
                                    summary: "Calls callback(*args, **kwargs) with the arguments' values (as arrays) whenever the computation runs, under jit and vmap too; its result is ignored."),
        "jax.numpy.isclose": Entry(signature: "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                                   summary: "Elementwise |a - b| <= atol + rtol * |b| (exact equality where b is not finite); NaNs are close only with equal_nan=True."),
        "jax.numpy.allclose": Entry(signature: "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                                    summary: "Whether every element of a is close to b (isclose), as a 0-d boolean array."),
        "jax.numpy.isnan": Entry(signature: "isnan(x)", summary: "Elementwise: whether x is NaN (x != x)."),
        "jax.numpy.vdot": Entry(signature: "vdot(a, b)", summary: "The dot product of a and b flattened to one dimension."),
        "numpy.testing.assert_allclose": Entry(signature: "assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg='')",
                                               summary: "Raises AssertionError, with NumPy's report of the mismatched elements, unless actual and desired are close elementwise."),
        "numpy.random.get_state": Entry(signature: "get_state(legacy=True)",
                                        summary: "The legacy generator's state: ('MT19937', its 624 key words, the position, has_gauss, the cached Gaussian)."),
        "jax.test_util.check_grads": Entry(signature: "check_grads(f, args, order, modes=('fwd', 'rev'), atol=None, rtol=None, eps=None)",
                                           summary: "Checks f's derivatives from jax.jvp and jax.vjp against finite differences along random directions, up to the given order; raises AssertionError when they differ."),
        "jax.lax.stop_gradient": Entry(signature: "stop_gradient(x)", summary: "x unchanged, but treated as a constant by differentiation (its derivative is zero)."),
        "jax.numpy.broadcast_shapes": Entry(signature: "broadcast_shapes(*shapes)",
                                            summary: "The shape the given shapes broadcast to, as a tuple; ValueError when they are incompatible."),
        "jax.numpy.array_equiv": Entry(signature: "array_equiv(a1, a2)",
                                       summary: "A boolean array: True when a1 and a2 broadcast together and all their elements are equal."),
        "jax.lax.conv_dimension_numbers": Entry(signature: "conv_dimension_numbers(lhs_shape, rhs_shape, dimension_numbers)",
                                                summary: "A ConvDimensionNumbers(lhs_spec, rhs_spec, out_spec) from layout strings such as ('NHWC', 'HWIO', 'NHWC') (None: NCHW, OIHW, NCHW); conv_general_dilated takes it as dimension_numbers."),
        "jax.lax.tile": Entry(signature: "tile(operand, reps)", summary: "operand repeated reps[i] times along each axis i."),
        "jax.lax.stack": Entry(signature: "stack(operands, axis=0)", summary: "Arrays of one shape joined along a new axis."),
        "jax.lax.unstack": Entry(signature: "unstack(operand, axis=0)", summary: "The slices of operand along axis, as a tuple."),
        "jax.vmap": Entry(signature: "vmap(fun, in_axes=0, out_axes=0)",
                          summary: "Vectorizes fun over a batch axis: in_axes says which axis of each argument is mapped (None for not mapped; a pytree prefix of the arguments, such as ({'a': None, 'b': 0},), gives each part its own), out_axes where the batch axis goes in the result."),
        "jax.eval_shape": Entry(signature: "eval_shape(fun, *args, **kwargs)",
                                summary: "The shapes and dtypes of fun's outputs (a pytree of jax.ShapeDtypeStruct) for arguments that may themselves be ShapeDtypeStructs; fun is traced, nothing is computed."),
        "jax.disable_jit": Entry(signature: "disable_jit(disable=True)",
                                 summary: "A context manager in which jitted functions run their Python body op by op (print shows values, not tracers); jax.config.update('jax_disable_jit', True) does the same for the session."),
        "jax.make_jaxpr": Entry(signature: "make_jaxpr(fun)",
                                summary: "A function that returns the jaxpr (JAX's intermediate representation) of fun for the given example arguments."),
        "jax.device_get": Entry(signature: "device_get(x)", summary: "Copies an array from the device to a NumPy array."),
        "jax.typeof": Entry(signature: "typeof(x)",
                            summary: "The JAX type of x (an array, a Python scalar or a tracer): its dtype and shape, printed as float32[3,3] (~float32[] when weakly typed)."),
        "jax.effects_barrier": Entry(signature: "effects_barrier()",
                                     summary: "Waits until the side effects of running computations (jax.debug.print, jax.debug.callback) are done. jaxlab runs them before a call returns, so nothing is left to wait for."),
        "jax.pure_callback": Entry(signature: "pure_callback(callback, result_shape_dtypes, *args, sharding=None, vmap_method=None, **kwargs)",
                                   summary: "Calls the Python function callback on the values of args (JAX arrays) even under jit, vmap and scan; it must return arrays of the shapes and dtypes result_shape_dtypes declares (jax.ShapeDtypeStruct). Treated as pure: under jit an unused result drops the call. vmap needs vmap_method ('sequential', 'expand_dims' or 'broadcast_all'); grad is refused."),
        "jax.ShapeDtypeStruct": Entry(signature: "ShapeDtypeStruct(shape, dtype, sharding=None, weak_type=False)",
                                      summary: "A shape and dtype without values: how a callback declares the types of its results."),
        "jax.experimental.io_callback": Entry(signature: "io_callback(callback, result_shape_dtypes, *args, sharding=None, ordered=False, **kwargs)",
                                              summary: "Like jax.pure_callback for functions with side effects: the call always runs, even when its result is unused. vmap runs it once per element (refused when ordered=True); grad is refused."),
        "jax.debug.breakpoint": Entry(signature: "breakpoint(*, backend=None, filter_frames=True, num_frames=None, ordered=False, token=None)",
                                      summary: "Traced like JAX's breakpoint (a debugging callback, so in a branch lax.cond does not take it never runs), but jaxlab has no debugger: reaching it raises NotImplementedError."),
        "pdb.set_trace": Entry(signature: "set_trace()", summary: "Not in jaxlab: there is no interactive debugger. print() values, or jax.debug.print them inside transformed functions."),
        "jax.device_put": Entry(signature: "device_put(x)", summary: "Copies x (a NumPy array or Python value) to the default device as a JAX array."),
        "jax.devices": Entry(signature: "devices()", summary: "The list of available devices; here one CPU, CpuDevice(id=0)."),
        // jax.random
        "jax.random.key": Entry(signature: "key(seed)", summary: "A typed PRNG key (dtype key<fry>) made from an integer seed. Keys are values: the same key always gives the same numbers, so split it to get new ones."),
        "jax.random.PRNGKey": Entry(signature: "PRNGKey(seed)", summary: "A raw uint32[2] PRNG key made from an integer seed (the older form of key)."),
        "jax.random.split": Entry(signature: "split(key, num=2)", summary: "Splits a key into num new, independent keys (num may be a shape)."),
        "jax.random.fold_in": Entry(signature: "fold_in(key, data)", summary: "A new key made from key and an integer, e.g. a step number."),
        "jax.random.normal": Entry(signature: "normal(key, shape=(), dtype=float32)", summary: "Samples from the standard normal distribution."),
        "jax.random.exponential": Entry(signature: "exponential(key, shape=(), dtype=float32)", summary: "Samples from the exponential distribution with rate 1: -log(1 - u) for u uniform."),
        "jax.random.gumbel": Entry(signature: "gumbel(key, shape=(), dtype=float32, mode=None)", summary: "Samples from the standard Gumbel distribution: -log(-log(u)) for u uniform."),
        "jax.random.logistic": Entry(signature: "logistic(key, shape=(), dtype=float32)", summary: "Samples from the standard logistic distribution: log(u / (1 - u)) for u uniform."),
        "jax.random.laplace": Entry(signature: "laplace(key, shape=(), dtype=float32)", summary: "Samples from the standard Laplace (double exponential) distribution."),
        "jax.random.cauchy": Entry(signature: "cauchy(key, shape=(), dtype=float32)", summary: "Samples from the standard Cauchy distribution: tan(pi * (u - 0.5)) for u uniform."),
        "jax.random.rademacher": Entry(signature: "rademacher(key, shape=(), dtype=int32)", summary: "Samples -1 or 1 with equal probability."),
        "jax.random.categorical": Entry(signature: "categorical(key, logits, axis=-1, shape=None, replace=True, mode=None)",
                                        summary: "Samples category indices with probabilities softmax(logits) along axis: the argmax of logits plus Gumbel noise (the top k of one noisy copy without replacement)."),
        "jax.random.uniform": Entry(signature: "uniform(key, shape=(), dtype=float32, minval=0.0, maxval=1.0)", summary: "Samples uniformly from [minval, maxval)."),
        "jax.random.randint": Entry(signature: "randint(key, shape, minval, maxval, dtype=int32)", summary: "Samples integers uniformly from [minval, maxval)."),
        "jax.random.bernoulli": Entry(signature: "bernoulli(key, p=0.5, shape=None)", summary: "Samples booleans that are True with probability p."),
        "jax.random.choice": Entry(signature: "choice(key, a, shape=(), replace=True, p=None, axis=0)", summary: "Samples elements of a (or of range(a) for an int), with or without replacement, optionally with probabilities p."),
        "jax.random.permutation": Entry(signature: "permutation(key, x, axis=0, independent=False)", summary: "A random permutation of x's elements along axis (or of range(x) for an int)."),
        "jax.random.bits": Entry(signature: "bits(key, shape=(), dtype=uint32)", summary: "Random unsigned integers: the raw bits of the threefry hash."),
        // jax.numpy
        "jax.numpy.take": Entry(signature: "take(a, indices, axis=None, mode=None, fill_value=None)", summary: "Elements of a at indices along axis (of the flattened array when axis is None); out-of-range indices read fill_value (NaN for floats), or clip or wrap with mode='clip'/'wrap'."),
        "jax.numpy.cumsum": Entry(signature: "cumsum(a, axis=None, dtype=None)", summary: "Running sums along axis (of the flattened array when axis is None); booleans count as int32."),
        "jax.numpy.array": Entry(signature: "array(object, dtype=None)", summary: "An array made from nested lists, tuples, scalars or arrays. Python ints become int32 and floats float32 unless x64 is enabled."),
        "jax.numpy.asarray": Entry(signature: "asarray(a, dtype=None)", summary: "Like array, but returns a itself when it is already an array of that dtype."),
        "jax.numpy.zeros": Entry(signature: "zeros(shape, dtype=None)", summary: "An array of the given shape filled with 0 (float32 by default)."),
        "jax.numpy.ones": Entry(signature: "ones(shape, dtype=None)", summary: "An array of the given shape filled with 1 (float32 by default)."),
        "jax.numpy.full": Entry(signature: "full(shape, fill_value, dtype=None)", summary: "An array of the given shape filled with fill_value."),
        "jax.numpy.zeros_like": Entry(signature: "zeros_like(a, dtype=None)", summary: "Zeros with the shape (and dtype) of a."),
        "jax.numpy.ones_like": Entry(signature: "ones_like(a, dtype=None)", summary: "Ones with the shape (and dtype) of a."),
        "jax.numpy.arange": Entry(signature: "arange(start, stop=None, step=None, dtype=None)", summary: "Evenly spaced values in [start, stop) with the given step; with one argument, [0, start)."),
        "jax.numpy.linspace": Entry(signature: "linspace(start, stop, num=50, endpoint=True, dtype=None)", summary: "num evenly spaced values from start to stop (stop included when endpoint is True)."),
        "jax.numpy.eye": Entry(signature: "eye(N, M=None, k=0, dtype=None)", summary: "A 2-d array with ones on the k-th diagonal and zeros elsewhere."),
        "jax.numpy.reshape": Entry(signature: "reshape(a, shape)", summary: "The same elements in a new shape; one dimension may be -1 and is then inferred."),
        "jax.numpy.transpose": Entry(signature: "transpose(a, axes=None)", summary: "Permutes the axes of a (reverses them by default); a.T is the same."),
        "jax.numpy.squeeze": Entry(signature: "squeeze(a, axis=None)", summary: "Removes axes of length 1."),
        "jax.numpy.expand_dims": Entry(signature: "expand_dims(a, axis)", summary: "Inserts a new axis of length 1 at position axis."),
        "jax.numpy.concatenate": Entry(signature: "concatenate(arrays, axis=0)", summary: "Joins arrays along an existing axis."),
        "jax.numpy.stack": Entry(signature: "stack(arrays, axis=0)", summary: "Joins arrays along a new axis."),
        "jax.numpy.broadcast_to": Entry(signature: "broadcast_to(array, shape)", summary: "array repeated to the given shape by broadcasting."),
        "jax.numpy.ravel": Entry(signature: "ravel(a)", summary: "The elements of a as a 1-d array."),
        "jax.numpy.where": Entry(signature: "where(condition, x, y)", summary: "Elementwise choice: x where condition is True, y elsewhere."),
        "jax.numpy.clip": Entry(signature: "clip(a, min=None, max=None)", summary: "a with values below min set to min and above max set to max."),
        "jax.numpy.sum": Entry(signature: "sum(a, axis=None, dtype=None, keepdims=False)", summary: "The sum of the elements over the given axes (all by default)."),
        "jax.numpy.mean": Entry(signature: "mean(a, axis=None, dtype=None, keepdims=False)", summary: "The arithmetic mean over the given axes; in a jaxpr, a reduce_sum followed by a division."),
        "jax.numpy.prod": Entry(signature: "prod(a, axis=None, dtype=None, keepdims=False)", summary: "The product of the elements over the given axes."),
        "jax.numpy.max": Entry(signature: "max(a, axis=None, keepdims=False)", summary: "The largest element over the given axes."),
        "jax.numpy.min": Entry(signature: "min(a, axis=None, keepdims=False)", summary: "The smallest element over the given axes."),
        "jax.numpy.argmax": Entry(signature: "argmax(a, axis=None, keepdims=False)", summary: "The index of the largest element (of the flattened array by default)."),
        "jax.numpy.argmin": Entry(signature: "argmin(a, axis=None, keepdims=False)", summary: "The index of the smallest element (of the flattened array by default)."),
        "jax.numpy.var": Entry(signature: "var(a, axis=None, dtype=None, ddof=0, keepdims=False)", summary: "The variance over the given axes."),
        "jax.numpy.std": Entry(signature: "std(a, axis=None, dtype=None, ddof=0, keepdims=False)", summary: "The standard deviation over the given axes."),
        "jax.numpy.all": Entry(signature: "all(a, axis=None, keepdims=False)", summary: "Whether every element is true."),
        "jax.numpy.any": Entry(signature: "any(a, axis=None, keepdims=False)", summary: "Whether any element is true."),
        "jax.numpy.matmul": Entry(signature: "matmul(a, b)", summary: "The matrix product of a and b (the @ operator), batched over leading axes."),
        "jax.numpy.dot": Entry(signature: "dot(a, b)", summary: "The dot product of a and b; for 2-d arrays the matrix product."),
        "jax.numpy.exp": Entry(signature: "exp(x)", summary: "e to the power x, elementwise."),
        "jax.numpy.log": Entry(signature: "log(x)", summary: "The natural logarithm, elementwise."),
        "jax.numpy.sqrt": Entry(signature: "sqrt(x)", summary: "The square root, elementwise."),
        "jax.numpy.tanh": Entry(signature: "tanh(x)", summary: "The hyperbolic tangent, elementwise."),
        "jax.numpy.maximum": Entry(signature: "maximum(x, y)", summary: "The larger of x and y, elementwise."),
        "jax.numpy.minimum": Entry(signature: "minimum(x, y)", summary: "The smaller of x and y, elementwise."),
        // numpy (where it differs from jax.numpy)
        "numpy.cumsum": Entry(signature: "cumsum(a, axis=None, dtype=None)", summary: "Running sums along axis (of the flattened array when axis is None); small integers and booleans sum as int64."),
        "numpy.zeros": Entry(signature: "zeros(shape, dtype=float)", summary: "A NumPy array of the given shape filled with 0 (float64 by default)."),
        "numpy.ones": Entry(signature: "ones(shape, dtype=float)", summary: "A NumPy array of the given shape filled with 1 (float64 by default)."),
        "numpy.array": Entry(signature: "array(object, dtype=None)", summary: "A mutable NumPy array from nested lists, tuples or scalars; Python ints become int64 and floats float64."),
        "numpy.random.seed": Entry(signature: "seed(seed=None)", summary: "Resets NumPy's global random state (the Mersenne Twister) from seed."),
        "numpy.random.normal": Entry(signature: "normal(loc=0.0, scale=1.0, size=None)", summary: "Samples from a normal distribution, advancing the global random state."),
        "numpy.random.uniform": Entry(signature: "uniform(low=0.0, high=1.0, size=None)", summary: "Samples uniformly from [low, high), advancing the global random state."),
        "numpy.random.randint": Entry(signature: "randint(low, high=None, size=None, dtype=int)", summary: "Samples integers from [low, high), advancing the global random state."),
        "numpy.random.rand": Entry(signature: "rand(*shape)", summary: "Uniform samples in [0, 1) of the given shape."),
        "numpy.random.randn": Entry(signature: "randn(*shape)", summary: "Standard normal samples of the given shape."),
        // builtins
        "builtins.print": Entry(signature: "print(*objects, sep=' ', end='\\n')", summary: "Prints the objects' str() separated by sep and followed by end."),
        "builtins.range": Entry(signature: "range(start, stop=None, step=1)", summary: "The integers from start up to (not including) stop, by step."),
        "builtins.len": Entry(signature: "len(obj)", summary: "The number of items of a sequence, or the length of an array's first axis."),
        "builtins.sorted": Entry(signature: "sorted(iterable, key=None, reverse=False)", summary: "A new sorted list of the items."),
        "builtins.enumerate": Entry(signature: "enumerate(iterable, start=0)", summary: "Pairs (index, item) for each item."),
    ]
}
