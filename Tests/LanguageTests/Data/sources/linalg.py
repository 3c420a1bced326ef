# %% setup
import jax
import jax.numpy as jnp

spd = jnp.array([[4.0, 1.0, 2.0], [1.0, 3.0, 0.5], [2.0, 0.5, 5.0]])
g = jnp.array([[2.0, -1.0, 0.5, 1.0], [0.3, 4.0, -2.0, 0.7], [1.5, 0.2, 3.0, -1.1], [0.9, -0.4, 1.2, 5.0]])
tall = jnp.arange(12.0).reshape(4, 3) / 7 + jnp.eye(4, 3)

# %% inverse_and_solve
print(jnp.linalg.inv(spd))
print(jnp.linalg.inv(g))
print(jnp.linalg.inv(jnp.array([[1, 2], [3, 4]])))
print(jnp.linalg.solve(g, jnp.array([1.0, 2.0, 3.0, 4.0])))
print(jnp.linalg.solve(g, g.T))
print(jax.jit(jnp.linalg.inv)(g))
print(jax.vmap(jnp.linalg.inv)(jnp.stack([spd, spd * 2])))
print(jax.vmap(jnp.linalg.solve, in_axes=(0, None))(jnp.stack([g, g.T]), jnp.ones(4)))

# %% determinants
print(jnp.linalg.det(spd), jnp.linalg.det(g), jnp.linalg.det(spd[:2, :2]), jnp.linalg.det(jnp.array([[1, 2], [3, 4]])))
print(jnp.linalg.slogdet(spd))
print(jnp.linalg.slogdet(g))
print(jnp.linalg.slogdet(-g[:2, :2]), jnp.linalg.slogdet(jnp.zeros((3, 3))))
print(jax.vmap(jnp.linalg.det)(jnp.stack([g, g * 2])), jax.jit(jnp.linalg.det)(g))
print(jax.make_jaxpr(jnp.linalg.det)(spd[:2, :2]))
print(jax.make_jaxpr(jnp.linalg.det)(spd))
print(jax.grad(jnp.linalg.det)(spd), jax.grad(jnp.linalg.det)(spd[:2, :2]))

# %% cholesky
print(jnp.linalg.cholesky(spd))
print(jnp.linalg.cholesky(spd, upper=True))
print(jnp.linalg.cholesky(-spd))
print(jax.make_jaxpr(jnp.linalg.cholesky)(spd))
print(jax.vmap(jnp.linalg.cholesky)(jnp.stack([spd, spd * 4])))

# %% qr
print(jnp.linalg.qr(spd))
print(jnp.linalg.qr(tall))
print(jnp.linalg.qr(tall, mode='complete'))
print(jnp.linalg.qr(tall.T))
print(jnp.linalg.qr(tall, mode='r'))
print(jax.make_jaxpr(jnp.linalg.qr)(spd))
print(jax.make_jaxpr(lambda a: jnp.linalg.qr(a, mode='complete'))(tall))

# %% eigh
print(jnp.linalg.eigh(spd))
w, v = jnp.linalg.eigh(spd, UPLO='U')
print(w, v.shape, type(jnp.linalg.eigh(spd)).__name__)
print(jax.make_jaxpr(jnp.linalg.eigh)(spd))
print(jax.vmap(jnp.linalg.eigh)(jnp.stack([spd, spd * 2])).eigenvalues)

# %% svd
print(jnp.linalg.svd(spd))
print(jnp.linalg.svd(tall, full_matrices=False))
print(jnp.linalg.svd(tall, compute_uv=False))
print(jnp.linalg.svd(tall))
u, s, vh = jnp.linalg.svd(tall.T, full_matrices=False)
print(u.shape, s, vh.shape)
print(jax.make_jaxpr(jnp.linalg.svd)(spd))
print(jax.make_jaxpr(lambda a: jnp.linalg.svd(a, compute_uv=False))(tall))
print(jax.jit(lambda a: jnp.linalg.svd(a, full_matrices=False))(tall).S)

# %% errors
bad = jnp.ones((2, 3))
for f in [lambda: jnp.linalg.cholesky(bad), lambda: jnp.linalg.det(bad), lambda: jnp.linalg.inv(bad),
          lambda: jnp.linalg.slogdet(bad), lambda: jnp.linalg.solve(jnp.eye(3), jnp.ones(2)),
          lambda: jnp.linalg.cholesky(jnp.ones(3)), lambda: jnp.linalg.qr(jnp.ones(3)), lambda: jnp.linalg.svd(jnp.ones(3)),
          lambda: jnp.linalg.qr(jnp.eye(2), mode='x'), lambda: jnp.linalg.eigh(jnp.eye(2), UPLO='X'),
          lambda: jnp.linalg.inv(jnp.eye(2, dtype='float16')), lambda: jnp.linalg.det(jnp.ones(3)),
          lambda: jnp.linalg.inv([[1.0, 2.0], [3.0, 4.0]])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% gradients
wt = jnp.arange(16.0).reshape(4, 4) / 10
print(jax.grad(lambda a: (jnp.linalg.cholesky(a) * wt[:3, :3]).sum())(spd))
print(jax.grad(lambda a: jnp.linalg.eigh(a)[0][2])(spd))
print(jax.grad(lambda a: (jnp.linalg.eigh(a)[1] * wt[:3, :3]).sum())(spd))
print(jax.grad(lambda b: jnp.linalg.solve(g, b).sum())(jnp.arange(4.0)))
print(jax.vmap(jax.grad(lambda a: jnp.linalg.cholesky(a)[2, 1]))(jnp.stack([spd, spd * 2])))
# where JAX differentiates through its own custom rules, the values agree to rounding
print(jnp.allclose(jax.grad(jnp.linalg.det)(g), jnp.linalg.det(g) * jnp.linalg.inv(g).T, rtol=1e-5))
print(jnp.allclose(jax.grad(lambda a: jnp.linalg.slogdet(a)[1])(g), jnp.linalg.inv(g).T, rtol=1e-5))
ginv = jnp.linalg.inv(g)
print(jnp.allclose(jax.grad(lambda a: (jnp.linalg.inv(a) * wt).sum())(g), -ginv.T @ wt @ ginv.T, rtol=1e-5, atol=1e-6))
print(jnp.allclose(jax.jit(jax.grad(lambda a: jnp.linalg.solve(a, jnp.ones(4)).sum()))(g),
                   -jnp.outer(ginv.T @ jnp.ones(4), jnp.linalg.solve(g, jnp.ones(4))), rtol=1e-5, atol=1e-6))
