"""Records reference cases for tracing and transformations from real JAX 0.10.2.

Run with the JAX environment's python from this directory:
    python tracing.py
Writes ../tracing-cases.json: named inputs (bit patterns) and, per case, the printed jaxpr,
the result leaves (bit patterns, flattened in pytree order) or the error a user would see.
The Swift tests (TracingReferenceTests) define the same functions with the jnp API.
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import numpy as np
import jax
import jax.numpy as jnp

UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def enc(x):
    x = np.asarray(x)
    if x.dtype == np.bool_:
        bits = [format(int(v), "x") for v in x.ravel()]
    else:
        bits = [format(int(v), "x") for v in x.view(UINT[x.dtype.itemsize]).ravel()]
    return {"dtype": str(x.dtype), "shape": list(x.shape), "bits": bits}


# The lab's random arrays, made the way the lab makes them.
rng = jax.random.key(42)
rng, _, _ = jax.random.split(rng, num=3)
rng, normal_rng = jax.random.split(rng)
large_input = jax.random.normal(normal_rng, (1000,))
rng, x_rng, w_rng, b_rng = jax.random.split(rng, 4)
lab_x = jax.random.normal(x_rng, (4,))
lab_W = jax.random.normal(w_rng, (4, 3))
lab_b = jax.random.normal(b_rng, (3,))
rng, x_vec_rng = jax.random.split(rng, 2)
lab_x_vec = jax.random.normal(x_vec_rng, (10, 4))

INPUTS = {
    "x3": jnp.arange(3, dtype=jnp.float32),
    "v3": jnp.array([0.5, -1.25, 2.0], dtype=jnp.float32),
    "p4": jnp.array([0.3, 1.7, 2.2, 0.9], dtype=jnp.float32),
    "m23": jnp.array([[0.1, -0.4, 1.3], [2.0, 0.7, -1.1]], dtype=jnp.float32),
    "m34": (jnp.arange(12, dtype=jnp.float32).reshape(3, 4) / 7.0 - 0.5),
    "s": jnp.float32(0.7),
    "i3": jnp.arange(3),
    "ints11": jnp.arange(-5, 6),
    "large": large_input,
    "lab_x": lab_x, "lab_W": lab_W, "lab_b": lab_b, "lab_x_vec": lab_x_vec,
}
I = INPUTS


def f(x):
    return ((x + 2) ** 2 + 3).mean()


def linear(x, W, b):
    return (x[:, None] * W).sum(axis=0) + b


def loss(params, x):
    return jnp.tanh(x @ params["W"] + params["b"]).sum()


def g_jit_inner(x):
    return x * 2


g_jit = jax.jit(g_jit_inner)


def tracer_reprs(transform, arg):
    seen = []

    def g(x):
        seen.append(repr(x))
        return (x * 2.0).sum()

    transform(g)(arg)
    return "\n".join(seen)


def retrace_log():
    log = []

    def my_function(x):
        log.append(str(x.shape))
        return x.mean()

    jitted = jax.jit(my_function)
    for i in range(4):
        jitted(jnp.zeros(i + 1,))
    for i in range(4):
        jitted(jnp.zeros(i + 1,))
    jitted(jnp.zeros(2, dtype=jnp.int32))
    jitted(2.0)
    jitted(jnp.float32(2.0))
    return " ".join(log)


CASES = {
    # make_jaxpr prints
    "jaxpr_f": ("jaxpr", lambda: jax.make_jaxpr(f)(I["x3"])),
    "jaxpr_grad_f": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(f))(I["x3"])),
    "jaxpr_value_and_grad_f": ("jaxpr", lambda: jax.make_jaxpr(jax.value_and_grad(f))(I["x3"])),
    "jaxpr_norm": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.sqrt((x ** 2).sum()))(I["x3"])),
    "jaxpr_jit_f": ("jaxpr", lambda: jax.make_jaxpr(jax.jit(f))(I["x3"])),
    "jaxpr_nested_jit": ("jaxpr", lambda: jax.make_jaxpr(lambda x: g_jit(x) + jnp.cos(x))(I["x3"])),
    "jaxpr_vmap_linear": ("jaxpr", lambda: jax.make_jaxpr(jax.vmap(linear, in_axes=(0, None, None)))(I["lab_x_vec"], I["lab_W"], I["lab_b"])),
    "jaxpr_grad_sin_cos": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: (jnp.sin(x) * jnp.cos(x)).sum()))(I["v3"])),
    "jaxpr_grad_exp_log": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: jnp.log(jnp.exp(x) + 1.0).sum()))(I["v3"])),
    "jaxpr_grad_div": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x, y: (x / y).sum(), argnums=1))(I["v3"], I["p4"][:3])),
    "jaxpr_grad_slice": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: (x[1:] * 3.0).sum()))(I["p4"])),
    "jaxpr_grad_reshape_transpose": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: (x.reshape(3, 2).T * jnp.arange(6.0).reshape(2, 3)).sum()))(I["m23"])),
    "jaxpr_grad_dict": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(loss))({"W": I["m34"], "b": I["p4"]}, I["v3"])),
    "jaxpr_vmap_grad": ("jaxpr", lambda: jax.make_jaxpr(jax.vmap(jax.grad(lambda x: (x ** 3).sum())))(I["m23"])),
    "jaxpr_vmap_dot": ("jaxpr", lambda: jax.make_jaxpr(jax.vmap(lambda v: v @ I["m34"]))(I["m23"])),
    "jaxpr_grad_max": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: jnp.maximum(x, 0.0).sum()))(I["v3"])),
    "jaxpr_grad_reduce_max": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: x.max()))(I["v3"])),
    "jaxpr_grad_mean_axis": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda x: x.mean(axis=0).sum()))(I["m23"])),
    "jaxpr_astype": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.astype(jnp.int32) + 1)(I["v3"])),
    "jaxpr_weak_scalar": ("jaxpr", lambda: jax.make_jaxpr(lambda a, b: a * b + 1)(1.0, 2)),
    "jaxpr_zeros_plus": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.zeros(3) + x)(I["v3"])),
    "jaxpr_broadcast_rank": ("jaxpr", lambda: jax.make_jaxpr(lambda a, b: a + b)(I["v3"], I["m23"])),
    "jaxpr_keepdims": ("jaxpr", lambda: jax.make_jaxpr(lambda a: jnp.sum(a, axis=1, keepdims=True))(I["m23"])),
    "jaxpr_index": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a[1] + a[0, 2])(I["m23"])),
    "jaxpr_slices": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a[1:3, ::2])(I["m34"])),
    "jaxpr_constvar": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a * I["v3"])(I["x3"])),
    "jaxpr_identity": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a)(I["x3"])),
    "jaxpr_tuple_out": ("jaxpr", lambda: jax.make_jaxpr(lambda a: (a, a * 2.0))(I["x3"])),
    "jaxpr_grad_of_jit": ("jaxpr", lambda: jax.make_jaxpr(jax.jit(jax.grad(f)))(I["x3"])),
    "jaxpr_concat_stack": ("jaxpr", lambda: jax.make_jaxpr(lambda a: jnp.concatenate([a, a * 2.0]).sum() + jnp.stack([a, a]).sum())(I["v3"])),
    "jaxpr_where": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.where(x > 1, x, 0.))(I["v3"])),
    "jaxpr_clip": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.clip(x, 0, 1))(I["v3"])),
    "jaxpr_vmap_in_axes_1": ("jaxpr", lambda: jax.make_jaxpr(jax.vmap(lambda c: c.sum() * c, in_axes=1))(I["m23"])),
    "jaxpr_jit_of_vmap": ("jaxpr", lambda: jax.make_jaxpr(jax.jit(jax.vmap(lambda r: (r ** 2).sum())))(I["m23"])),
    "jaxpr_argmax": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.argmax(x))(I["x3"])),
    "jaxpr_var": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.var())(I["x3"])),
    "jaxpr_std": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.std())(I["x3"])),
    "jaxpr_var_axis_keepdims": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.var(axis=0, keepdims=True))(I["m23"])),
    "jaxpr_var_ddof": ("jaxpr", lambda: jax.make_jaxpr(lambda x: jnp.var(x, ddof=1))(I["x3"])),
    "var_std_values": ("value", lambda: (I["large"].var(), I["large"].std(), I["m34"].var(axis=1), jnp.var(I["p4"], ddof=1))),
    "jit_var": ("value", lambda: jax.jit(lambda x: x.var())(I["large"])),
    "grad_var": ("value", lambda: jax.grad(lambda x: x.var())(I["p4"])),
    "jaxpr_at_set": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.at[0].set(1.0))(I["x3"])),
    "jaxpr_at_set_2d": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.at[1, 2].set(5.0))(I["m34"])),
    "jaxpr_at_add_row": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.at[1].add(5.0))(I["m34"])),
    "jaxpr_at_mul_negative": ("jaxpr", lambda: jax.make_jaxpr(lambda x: x.at[-1].mul(5.0))(I["x3"])),
    "jit_at_values": ("value", lambda: jax.jit(lambda x: (x.at[1].add(5.0), x.at[-1, 0].set(2.0), x.at[0].max(0.0)))(I["m34"])),
    "grad_of_jit_at": ("value", lambda: jax.grad(lambda x: (jax.jit(lambda y: y.at[0].set(2.0))(x) * x).sum())(I["p4"])),
    "vmap_of_jit_at": ("value", lambda: jax.vmap(jax.jit(lambda r: r.at[1].add(10.0)))(I["m23"])),
    "jaxpr_grad_grad_cube": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(jax.grad(lambda x: x ** 3)))(1.0)),
    "jaxpr_grad_grad_sin": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(jax.grad(lambda x: jnp.sin(x))))(1.0)),
    "jaxpr_grad_grad_sin_times_x": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(jax.grad(lambda x: jnp.sin(x) * x)))(1.0)),
    "jaxpr_jit_grad_vmap": ("jaxpr", lambda: jax.make_jaxpr(jax.jit(jax.vmap(jax.grad(lambda v: jnp.tanh(v).sum()))))(I["m23"])),
    "jaxpr_one_hot": ("jaxpr", lambda: jax.make_jaxpr(lambda l: jax.nn.one_hot(l, 4))(jnp.array([0, 2]))),
    "jaxpr_norm_linalg": ("jaxpr", lambda: jax.make_jaxpr(lambda v: jnp.linalg.norm(v))(I["v3"])),
    "one_hot_norm_values": ("value", lambda: (jax.nn.one_hot(jnp.array([0, 2, 5]), 4), jnp.linalg.norm(I["large"]), jnp.linalg.norm(I["m34"]), jax.grad(jnp.linalg.norm)(I["p4"]))),
    "relu_values": ("value", lambda: (jax.nn.relu(I["v3"]), jax.grad(lambda x: jax.nn.relu(x).sum())(jnp.array([-1.0, 0.0, 2.0])))),
    # printed tracers and tracing counts
    "text_grad_tracer": ("text", lambda: tracer_reprs(jax.grad, I["x3"])),
    "text_vmap_tracer": ("text", lambda: tracer_reprs(jax.vmap, I["m23"])),
    "text_jit_tracer": ("text", lambda: tracer_reprs(jax.jit, I["x3"])),
    "text_jit_weak_tracer": ("text", lambda: tracer_reprs(jax.jit, 1.0)),
    "text_jit_retrace": ("text", retrace_log),
    # values of grad for each differentiable primitive
    "grad_f": ("value", lambda: jax.grad(f)(I["x3"])),
    "value_and_grad_f": ("value", lambda: jax.value_and_grad(f)(I["x3"])),
    "grad_exp": ("value", lambda: jax.grad(lambda x: jnp.exp(x).sum())(I["v3"])),
    "grad_log": ("value", lambda: jax.grad(lambda x: jnp.log(x).sum())(I["p4"])),
    "grad_log1p": ("value", lambda: jax.grad(lambda x: jnp.log1p(x).sum())(I["p4"])),
    "grad_expm1": ("value", lambda: jax.grad(lambda x: jnp.expm1(x).sum())(I["v3"])),
    "grad_sin": ("value", lambda: jax.grad(lambda x: jnp.sin(x).sum())(I["v3"])),
    "grad_cos": ("value", lambda: jax.grad(lambda x: jnp.cos(x).sum())(I["v3"])),
    "grad_tan": ("value", lambda: jax.grad(lambda x: jnp.tan(x).sum())(I["v3"])),
    "grad_tanh": ("value", lambda: jax.grad(lambda x: jnp.tanh(x).sum())(I["v3"])),
    "grad_sqrt": ("value", lambda: jax.grad(lambda x: jnp.sqrt(x).sum())(I["p4"])),
    "grad_abs": ("value", lambda: jax.grad(lambda x: jnp.abs(x).sum())(I["v3"])),
    "grad_sigmoid": ("value", lambda: jax.grad(lambda x: jax.nn.sigmoid(x).sum())(I["v3"])),
    "grad_arctan": ("value", lambda: jax.grad(lambda x: jnp.arctan(x).sum())(I["v3"])),
    "grad_pow_float": ("value", lambda: jax.grad(lambda x: (x ** 2.5).sum())(I["p4"])),
    "grad_pow_exponent": ("value", lambda: jax.grad(lambda y: (2.0 ** y).sum())(I["v3"])),
    "grad_integer_pow": ("value", lambda: jax.grad(lambda x: (x ** 3).sum())(I["v3"])),
    "grad_reciprocal": ("value", lambda: jax.grad(lambda x: (1.0 / x).sum())(I["p4"])),
    "grad_div_both": ("value", lambda: jax.grad(lambda x, y: (x / y).sum(), argnums=(0, 1))(I["v3"], I["p4"][:3])),
    "grad_mul_self": ("value", lambda: jax.grad(lambda x: (x * x * x).sum())(I["v3"])),
    "grad_maximum": ("value", lambda: jax.grad(lambda x: jnp.maximum(x, 0.5).sum())(I["v3"])),
    "grad_minimum": ("value", lambda: jax.grad(lambda x: jnp.minimum(x, 0.5).sum())(I["v3"])),
    "grad_reduce_max": ("value", lambda: jax.grad(lambda x: x.max())(I["m23"])),
    "grad_reduce_min_axis": ("value", lambda: jax.grad(lambda x: x.min(axis=1).sum())(I["m23"])),
    "grad_mean_axis": ("value", lambda: jax.grad(lambda x: (x.mean(axis=0) ** 2).sum())(I["m23"])),
    "grad_matmul": ("value", lambda: jax.grad(lambda W: jnp.tanh(I["m23"] @ W).sum())(I["m34"])),
    "grad_matvec_both": ("value", lambda: jax.grad(lambda W, v: (W @ v).sum(), argnums=(0, 1))(I["m34"], I["p4"])),
    "grad_slice": ("value", lambda: jax.grad(lambda x: (x[1:3] * jnp.array([2.0, 3.0])).sum())(I["p4"])),
    "grad_index": ("value", lambda: jax.grad(lambda x: x[1] * x[2])(I["p4"])),
    "grad_strided": ("value", lambda: jax.grad(lambda x: (x[::2] ** 2).sum())(I["p4"])),
    "grad_concatenate": ("value", lambda: jax.grad(lambda x: (jnp.concatenate([x, x ** 2]) * jnp.arange(8.0)).sum())(I["p4"])),
    "grad_stack": ("value", lambda: jax.grad(lambda x: (jnp.stack([x, jnp.sin(x)]) ** 2).sum())(I["v3"])),
    "grad_reshape_transpose": ("value", lambda: jax.grad(lambda x: (x.reshape(3, 2).T * jnp.arange(6.0).reshape(2, 3)).sum())(I["m23"])),
    "grad_broadcast": ("value", lambda: jax.grad(lambda b: ((I["m23"] + b) ** 2).sum())(I["v3"])),
    "grad_where": ("value", lambda: jax.grad(lambda x: jnp.where(x > 0, x ** 2, -x).sum())(I["v3"])),
    "grad_clip": ("value", lambda: jax.grad(lambda x: jnp.clip(x, -1.0, 1.0).sum())(I["v3"])),
    "grad_astype": ("value", lambda: jax.grad(lambda x: (x.astype(jnp.float32) * 3.0).sum())(I["v3"])),
    "grad_scalar": ("value", lambda: jax.grad(lambda s: s * s * 3.0 + jnp.sin(s))(I["s"])),
    "grad_grad": ("value", lambda: jax.grad(jax.grad(lambda s: jnp.sin(s) * s))(I["s"])),
    "grad_grad_grad": ("value", lambda: jax.grad(jax.grad(jax.grad(lambda s: s ** 4)))(I["s"])),
    "grad_dict": ("value", lambda: jax.grad(loss)({"W": I["m34"], "b": I["p4"]}, I["v3"])),
    "grad_has_aux": ("value", lambda: jax.grad(lambda x: ((x ** 2).sum(), x * 2.0), has_aux=True)(I["v3"])),
    "value_and_grad_argnums": ("value", lambda: jax.value_and_grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(I["v3"], I["x3"])),
    "grad_calls_jit": ("value", lambda: jax.grad(lambda x: g_jit(x).sum() * jnp.cos(x).sum())(I["v3"])),
    # vmap
    "vmap_linear": ("value", lambda: jax.vmap(linear, in_axes=(0, None, None), out_axes=0)(I["lab_x_vec"], I["lab_W"], I["lab_b"])),
    "linear_lab": ("value", lambda: linear(I["lab_x"], I["lab_W"], I["lab_b"])),
    "vmap_in_axes_1": ("value", lambda: jax.vmap(lambda c: c.sum() * c, in_axes=1)(I["m23"])),
    "vmap_out_axes_1": ("value", lambda: jax.vmap(lambda r: r * 2.0 + 1.0, out_axes=1)(I["m23"])),
    "vmap_nested": ("value", lambda: jax.vmap(jax.vmap(lambda a, b: a * b + 1.0, in_axes=(0, None)), in_axes=(None, 0))(I["v3"], I["p4"])),
    "vmap_grad": ("value", lambda: jax.vmap(jax.grad(lambda x: jnp.sin(x).sum() * x[0]))(I["m23"])),
    "vmap_unbatched_out": ("value", lambda: jax.vmap(lambda x: (x * 2.0, I["v3"]))(I["p4"])),
    "vmap_matmul": ("value", lambda: jax.vmap(lambda v: v @ I["m34"])(I["m23"])),
    "vmap_reduce_max": ("value", lambda: jax.vmap(lambda r: r.max() - r)(I["m23"])),
    "vmap_list_in_axes": ("value", lambda: jax.vmap(lambda a, b: a + b, in_axes=[0, None])(I["m23"], I["v3"])),
    # jit
    "jit_f": ("value", lambda: jax.jit(f)(I["x3"])),
    "jit_f_large": ("value", lambda: jax.jit(f)(I["large"])),
    "jit_grad_large": ("value", lambda: jax.jit(jax.grad(f))(I["large"])),
    "jit_vmap": ("value", lambda: jax.jit(jax.vmap(lambda r: (r ** 2).sum()))(I["m23"])),
    # floor division and remainder: eager, jitted (the traced composition) and differentiated
    "floordiv_int": ("value", lambda: I["ints11"] // 3),
    "jit_floordiv_int": ("value", lambda: jax.jit(lambda a: a // 3)(I["ints11"])),
    "jit_floordiv_int_negative": ("value", lambda: jax.jit(lambda a: a // -4)(I["ints11"])),
    "jit_floordiv_float": ("value", lambda: jax.jit(lambda a, b: a // b)(I["v3"], I["p4"][:3])),
    "jit_remainder_int": ("value", lambda: jax.jit(lambda a: a % -3)(I["ints11"])),
    "jit_remainder_float": ("value", lambda: jax.jit(lambda a: a % 0.7)(I["v3"])),
    "grad_remainder": ("value", lambda: jax.grad(lambda x: (x % 0.7).sum())(I["v3"])),
    # traced indices
    "jit_traced_index": ("value", lambda: jax.jit(lambda x, i: x[i])(I["p4"], 2)),
    "jit_traced_index_negative": ("value", lambda: jax.jit(lambda x, i: x[i])(I["p4"], -1)),
    "vmap_index": ("value", lambda: jax.vmap(lambda i: I["p4"][i])(jnp.array([3, 0, 2]))),
    "vmap_take_rows": ("value", lambda: jax.vmap(lambda i: I["m34"][i] * 2.0)(jnp.array([2, 0]))),
    "jit_grad_traced_index": ("value", lambda: jax.jit(jax.grad(lambda x, i: x[i] * 3.0))(I["p4"], 2)),
    "jit_at_set_traced": ("value", lambda: jax.jit(lambda x, i: x.at[i].set(5.0))(I["p4"], 1)),
    # jax.nn and jnp conveniences
    "softmax": ("value", lambda: jax.nn.softmax(I["m23"])),
    "softmax_axis0": ("value", lambda: jax.nn.softmax(I["m23"], axis=0)),
    "log_softmax": ("value", lambda: jax.nn.log_softmax(I["m23"])),
    "logsumexp": ("value", lambda: jax.nn.logsumexp(I["m23"], axis=1)),
    "grad_log_softmax": ("value", lambda: jax.grad(lambda x: (jax.nn.log_softmax(x) * I["m23"]).sum())(I["m23"])),
    "outer": ("value", lambda: jnp.outer(I["v3"], I["p4"])),
    # jit numerics: XLA's fused multiply-adds
    "jit_exp_fma": ("value", lambda: jax.jit(lambda x: jnp.exp(x) * 3 + 1)(I["large"])),
    "jit_tanh_fma": ("value", lambda: jax.jit(lambda x: jnp.tanh(x) * 3 + 1)(I["large"])),
    "jit_sin_fma": ("value", lambda: jax.jit(lambda x: jnp.sin(x) * 3 + 1)(I["large"])),
    "eager_exp_fma": ("value", lambda: jnp.exp(I["large"]) * 3 + 1),
    "jit_mul_sum_small": ("value", lambda: jax.jit(lambda x, y: (x * y).sum())(I["large"][:20], I["large"][20:40])),
    "jit_square_sum_small": ("value", lambda: jax.jit(lambda x: (x * x).sum())(I["large"][:20])),
    "jit_mul_sum_large": ("value", lambda: jax.jit(lambda x, y: (x * y).sum())(I["large"][:500], I["large"][500:])),
    "jit_linear_lab": ("value", lambda: jax.jit(linear)(I["lab_x"], I["lab_W"], I["lab_b"])),
    "jit_vmap_linear_lab": ("value", lambda: jax.jit(jax.vmap(linear, in_axes=(0, None, None)))(I["lab_x_vec"], I["lab_W"], I["lab_b"])),
    "jaxpr_grad_bias_broadcast": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda b: ((I["m23"] @ I["m34"] + b) ** 2).mean()))(I["p4"])),
    # reshape: jnp's TypeErrors quote the requested shape as written
    "reshape_unknown": ("value", lambda: (jnp.reshape(I["m23"], (3, -1)), I["m34"].reshape(-1, 6), I["m23"].reshape(6))),
    "err_reshape_size": ("error", lambda: jnp.reshape(I["m23"], (4,))),
    "err_reshape_int": ("error", lambda: I["m23"].reshape(4)),
    "err_reshape_list": ("error", lambda: I["m23"].reshape([4, 2])),
    "err_reshape_not_dividing": ("error", lambda: jnp.reshape(I["x3"], (2, -1))),
    "err_reshape_two_unknown": ("error", lambda: jnp.reshape(I["x3"], (-1, -1))),
    "err_reshape_negative": ("error", lambda: jnp.reshape(I["m23"], (-2, 3))),
    "err_reshape_negative_sizes": ("error", lambda: jnp.reshape(I["m23"], (-2, -3))),
    "err_reshape_negative_unknown": ("error", lambda: jnp.reshape(I["m23"], (-1, -2))),
    "err_reshape_zero_unknown": ("error", lambda: jnp.reshape(I["x3"], (0, -1))),
    "err_reshape_huge": ("error", lambda: jnp.reshape(I["m23"], (2 ** 62, 4, 3))),
    "err_reshape_huge_unknown": ("error", lambda: jnp.reshape(I["m23"], (2 ** 62, 4, -1))),
    "err_jit_reshape": ("error", lambda: jax.jit(lambda a: a.reshape(3, 3))(I["m23"])),
    "err_vmap_reshape": ("error", lambda: jax.vmap(lambda r: r.reshape(2, 2))(I["m23"])),
    # negative steps: a static slice, then rev
    "jaxpr_rev": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a[::-1])(I["p4"])),
    "jaxpr_rev_strided": ("jaxpr", lambda: jax.make_jaxpr(lambda a: a[None, ::-2, 3:0:-1])(I["m34"])),
    "rev_values": ("value", lambda: (I["p4"][::-1], I["m34"][::-2, 3:0:-1], I["ints11"][-2::-3], I["p4"][1:3:-1], I["ints11"][20:-20:-4])),
    "jaxpr_grad_rev": ("jaxpr", lambda: jax.make_jaxpr(jax.grad(lambda a: (a[::-2] * jnp.arange(2.0)).sum()))(I["p4"])),
    "grad_rev": ("value", lambda: jax.grad(lambda a: (a[::-2] * jnp.arange(2.0)).sum())(I["p4"])),
    "jaxpr_vmap_rev": ("jaxpr", lambda: jax.make_jaxpr(jax.vmap(lambda r: r[::-1], in_axes=1))(I["m34"])),
    "vmap_rev": ("value", lambda: jax.vmap(lambda r: r[::-1], in_axes=1)(I["m34"])),
    # batched arrays indexed by batched indices
    "vmap_batched_index": ("value", lambda: jax.vmap(lambda x, i: x[i])(I["m34"], jnp.array([3, 0, -1]))),
    "vmap_batched_index_rows": ("value", lambda: jax.vmap(lambda x, i: x[i] * 2.0)(I["m34"].reshape(3, 2, 2), jnp.array([1, 0, 1]))),
    "vmap_batched_index_clamped": ("value", lambda: jax.vmap(lambda x, i: x[i])(I["m34"], jnp.array([7, -9, 2]))),
    "jit_vmap_batched_index": ("value", lambda: jax.jit(jax.vmap(lambda x, i: x[i]))(I["m34"], jnp.array([2, 1, 0]))),
    "vmap_grad_batched_index": ("value", lambda: jax.vmap(jax.grad(lambda x, i: x[i] * 3.0))(I["m34"], jnp.array([2, 1, 0]))),
    # errors
    "err_grad_nonscalar": ("error", lambda: jax.grad(lambda x: x * 2.0)(I["x3"])),
    "err_grad_int": ("error", lambda: jax.grad(lambda x: x.sum())(I["i3"])),
    "err_grad_argnums": ("error", lambda: jax.grad(lambda x: x.sum(), argnums=1)(I["x3"])),
    "err_grad_argnums_tuple": ("error", lambda: jax.grad(lambda x, y: x.sum(), argnums=(0, 2))(I["x3"], I["x3"])),
    "err_grad_tuple": ("error", lambda: jax.grad(lambda x: (x.sum(), x))(I["x3"])),
    "err_has_aux_leaf": ("error", lambda: jax.grad(lambda x: x.sum(), has_aux=True)(I["x3"])),
    "err_vmap_scalar": ("error", lambda: jax.vmap(lambda x: x)(I["s"])),
    "err_vmap_in_axes_len": ("error", lambda: jax.vmap(lambda x, y: x + y, in_axes=(0,))(I["x3"], I["p4"])),
    "err_vmap_axis_rank": ("error", lambda: jax.vmap(lambda x: x, in_axes=2)(I["x3"])),
    "err_vmap_all_none": ("error", lambda: jax.vmap(lambda x: x, in_axes=None)(I["x3"])),
    "err_vmap_out_none": ("error", lambda: jax.vmap(lambda x: x, out_axes=None)(I["x3"])),
}


def main():
    out = {"inputs": {k: enc(v) for k, v in INPUTS.items()}, "cases": {}}
    for name, (kind, fn) in CASES.items():
        try:
            r = fn()
            if kind == "jaxpr":
                out["cases"][name] = {"jaxpr": str(r)}
            elif kind == "text":
                out["cases"][name] = {"text": r}
            else:
                out["cases"][name] = {"leaves": [enc(l) for l in jax.tree_util.tree_leaves(r)]}
        except Exception as e:
            out["cases"][name] = {"error": f"{type(e).__name__}: {e}"}
    with open("../tracing-cases.json", "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    print(len(out["cases"]), "cases")


main()
