/// Which library's rules an operation follows where JAX and NumPy differ: out-of-range
/// float-to-int casts (JAX saturates, NumPy wraps), integer division by zero, out-of-bounds
/// reads (JAX clamps, NumPy raises), and default dtypes.
public enum ArraySemantics: Sendable {
    case jax
    case numpy
}

/// Eager array kernels: plain functions from arrays to arrays, the implementation behind each
/// primitive and behind NumPy-mode operations. Each family lives in its own file as an
/// extension of this namespace.
public enum Kernels {}
