# %% imports
import jax
import jax.numpy as jnp
import numpy as np
inf, nan = float("inf"), float("nan")

# %% creation
x = jnp.array([1.5, -2, 3])
z = jnp.array([1+2j, -3.5j, 2])
w = jnp.array([0.5-1j, 2+2j, -1+0.25j])
print(repr(z)); print(z); print(z.dtype, w.dtype)
print(repr(jnp.array(1+2j))); print(jnp.array(1+2j)); print(jnp.array(2j))
print(repr(jnp.array([1j, 2]))); print(repr(jnp.array([1, 2], dtype=complex)))
print(repr(jnp.zeros(3, dtype=jnp.complex64)), repr(jnp.ones((2, 2), jnp.complex64)))
print(repr(x.astype(jnp.complex64)), jnp.complex64, jnp.dtype("complex64"), z.dtype.kind, z.dtype.itemsize)

# %% promotion with weak Python complex scalars
print(repr(1j * x)); print(repr(x + 0j)); print(repr(jnp.int32(3) * 1j))
print(repr(jnp.float16(2) * 1j), repr(jnp.array([1, 2], dtype=jnp.int8) * 1j))
print((z * 1).dtype, (z * 2.5).dtype, (z + x).dtype, (z + jnp.float16(1)).dtype)

# %% printing widths, nan and inf parts, summaries
print(repr(jnp.array([1e10+1j, 1e-5j])))
print(repr(jnp.array([nan+1j, complex(nan, -inf), 0])))
print(repr(jnp.arange(2000).astype(jnp.complex64)))
print(jnp.array([[1+1j, -2.25j], [3, 4-4j]]))
print(repr(jnp.array([0.1+0.2j, 100.5-1e-3j])))

# %% scalars out of 0-d arrays
c = jnp.array(3+4j)
print(f"{c}", complex(c), str(c), repr(c.item()), complex(jnp.array(2.5)))

# %% float of a complex array
float(jnp.array(1+2j))

# %% int of a complex array
int(jnp.array(1+2j))

# %% arithmetic
print(repr(z * z), repr(z / w), repr(z / (z + 1)))
print(repr(-z), repr(z - w), repr(z + w), repr(z ** 2), repr(z ** 3), repr(z ** -1))
print(repr(z == w), repr(z != z), repr(z == 2))

# %% division and products on hard cases
h = jnp.array([0.5-1j, 2+2j, -1+0.25j, 3+4j, 1e-3+2e-3j, 1e30+1e30j, 0j, -0.0+0j, complex(inf, 1),
               complex(1, inf), complex(nan, 1), complex(inf, nan), complex(-inf, -inf), 1e-40+0j, 1e-20+1e-20j])
print(np.asarray(h / h[::-1]).tolist())
print(np.asarray(h / (h[::-1] + 0.5)).tolist())
print(np.asarray(h * h[::-1]).tolist())
print(np.asarray(1 / h).tolist())

# %% parts, magnitude, exp and log
print(repr(z.real), repr(z.imag), repr(z.conj()), repr(jnp.conj(z)), repr(jnp.real(x)), repr(jnp.imag(x)))
print(repr(jnp.abs(z)), repr(abs(w)))
print(np.asarray(jnp.abs(h)).tolist())
print(np.asarray(jnp.log(h)).tolist())
print(np.asarray(jnp.exp(h[:6])).tolist())
print(repr(jnp.exp(z)), repr(jnp.log(w)))

# %% reductions
print(repr(z.sum()), repr(jnp.mean(z)), repr(jnp.prod(w)), repr(jnp.sum(h[:6] * h[:6])))

# %% selection and layout
print(repr(jnp.where(x > 0, z, w)), repr(z[1]), repr(z.at[0].set(5j)), repr(z.reshape(3, 1).T))
print(repr(jnp.concatenate([z, w])), repr(jnp.stack([z, w]).transpose()))

# %% predicates
print(jnp.iscomplexobj(z), jnp.iscomplexobj(x), repr(jnp.iscomplex(z)), repr(jnp.iscomplex(x)))

# %% ordering compares real parts, then imaginary parts
print(z < jnp.array([1+3j, 2, 1+1j]), z >= 1+1j)

# %% jaxprs
print(jax.make_jaxpr(lambda x: 1j * x)(x))
print(jax.make_jaxpr(lambda z: (z.real, z.imag, jnp.conj(z), z * z, jnp.abs(z)))(z))

# %% jit and vmap
f = jax.jit(lambda z, w: (z * w + 1j) / w)
print(repr(f(z, w)), repr(jax.vmap(lambda a: a * a.conj())(z)))

# %% holomorphic gradients
g = jax.grad(lambda z: z * z + 2j * z, holomorphic=True)
print(repr(g(jnp.complex64(1+1j))))
print(repr(jax.grad(lambda z: jnp.sum(jnp.exp(z) / (z + 1)), holomorphic=True)(w)))
print(jax.make_jaxpr(jax.grad(lambda z: z * z, holomorphic=True))(jnp.complex64(2j)))

# %% gradient of a real function of complex input
print(repr(jax.grad(lambda z: jnp.abs(z) ** 2)(jnp.complex64(3+4j))))
print(repr(jax.grad(lambda z: jnp.real(z * z))(jnp.complex64(1+2j))))
print(repr(jax.grad(lambda z: jnp.sum(z.imag * z.real))(w)))

# %% grad of a complex output needs holomorphic
jax.grad(lambda z: z * z)(jnp.complex64(1+1j))

# %% holomorphic needs complex inputs
jax.grad(lambda x: x * x, holomorphic=True)(1.0)

# %% holomorphic needs complex outputs
jax.grad(lambda z: jnp.abs(z), holomorphic=True)(jnp.complex64(1j))

# %% jvp and vjp
print(jax.jvp(lambda z: z * z, (jnp.complex64(1+2j),), (jnp.complex64(1j),)))
out, pullback = jax.vjp(lambda z: z * w, z)
print(repr(out), pullback(jnp.ones(3, jnp.complex64)))

# %% angle
print(repr(jnp.angle(z)), repr(jnp.angle(w, deg=True)), repr(jnp.angle(2+3j)), repr(jnp.angle(x)), repr(jnp.angle(jnp.arange(3))))
print(jax.make_jaxpr(jnp.angle)(z))

# %% iscomplexobj of Python values
print(jnp.iscomplexobj([1j, 2]), jnp.iscomplexobj(3.0), jnp.iscomplexobj(None), jnp.iscomplexobj(1j))

# %% complex128 with x64
jax.config.update("jax_enable_x64", True)
z2 = jnp.array([1+2j, 0.1-0.3j])
print(repr(z2), repr(z2 * jnp.float32(2)), repr(jnp.array([1, 2], jnp.complex64) * 1j), repr(z2.astype(jnp.complex64)))
print(repr(z2 / jnp.array([3+1j, 1e-300+1e-300j])), repr(jnp.abs(z2)), repr(jnp.log(z2)), repr(jnp.exp(z2)))
print(repr(jnp.zeros(2, dtype=jnp.complex128)), repr(jnp.array(1j)), repr(jnp.array(1j) + jnp.float32(1)))
print(repr(jnp.float64(1.5) * 1j), repr(jnp.array([0.1 + 0.2j])), jnp.array(0.1 + 0.2j))
print(repr(jax.grad(lambda z: jnp.log(z) * z, holomorphic=True)(jnp.complex128(2 - 1j))))
jax.config.update("jax_enable_x64", False)

# %% truth of complex elements
q = jnp.array([1+2j, 3j, 0j])
print(repr(q.astype(bool)), repr(jnp.all(q)), repr(jnp.any(q)), jnp.nonzero(q), jnp.where(q))
print(repr(q.astype(jnp.float32)), repr(q.astype(jnp.int32)), repr(jnp.isnan(jnp.array([complex(nan, 0), 1j]))))

# %% floor of a complex array
jnp.floor(q)

# %% a real scalar type from a Python complex
jnp.float32(1+2j)

# %% NumPy arrays of complex values print
print(repr(np.asarray(z)), repr(np.array([1j, 2])), np.array([1j, 2]), np.asarray(z).dtype)

# %% ranges and identity matrices in a complex dtype
print(repr(jnp.arange(3, dtype=jnp.complex64)), repr(jnp.eye(2, dtype=jnp.complex64)))

# %% squares and signs
print(np.asarray(jnp.square(h)).tolist())
print(np.asarray(jnp.sign(h)).tolist())
print(np.asarray(jnp.square(jnp.array([1e-20+6e-19j, 3e38+1j, 1+3e38j]))).tolist())

# %% sums, means and products in XLA's order
rng = np.random.default_rng(5)
a = jnp.array(rng.standard_normal(7)) + 1j * jnp.array(rng.standard_normal(7))
m = jnp.array(rng.standard_normal((3, 5))) + 1j * jnp.array(rng.standard_normal((3, 5)))
print(np.asarray(jnp.mean(a)).tolist(), np.asarray(jnp.mean(m, axis=0)).tolist(), np.asarray(jnp.mean(m, axis=1)).tolist())
print(np.asarray(jnp.sum(m, axis=0)).tolist(), np.asarray(jnp.sum(m, axis=1)).tolist(), np.asarray(jnp.prod(m, axis=1)).tolist())
big = jnp.array(rng.standard_normal(5000)) + 1j * jnp.array(rng.standard_normal(5000))
print(np.asarray(jnp.sum(big)).tolist(), np.asarray(jnp.mean(big)).tolist())
print(np.asarray(jax.jit(lambda v: jnp.sum(v * v))(big)).tolist())
print(np.asarray(jnp.sum(big.reshape(50, 100), axis=0))[:3].tolist(), np.asarray(jnp.sum(big.reshape(50, 100), axis=1))[:3].tolist())
print(np.asarray(jnp.prod(a)).tolist(), np.asarray(jnp.prod(m)).tolist())

# %% scatter-add and print options
print(repr(z.at[0].add(1j)), repr(z.at[jnp.array([0, 0])].add(jnp.array([1j, 2]))))
po = jnp.array([1e-8+1j, 123.456789-0.5j, 1e5j])
with jnp.printoptions(precision=3, suppress=True):
    print(po); print(repr(po))
with jnp.printoptions(precision=2):
    print(po)
with jnp.printoptions(sign='+'):
    print(po)
