/// Python control flow and conversions (`if x > 0`, `int(x)`, `float(x)`) need concrete values:
/// these give the array when it is known (eager, or grad's primal) and JAX's errors otherwise.
public enum Concrete {
    /// The value for `bool(x)`; TracerBoolConversionError on a traced value.
    public static func bool(_ v: JaxValue) throws(PyException) -> JaxArray {
        if let a = known(v) { return a }
        throw PyException("TracerBoolConversionError",
                          "Attempted boolean conversion of traced array with shape \(v.aval.with(weakType: false))."
                          + origin(v) + "\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerBoolConversionError")
    }

    /// The value for `int(x)`, `float(x)`, `x.item()` or use as an index (`function` names the
    /// conversion); ConcretizationTypeError on a traced value.
    public static func value(_ v: JaxValue, function: String) throws(PyException) -> JaxArray {
        if let a = known(v) { return a }
        var message = "Abstract tracer value encountered where concrete value is expected: traced array with shape \(v.aval.with(weakType: false))\n"
        message += "The problem arose with the `\(function)` function."
        if function == "int" || function == "float" || function == "bool" || function == "complex" {
            message += " If trying to convert the data type of a value, try using `x.astype(\(function))` or `jnp.array(x, \(function))` instead."
        }
        message += origin(v) + "\n\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.ConcretizationTypeError"
        throw PyException("ConcretizationTypeError", message)
    }

    /// The value for `x.__index__()` (`range(x)`, a list index); TracerIntegerConversionError
    /// on a traced value.
    public static func index(_ v: JaxValue) throws(PyException) -> JaxArray {
        if let a = known(v) { return a }
        throw PyException("TracerIntegerConversionError",
                          "The __index__() method was called on traced array with shape \(v.aval.with(weakType: false))"
                          + origin(v) + "\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerIntegerConversionError")
    }

    /// The ConcretizationTypeError of a function argument that must be concrete
    /// (`It arose in the jnp.arange argument 'stop'`).
    /// `shown` is the type the message names when the value JAX needs is computed from `v`
    /// (the count of `nonzero` is an int32[] made from its operand).
    public static func argument(_ v: JaxValue, _ description: String, shown: ShapedArray? = nil) throws(PyException) -> JaxArray {
        if let a = known(v) { return a }
        throw PyException("ConcretizationTypeError",
                          "Abstract tracer value encountered where concrete value is expected: traced array with shape \((shown ?? v.aval).with(weakType: false))\n"
                          + description + origin(v) + "\n\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.ConcretizationTypeError")
    }

    /// Where a traced value came from, as JAX's concretization errors say it: a line starting
    /// with a newline, or nothing.
    public static func origin(_ v: JaxValue) -> String {
        guard case .tracer(let t) = v, let staged = t as? JaxprTracer else { return "" }
        return staged.originMessage
    }

    /// The concrete array, if the value is not traced or its tracer still knows it.
    public static func known(_ v: JaxValue) -> JaxArray? {
        switch v {
        case .array(let a): return a
        case .tracer(let t): return t.concreteValue()
        }
    }
}
