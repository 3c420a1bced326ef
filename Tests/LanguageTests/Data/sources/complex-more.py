# %% imports
import jax
import jax.numpy as jnp
import numpy as np
inf, nan = float("inf"), float("nan")
z = jnp.array([1+2j, -3.5j, 2, 0.5-1j, -4+0j, -1+0.25j])
h = jnp.array([0.5-1j, 2+2j, -1+0.25j, 3+4j, 1e-3+2e-3j, 1e30+1e30j, 0j, -0.0+0j, complex(0.0, -0.0),
               complex(-0.0, -0.0), complex(inf, 1), complex(1, inf), complex(-inf, 1), complex(-inf, -2),
               complex(nan, 1), complex(inf, nan), complex(-inf, -inf), complex(1, -inf), complex(nan, nan),
               1e-40+0j, 1e-20+1e-20j, -1e38-3e38j, complex(-2, 0.0), complex(-2, -0.0), 3e38+1e-38j, -1j, 1j])
u = jnp.arange(40) * (0.3 - 0.7j) + 1j

# %% square roots
print(repr(jnp.sqrt(z)))
print(np.asarray(jnp.sqrt(h)).tolist())
print(repr(jnp.sqrt(jnp.array(-1+0j))), repr(jnp.sqrt(-4 + 0j * jnp.ones(2))))

# %% logarithms near the unit circle
t = jnp.linspace(0, 6.2, 12)
c = (1 + 1e-4 * jnp.sin(7 * t)) * (jnp.cos(t) + 1j * jnp.sin(t))
print(np.asarray(jnp.log(c)).tolist())
print(np.asarray(jnp.log(jnp.array([0.6+0.8j, 1+1e-4j, -0.99+0.1j, 0.7071+0.7071j]))).tolist())

# %% non-integer powers
print(repr(z ** 0.5), repr(jnp.power(z, 1.5)), repr(z ** (1 + 1j)), repr(2.0 ** z))
print(np.asarray(h ** 0.5).tolist())
print(np.asarray(h ** jnp.array(h[::-1])).tolist())
print(np.asarray(h ** 0.0).tolist(), np.asarray(h ** -2.5).tolist())

# %% trigonometric functions, tanh and expm1
print(repr(jnp.sin(z)), repr(jnp.cos(z)))
print(repr(jnp.tan(z)), repr(jnp.tanh(z)))
for name, f in (("sin", jnp.sin), ("cos", jnp.cos), ("tan", jnp.tan), ("tanh", jnp.tanh), ("expm1", jnp.expm1)):
    print(name, np.asarray(f(h)).tolist())
print(np.asarray(jnp.tanh(jnp.array([20+1j, -20-1j, 100+1e30j, 1e-20+1e-20j]))).tolist())

# %% variance and standard deviation are real
print(repr(jnp.var(z)), repr(jnp.std(z)), repr(z.var(ddof=1)), repr(jnp.var(z.reshape(2, 3), axis=1)))
print(repr(jnp.var(u)), repr(jnp.std(u[:31])), repr(jnp.var(h[:6])))
print(jax.make_jaxpr(jnp.var)(z))

# %% cumulative sums
print(repr(jnp.cumsum(z)), repr(jnp.cumsum(z.reshape(2, 3), axis=0)))
print(np.asarray(jnp.cumsum(jnp.arange(40) * (0.1 + 0.3j))).tolist())

# %% lexicographic max, min, argmax and sort
w = jnp.array([1+2j, 1-5j, -3j, 1+2j, 0.5+9j, 1+3j])
print(repr(jnp.max(w)), repr(jnp.min(w)), repr(w.max()), repr(jnp.max(jnp.array([complex(nan, 1), 1j]))))
print(repr(jnp.maximum(w, w[::-1])), repr(jnp.minimum(w, 1+2.5j)))
print(repr(jnp.sort(w)), repr(jnp.argsort(w)), repr(jnp.sort(w.reshape(2, 3), axis=0)))
print(repr(jnp.max(w.reshape(2, 3), axis=1)), repr(jnp.min(w.reshape(2, 3), axis=0)))

# %% argmax refuses complex arrays as lax's comparison does
jnp.argmax(w)

# %% argmin too
jnp.argmin(w)

# %% dot products of two vectors
v = jnp.array([0.5-2j, 1+1j, -2+0.1j])
print(repr(jnp.vdot(z, z)), repr(jnp.vdot(v, v.real)), repr(jnp.dot(z, z[::-1])), repr(z @ z), repr(jnp.inner(v, v)))
print(np.asarray(jnp.dot(h[:6], h[6:12])).tolist(), np.asarray(jnp.vdot(h[:6], h[6:12])).tolist())
print(np.asarray(jnp.vdot(u, u[::-1])).tolist(), np.asarray(u @ u[::-1]).tolist(), np.asarray(u[:7] @ u[9:16]).tolist())
print(jax.make_jaxpr(jnp.vdot)(v, v))

# %% transformations
print(jax.make_jaxpr(lambda z: jnp.sqrt(z) + jnp.sin(z))(z))
print(repr(jax.jit(lambda z: jnp.tanh(jnp.sqrt(z)))(z)), repr(jax.vmap(jnp.cos)(z)), repr(z * z[::-1]))
print(repr(jax.grad(lambda z: jnp.sqrt(z), holomorphic=True)(jnp.complex64(3+4j))))
print(repr(jax.grad(lambda z: jnp.sin(z) * z ** 0.5, holomorphic=True)(jnp.complex64(1-1j))))
print(repr(jax.grad(lambda z: jnp.var(z))(z)))

# %% Jacobians of complex functions
print(repr(jax.jacfwd(lambda z: z * z + jnp.sin(z), holomorphic=True)(z[:3])))
print(repr(jax.jacrev(lambda z: z * z + jnp.sin(z), holomorphic=True)(z[:3])))
print(repr(jax.jacrev(lambda z: jnp.abs(z) ** 2)(z[:2])), repr(jax.jacfwd(lambda x: x * (1 + 2j))(jnp.array([1.0, 2.0]))))

# %% jacfwd needs holomorphic for complex inputs
jax.jacfwd(lambda z: z * z)(z[:2])

# %% jacrev needs holomorphic for complex outputs
jax.jacrev(lambda z: z * z)(z[:2])

# %% jacfwd holomorphic needs complex outputs
jax.jacfwd(lambda z: jnp.abs(z), holomorphic=True)(z[:2])

# %% jacrev holomorphic needs complex inputs
jax.jacrev(lambda x: x * 1j, holomorphic=True)(jnp.array([1.0]))

# %% complex128 with x64
jax.config.update("jax_enable_x64", True)
z2 = jnp.array([1+2j, 0.1-0.3j, -4+0j, complex(-inf, 1)])
print(repr(jnp.sqrt(z2)), repr(z2 ** 0.5), repr(jnp.sin(z2)), repr(jnp.tanh(z2)))
print(repr(jnp.var(z2[:3])), repr(jnp.cumsum(z2)), repr(jnp.sort(z2)))
u2 = u.astype(jnp.complex128) * (1 + 1e-9j)
print(repr(jnp.var(u2[:17])), repr(jnp.std(u2)), repr(jnp.vdot(u2[:20], u2[5:25])), repr(jnp.dot(u2, u2[::-1])))
jax.config.update("jax_enable_x64", False)
