# %% ints_exact
print(2 ** 100, -2 ** 63, 10 ** 20 // 7, (10 ** 20) % 7, -(10 ** 20) // 3)
print(7 // -2, -7 // 2, 7 % -3, -7 % 3, divmod(-7, 2), abs(-5), abs(-2 ** 70))
print(1 << 70, (1 << 70) >> 68, 5 & 3, 5 | 3, 5 ^ 3, ~5, True + True)

# %% floats
print(0.1 + 0.2, 1 / 3, 2 / 2, 1e16, 1e15, 1e-5, 1e-4, 123456789.123456789, -0.0, 3.0 * 1e300 * 1e10)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2 ** -1, 2.0 ** 0.5, round(2.5), round(3.5), round(-2.5), round(2.675, 2))
print(float('1.5'), float(' -3 '), float('inf'), int(3.9), int(-3.9), int('42'), int('ff', 16), float(10 ** 20))

# %% strings
s = 'Hello, World'
print(s.upper(), s.lower(), s.split(', '), '-'.join(['a', 'b', 'c']), s.replace('l', 'L', 2))
print(s.startswith('He'), s.endswith('x'), '  pad  '.strip() + '|', s[1:5], s[::-1], s[-1], len(s))
print(repr("it's"), repr('say "hi"'), repr('tab\there\n'), 'a' * 3, 'abc' < 'abd', 'x' in 'xyz')
print('{} and {:>5} and {:.3f} and {name}'.format(1, 'r', 3.14159, name='n'), '%d items, %.2f, %s' % (3, 2.5, 'x'))

# %% fstrings
x = 3.14159
n = 42
name = 'jax'
print(f'{x:.2f} {n:5d} {n:<5}| {name!r} {name:>6} {n:x} {n:08.3f} {x:e} {n:,} {1234567.891:,.2f}')
print(f'{x=} {n = } {[1, 2]} {{braces}} {"nested"} {n * 2:+d} {0.5:%} {x:g} {1e-7:g}')

# %% lists
a = [3, 1, 2]
a.append(5)
a.extend([0])
a.insert(1, 9)
print(a, a.pop(), a.pop(0), a, sorted(a), sorted(a, reverse=True), a.index(2), a.count(1))
a.sort()
b = a[:]
b[0] = 100
print(a, b, a + b, a * 2, [x * x for x in a if x > 1], list(reversed(a)), a[1:], a[::2])
m = [[1, 2], [3, 4]]
print(m, [r[0] for r in m], [c for r in m for c in r], len(m), min(a), max(a), sum(a))

# %% tuples_dicts
t = (1, 'two', 3.0)
print(t, t[1], len(t), (1,), (), t + (4,), t.index('two'), 2 in t)
d = {'a': 1, 'b': 2}
d['c'] = 3
print(d, d['a'], d.get('z'), d.get('z', 0), list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items(), len(d), 'a' in d, {k: v * 2 for k, v in d.items()})
del d['a']
print(d, d.pop('b'), d, dict(zip('xy', [1, 2])), {1: 'int', 1.0: 'float'})

# %% control_flow
for i in range(3):
    if i == 0:
        print('zero')
    elif i == 1:
        print('one')
    else:
        print('other')
total = 0
while True:
    total += 1
    if total < 3:
        continue
    break
else:
    print('not reached')
for i in range(2):
    pass
else:
    print('for-else', total, i)

# %% functions
def f(a, b=2, *args, key=None, **kwargs):
    return a, b, args, key, kwargs

print(f(1), f(1, 3, 4, 5, key='k', extra=True), f(*[7, 8]), f(**{'a': 0, 'b': 1}))
sq = lambda v: v * v
print(sq(4), list(map(sq, range(4))), list(filter(lambda v: v % 2, range(6))))

def fact(k):
    return 1 if k <= 1 else k * fact(k - 1)
print(fact(30))

# %% closures
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
c()
print(c(), c())
funcs = [lambda: i for i in range(3)]
print([g() for g in funcs])
gv = 1
def read_global():
    return gv
gv = 2
print(read_global())
def set_global():
    global gv
    gv = 10
set_global()
print(gv)

# %% defaults_once
def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket
append_to(1)
print(append_to(2))

# %% unpacking
a, b = 1, 2
a, b = b, a
first, *rest = [1, 2, 3, 4]
*init, last = 'abc'
(p, q), r = (1, 2), 3
print(a, b, first, rest, init, last, p, q, r)
for idx, (k, v) in enumerate({'x': 1, 'y': 2}.items()):
    print(idx, k, v)

# %% exceptions_caught
try:
    1 / 0
except ZeroDivisionError as e:
    print('caught:', e, type(e), repr(e))
try:
    [1][5]
except (KeyError, IndexError) as e:
    print('lookup:', e)
try:
    {}['missing']
except LookupError as e:
    print('key:', e, repr(e))
try:
    int('abc')
except Exception as e:
    print(type(e).__name__, e)
finally:
    print('finally ran')
try:
    raise ValueError('custom message')
except ValueError as e:
    print(e.args)
try:
    pass
except Exception:
    print('no')
else:
    print('else ran')

# %% exception_uncaught
def inner():
    return undefined_variable
inner()

# %% type_error
print(1 + 'a')

# %% attribute_error
[].shape

# %% assert_fail
assert 1 + 1 == 3, 'math is broken'

# %% builtins_misc
print(type(1), type(1.0), type('s'), type([]), type(()), type({}), type(None), type(len), type(range(3)))
print(isinstance(True, int), isinstance(1, (str, float)), callable(len), hasattr('s', 'upper'), getattr([], 'x', 'dflt'))
print(list(range(10, 0, -3)), range(5), len(range(0, 10, 3)), any([0, 1]), all([]), bool([]), bool('x'), str(12) + '3')
print(list(enumerate('ab', 1)), list(zip([1, 2, 3], 'ab')), chr(65), ord('a'), hex(255), bin(5), round(1.23456, 3), pow(2, 10))
print(min([4, 2, 8], key=lambda v: -v), max('apple', 'fig', key=len), sorted(['b', 'A', 'c'], key=str.lower if False else None))

# %% chained_and_bool
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, not x, x and 0, 0 or 'fallback', None is None, [] is not [], x if x > 3 else -x)

# %% math_module
import math
print(math.sqrt(16), math.pi, math.floor(-2.5), math.ceil(2.1), math.log(math.e), math.exp(0), math.isnan(float('nan')))
print(math.sin(0), math.cos(0), math.log(8, 2), math.factorial(20), math.gcd(12, 18), math.inf, -math.inf)

# %% math_domain
import math
math.sqrt(-1)

# %% import_missing
import pandas

# %% del_and_names
v = 1
del v
try:
    print(v)
except NameError as e:
    print(e)

# %% while_else_nested
found = None
for i in range(2, 10):
    for j in range(2, i):
        if i % j == 0:
            break
    else:
        found = i
print(found)

# %% big_int_printing
print(3 ** 200)
print(-(7 ** 77) // 3, hash(1), 10 ** 18 + 1, float(2 ** 60))

# %% set_basics
s = {3, 1, 3}
print(len(s), 1 in s, 2 in s, set(), sorted(s | {5}), sorted(s & {1, 9}))

# %% print_sep_end
print('a', 'b', sep='-', end='!\n')
print()
print('x', 1, None, True, 2.0, [1.5, 'q'], ('t',), {'k': None})

# %% zero_division_float
print(1.0 / 0)

# %% recursion_error
def down(k):
    return down(k + 1)
down(0)

# %% unbound_local
counter_value = 1
def bump():
    counter_value += 1
bump()

# %% key_error_uncaught
{'a': 1}['b']

# %% conditional_list_comp
print([('even' if k % 2 == 0 else 'odd') for k in range(4)], {k: k ** 2 for k in range(3)})
