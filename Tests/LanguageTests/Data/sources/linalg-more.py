# %% setup
import jax
import jax.numpy as jnp

a = jnp.arange(6.0).reshape(2, 3) / 4 - 0.5
b = jnp.arange(12.0).reshape(3, 4) / 5 + 0.25
c = jnp.arange(8.0).reshape(4, 2) - 3.5
d = jnp.array([[1.5, -2.0], [0.25, 3.0]])
v = jnp.array([1.0, -2.0, 0.5])
w = jnp.array([0.5, 1.5, -1.0, 2.0])
g = jnp.array([[2.0, -1.0, 0.5, 1.0], [0.3, 4.0, -2.0, 0.7], [1.5, 0.2, 3.0, -1.1], [0.9, -0.4, 1.2, 5.0]])
tall = jnp.arange(12.0).reshape(4, 3) / 7 + jnp.eye(4, 3)
spd = jnp.array([[4.0, 1.0, 2.0], [1.0, 3.0, 0.5], [2.0, 0.5, 5.0]])

# %% einsum_three_operands
for spec, args in [('ij,jk,kl->il', (a, b, c)), ('ij,jk,kl', (a, b, c)), ('i,ij,j->', (v, b, w)), ('ij,jk,kl,lm->im', (a, b, c, d)),
                   ('i,j,k->ijk', (v, w, jnp.arange(2.0))), ('ij,ij,ij->i', (a, a, a)), ('ij,jk,ki->', (a, b, b.T @ a.T)),
                   ('bij,bjk,bkl->bil', (jnp.stack([a, a * 2]), jnp.stack([b, -b]), jnp.stack([c, c]))),
                   ('ij,kj,lk->il', (a, b.T, c.T)), ('ijk,jl,kl->i', (jnp.arange(24.0).reshape(2, 3, 4), b, g)),
                   ('...ij,jk,kl->...il', (jnp.stack([a, -a]), b, c)), ('ii,ij,jk->k', (spd, spd, b))]:
    print(spec, jnp.einsum(spec, *args))
    print(jax.make_jaxpr(lambda *xs: jnp.einsum(spec, *xs))(*args))

# %% einsum_paths
x = jnp.arange(6.0).reshape(2, 3)
y = jnp.arange(300.0).reshape(3, 100) % 7 - 3
z = jnp.arange(500.0).reshape(100, 5) % 5 - 2
print(jnp.einsum('ij,jk,kl', x, y, z))
print(jax.make_jaxpr(lambda *xs: jnp.einsum('ij,jk,kl', *xs))(x, y, z))
print(jax.make_jaxpr(lambda *xs: jnp.einsum('ij,jk,kl', *xs, optimize=False))(x, y, z))
print(jax.make_jaxpr(lambda *xs: jnp.einsum('ij,jk,kl', *xs, optimize=True))(x, y, z))
print(jax.make_jaxpr(lambda *xs: jnp.einsum('ij,jk,kl', *xs, optimize=[(0, 2), (0, 1)]))(x, y, z))
print(jnp.einsum('ij,jk,kl->il', x, y, z, optimize=[(1, 2), (0, 1)]))
print(repr(jnp.einsum('i,i,i', jnp.arange(3), jnp.arange(3), jnp.arange(3))))
print(jnp.einsum(a, (0, 1), b, (1, 2), c, (2, 3)), jnp.einsum(a, [5, 1], b, [1, 7], [7, 5]), jnp.einsum(jnp.stack([a, a]), [..., 0, 1], v, [1], [..., 0]))
print(jax.grad(lambda m: jnp.einsum('ij,jk,kl->', m, b, c))(a))
print(jax.vmap(lambda r: jnp.einsum('j,jk,kl->l', r, b, c))(a))
print(jax.jit(lambda p, q, r: jnp.einsum('ij,jk,kl->li', p, q, r))(a, b, c))
for f in [lambda: jnp.einsum('ij,jk,kl', a, b, b), lambda: jnp.einsum('ij,jk,kl', a, b, c, optimize=[(0, 1, 2)]),
          lambda: jnp.einsum('ij,jk,kl', a, b, c, optimize=[(0, 5), (0, 1)])]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% einsum_many_operands
# five to eight operands: opt_einsum's branch-and-bound searches, which try pairs in the order
# CPython iterates a set of operand numbers
ops = [jnp.arange(1.0, 1.0 + n * m).reshape(n, m) % 5 - 2 for n, m in [(2, 3), (3, 7), (7, 1), (1, 3), (3, 2), (2, 7), (7, 3), (3, 2)]]
for spec, k, opt in [('ab,bc,cd,de,ef->af', 5, 'auto'), ('ab,bc,cd,de,ef,fg->ag', 6, 'auto'), ('ab,bc,cd,de,ef,fg,gh->ah', 7, 'auto'),
                     ('ab,bc,cd,de,ef,fg,gh,hi->ai', 8, 'auto'), ('ab,bc,cd,de,ef,fg->', 6, 'branch-1'), ('ab,bc,cd,de,ef->fa', 5, True)]:
    print(spec, jnp.einsum(spec, *ops[:k], optimize=opt))
    print(jax.make_jaxpr(lambda *xs: jnp.einsum(spec, *xs, optimize=opt))(*ops[:k]))
xs = [jnp.ones(s) for s in [(3,), (2, 3, 5), (2,), (3, 2, 4), (4, 2), (2,)]]
print(jax.make_jaxpr(lambda *a: jnp.einsum('a,dab,e,aef,fe,e->bdf', *a))(*xs))
print(jnp.linalg.multi_dot(ops[:5]), jnp.linalg.multi_dot([jnp.arange(3.0)] + ops[1:6] + [jnp.arange(7.0)]))

# %% multi_dot
print(jnp.linalg.multi_dot([a, b, c]))
print(jnp.linalg.multi_dot([v, b, c, d]))
print(jnp.linalg.multi_dot([a, b, w]))
print(jnp.linalg.multi_dot([jnp.arange(3), jnp.arange(12).reshape(3, 4), jnp.arange(4)]))
print(jax.make_jaxpr(lambda *xs: jnp.linalg.multi_dot(xs))(a, b, c, d))
for f in [lambda: jnp.linalg.multi_dot([a]), lambda: jnp.linalg.multi_dot([a, a]), lambda: jnp.linalg.multi_dot([a, b[None]])]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% vector_norms
for order in [None, 2, 1, 0, jnp.inf, -jnp.inf, 3, 0.5, -1, -2]:
    print(order, jnp.linalg.norm(w, ord=order), jnp.linalg.norm(g, ord=order, axis=1), jnp.linalg.norm(g, ord=order, axis=0, keepdims=True))
print(jnp.linalg.norm(jnp.array([3, 4])), jnp.linalg.norm(jnp.arange(24.0).reshape(2, 3, 4)), jnp.linalg.norm(g, keepdims=True))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord=3))(w))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord=0, axis=1))(g))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord=-jnp.inf))(w))
print(jnp.linalg.vector_norm(g), jnp.linalg.vector_norm(g, axis=1, ord=1), jnp.linalg.vector_norm(g, axis=(0, 1), ord=jnp.inf))
print(repr(jnp.linalg.vector_norm(jnp.array([3, -4]), ord=jnp.inf)), repr(jnp.linalg.vector_norm(jnp.array([3, -4]))))
print(jnp.linalg.norm(jnp.zeros((0, 3)), ord=1), jnp.linalg.norm(jnp.zeros((2, 0)), axis=1))

# %% matrix_norms
for order in [None, 'fro', 'nuc', 1, -1, 2, -2, jnp.inf, -jnp.inf]:
    print(order, jnp.linalg.norm(g, ord=order), jnp.linalg.norm(tall, ord=order), jnp.linalg.norm(tall, ord=order, axis=(1, 0)))
    print(jnp.linalg.norm(jnp.stack([g, -2 * g]), ord=order, axis=(1, 2)), jnp.linalg.norm(jnp.stack([tall, tall * -1.5]), ord=order, axis=(2, 1), keepdims=True))
print(jnp.linalg.matrix_norm(g), jnp.linalg.matrix_norm(jnp.stack([g, g.T]), ord=2), jnp.linalg.matrix_norm(tall, ord='nuc', keepdims=True))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord=2))(g))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord=jnp.inf, axis=(1, 0)))(tall))
print(jax.make_jaxpr(lambda x: jnp.linalg.norm(x, ord='nuc', keepdims=True))(tall))

# %% norm_errors
for f in [lambda: jnp.linalg.norm(g, ord=3), lambda: jnp.linalg.norm(w, ord='fro'), lambda: jnp.linalg.norm(w, ord='inf'),
          lambda: jnp.linalg.norm(jnp.ones((2, 2, 2)), ord=2), lambda: jnp.linalg.norm(g, ord='bad'), lambda: jnp.linalg.norm(g, axis=2),
          lambda: jnp.linalg.vector_norm(w, ord='nuc'), lambda: jnp.linalg.norm(g, ord=2, axis=(0, 0))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% pinv
print(jnp.linalg.pinv(g))
print(jnp.linalg.pinv(tall))
print(jnp.linalg.pinv(tall.T))
print(jnp.linalg.pinv(jnp.array([[1.0, 2.0], [2.0, 4.0]])))
print(jnp.linalg.pinv(jnp.array([[1.0, 2.0], [2.0, 4.001]]), rtol=1e-3))
print(jnp.linalg.pinv(jnp.array([[1, 2], [3, 4]])), jnp.linalg.pinv(jnp.stack([spd, 2 * spd])).shape)
print(jax.jit(jnp.linalg.pinv)(tall))
print(jax.make_jaxpr(jnp.linalg.pinv)(tall))
gt = jax.grad(lambda x: jnp.linalg.pinv(x).sum())(tall)
gw = jax.grad(lambda x: (jnp.linalg.pinv(x) ** 2).sum())(tall.T)
# JAX's gradients, printed: the derivative's products round differently in the last bits
print(jnp.allclose(gt, jnp.array([[-0.1791614, -0.09786284, -0.01656454], [-0.08330217, -0.05172455, -0.020147],
                                  [0.01255697, -0.00558629, -0.02372943], [-0.421109, -0.16779496, 0.08551896]]), rtol=1e-5, atol=1e-6))
print(jnp.allclose(gw, jnp.array([[-2.3555837, 0.41271913, 1.1810211, -0.76226634], [0.40415898, -1.3730216, 0.8497965, -0.10888901],
                                  [1.1638997, 0.84123576, -1.4814276, 0.54448605]]), rtol=1e-5, atol=1e-6))

# %% lstsq
x, res, rank, s = jnp.linalg.lstsq(tall, jnp.array([1.0, 2.0, 0.5, -1.0]))
print(x, res, rank, s)
print(jnp.linalg.lstsq(tall, jnp.stack([w, w * 2], axis=1)))
print(jnp.linalg.lstsq(g, w))
print(jnp.linalg.lstsq(jnp.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), jnp.array([1.0, 2.0, 3.5])))
print(jnp.linalg.lstsq(jnp.array([[1.0, 2.0], [2.0, 4.0001], [3.0, 6.0]]), jnp.array([1.0, 2.0, 3.5]), rcond=1e-3))
print(jnp.linalg.lstsq(tall.T, v))
print(jax.jit(jnp.linalg.lstsq)(tall, w))

# %% matrix_rank
print(jnp.linalg.matrix_rank(g), jnp.linalg.matrix_rank(tall), jnp.linalg.matrix_rank(jnp.array([[1.0, 2.0], [2.0, 4.0]])))
print(jnp.linalg.matrix_rank(jnp.stack([g, jnp.zeros((4, 4)), jnp.outer(w, w)])), jnp.linalg.matrix_rank(jnp.array([0.0, 1.0])), jnp.linalg.matrix_rank(jnp.zeros(3)))
print(jnp.linalg.matrix_rank(jnp.array([[1.0, 2.0], [2.0, 4.001]]), rtol=0.01), jnp.linalg.matrix_rank(jnp.array([[1.0, 2.0], [2.0, 4.001]]), tol=1e-5))
print(jax.make_jaxpr(jnp.linalg.matrix_rank)(tall))

# %% matrix_power
for n in [0, 1, 2, 3, 4, 5, 7, 10, -1, -2, -3]:
    print(n, jnp.linalg.matrix_power(d, n))
print(jnp.linalg.matrix_power(jnp.array([[1, 1], [1, 0]]), 20), jnp.linalg.matrix_power(jnp.stack([d, d.T]), 3))
print(jax.make_jaxpr(lambda m: jnp.linalg.matrix_power(m, 6))(d))
print(jax.make_jaxpr(lambda m: jnp.linalg.matrix_power(m, 0))(d))
for f in [lambda: jnp.linalg.matrix_power(w, 2), lambda: jnp.linalg.matrix_power(tall, 2), lambda: jnp.linalg.matrix_power(d, 1.5)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% eigvalsh_svdvals
print(jnp.linalg.eigvalsh(spd), jnp.linalg.eigvalsh(spd, UPLO='U'), jnp.linalg.eigvalsh(jnp.array([[2, 1], [1, 2]])))
print(jnp.linalg.svdvals(tall), jnp.linalg.svdvals(g), jnp.linalg.svdvals(jnp.stack([spd, spd.T * 2])))
print(jax.make_jaxpr(jnp.linalg.eigvalsh)(spd))
print(jax.make_jaxpr(jnp.linalg.svdvals)(tall))

# %% tensor_solvers
t = jnp.arange(24.0).reshape(4, 6) / 10 + jnp.eye(4, 6)
sq = jnp.concatenate([t, jnp.eye(2, 6)]).reshape(6, 2, 3)
print(jnp.linalg.tensorinv(sq, ind=1))
print(jnp.linalg.tensorinv((g + jnp.eye(4)).reshape(2, 2, 2, 2)).shape, jnp.linalg.tensorinv((g + jnp.eye(4)).reshape(2, 2, 2, 2)))
print(jnp.linalg.tensorsolve(sq, jnp.arange(6.0)))
print(jnp.linalg.tensorsolve(g.reshape(2, 2, 4), jnp.array([[1.0, 2.0], [3.0, 4.0]])))
print(jnp.linalg.tensorsolve(g.reshape(2, 4, 2), w, axes=(0,)))
for f in [lambda: jnp.linalg.tensorinv(t), lambda: jnp.linalg.tensorinv(sq, ind=0), lambda: jnp.linalg.tensorsolve(sq, w)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
