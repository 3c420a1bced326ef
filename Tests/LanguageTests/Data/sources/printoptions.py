# %% setup
import numpy as np
import jax
import jax.numpy as jnp

# %% defaults
print(np.get_printoptions() == jnp.get_printoptions())
opts = np.get_printoptions()
print(sorted(opts))
print(opts['precision'], opts['threshold'], opts['edgeitems'], opts['linewidth'], opts['suppress'], opts['floatmode'], opts['sign'])

# %% precision
x = jnp.array([1.0, 2.0 / 3.0, 1.23456789, -4.5])
n = np.array([1.0, 2.0 / 3.0, 1.23456789, -4.5])
np.set_printoptions(precision=3)
print(x)
print(repr(x))
print(n)
print(repr(n))
print(np.get_printoptions()['precision'])
print(jnp.array(2.0 / 3.0), repr(jnp.array(2.0 / 3.0)), repr(np.array(2.0 / 3.0)))
print(jnp.array([1e-5, 1.0, 123456.0]))
np.set_printoptions(precision=8)
print(x)

# %% jnp_precision
jnp.set_printoptions(precision=2)
print(jnp.linspace(0.0, 1.0, 7))
print(np.get_printoptions()['precision'])
jnp.set_printoptions(precision=0)
print(jnp.array([0.4, 1.5, 2.6, -0.4]))
jnp.set_printoptions(precision=8)

# %% suppress
y = jnp.array([1e-8, 1.0, 1234.5])
print(y)
np.set_printoptions(suppress=True)
print(y)
print(repr(y))
print(np.array([1e-8, 1.0, 1234.5]))
print(jnp.array([1e9, 1.0]))
np.set_printoptions(suppress=False)

# %% threshold_edgeitems
np.set_printoptions(threshold=5)
print(jnp.arange(10))
print(repr(jnp.arange(10)))
print(repr(np.arange(10)))
print(jnp.arange(5))
np.set_printoptions(edgeitems=1)
print(jnp.arange(24).reshape(2, 3, 4))
print(repr(np.arange(24.0).reshape(4, 6)))
np.set_printoptions(threshold=1000, edgeitems=3)
print(jnp.arange(10))
np.set_printoptions(edgeitems=2)
print(jnp.arange(2000))
np.set_printoptions(edgeitems=3)

# %% linewidth
np.set_printoptions(linewidth=30)
print(jnp.arange(20))
print(repr(jnp.arange(20.0)))
print(repr(np.arange(20.0)))
print(repr(jnp.arange(6, dtype=jnp.int16)))
np.set_printoptions(linewidth=200)
print(jnp.arange(60))
np.set_printoptions(linewidth=75)

# %% context_manager
z = jnp.array([3.14159265, 2.71828183])
with np.printoptions(precision=2, suppress=True) as opts:
    print(z)
    print(opts['precision'], opts['suppress'])
print(z)
with jnp.printoptions(threshold=3, edgeitems=1):
    print(jnp.arange(8))
print(jnp.arange(8))
try:
    with np.printoptions(precision=1):
        print(z)
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)
print(z, np.get_printoptions()['precision'])

# %% floatmode_sign
w = jnp.array([1.0, 0.5, 0.25])
np.set_printoptions(floatmode='fixed', precision=3)
print(w)
np.set_printoptions(floatmode='maxprec_equal', precision=8)
print(w)
np.set_printoptions(floatmode='unique')
print(jnp.array([0.1, 1.0 / 3.0]))
np.set_printoptions(floatmode='maxprec')
np.set_printoptions(sign='+')
print(w, jnp.array([-1.5, 2.0]))
np.set_printoptions(sign=' ')
print(w, jnp.array([-1.5, 2.0]))
np.set_printoptions(sign='-')
print(w)

# %% errors
for call in [lambda: np.set_printoptions(bogus=1), lambda: jnp.set_printoptions(precision=2, colour=3),
             lambda: np.set_printoptions(precision=1.5), lambda: np.set_printoptions(floatmode='wide'),
             lambda: np.set_printoptions(sign='x'), lambda: np.set_printoptions(threshold='many'),
             lambda: np.printoptions(bogus=1), lambda: np.get_printoptions(1)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(np.get_printoptions() == jnp.get_printoptions(), np.get_printoptions()['precision'])

# %% more_options
np.set_printoptions(threshold=np.inf)
print(np.get_printoptions()['threshold'], len(str(jnp.arange(1500))))
np.set_printoptions(threshold=1000)
try:
    with np.printoptions(bogus=1):
        print("not reached")
except TypeError as e:
    print(e)
cm = np.printoptions(precision=1)
print(np.get_printoptions()['precision'])
v = jnp.array([jnp.nan, jnp.inf, -jnp.inf, 1.5])
for s in ['+', ' ', '-']:
    with np.printoptions(sign=s):
        print(v, jnp.array([jnp.nan, 2.0]))
with np.printoptions(floatmode='fixed', precision=2):
    print(jnp.array([1e-7, 1.0, 5e5]), jnp.array([1.0, 2.0], dtype=jnp.float16))
with np.printoptions(floatmode='unique'):
    print(jnp.array([1e-7, 1.0 / 3.0]), np.array([1.0 / 3.0, 2.0]))
with np.printoptions(precision=3, suppress=True):
    print(repr(jnp.array([[1e-9, 2.5], [1e5, -3.14159]])))
    print(repr(np.array([[1e-9, 2.5], [1e5, -3.14159]], dtype=np.float32)))
with np.printoptions(precision=4):
    print(jnp.array([0.1, 0.2], dtype=jnp.bfloat16), jnp.array([True, False]), jnp.array([1.0 / 3.0], dtype=jnp.float16))
with np.printoptions(linewidth=20, edgeitems=2, threshold=4):
    print(repr(jnp.arange(100.0).reshape(10, 10)))
print(np.get_printoptions() == jnp.get_printoptions())

# %% nanstr_infstr
u = jnp.array([jnp.nan, -jnp.inf, 1.25, jnp.inf])
with np.printoptions(nanstr='NaN', infstr='Infinity'):
    print(u)
    print(repr(u), repr(np.array([np.nan, 2.0])))
    print(np.get_printoptions()['nanstr'], np.get_printoptions()['infstr'])
with np.printoptions(nanstr='?', sign='+'):
    print(jnp.array([jnp.nan, 1.0]))
print(u, np.get_printoptions()['nanstr'])
np.set_printoptions(legacy=False)
print(np.get_printoptions()['legacy'])
