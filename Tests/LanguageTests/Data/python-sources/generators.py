# Cases for generators, generator expressions, with statements and context managers, scopes
# and star-unpacking (issue 16), recorded from CPython 3.11 with record_python.py.

# %% generator_basics
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

g = count_up(3)
print(g.__name__, next(g), next(g), next(g), next(g, 'end'), list(g), list(count_up(4)), sum(count_up(5)))
print(type(g).__name__, iter(g) is g, repr(g).startswith('<generator object count_up at 0x'))
try:
    next(g)
except StopIteration:
    print('StopIteration')

# %% generator_loops_and_branches
def evens_then_odds(items):
    for x in items:
        if x % 2 == 0:
            yield ('even', x)
    for x in items:
        if x % 2:
            yield ('odd', x)
            if x > 4:
                break
    else:
        yield ('no break',)
    yield 'done'

print(list(evens_then_odds([1, 2, 3, 4, 5, 6, 7])))
print(list(evens_then_odds([1, 2])))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

for n in fib():
    if n > 50:
        break
    print(n, end=' ')
print()

# %% generator_send_and_return
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value

acc = accumulator()
print(next(acc), acc.send(5), acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print('returned', e.value)
fresh = accumulator()
try:
    fresh.send(1)
except TypeError as e:
    print(e)

# %% yield_from
def inner():
    yield 1
    yield 2
    return 'inner done'

def outer():
    result = yield from inner()
    print('inner returned', result)
    yield from [10, 20]
    yield from (c for c in 'ab')

print(list(outer()))

def walk(tree):
    if isinstance(tree, list):
        for sub in tree:
            yield from walk(sub)
    else:
        yield tree

print(list(walk([1, [2, [3, [4]], 5]])))

# %% generator_try_finally_close
def guarded():
    try:
        yield 'a'
        yield 'b'
    finally:
        print('finally ran')

g = guarded()
print(next(g))
g.close()
print(list(g))
for x in guarded():
    print('got', x)

def catching():
    while True:
        try:
            yield 'waiting'
        except ValueError as e:
            print('caught inside:', e)
            yield 'recovered'

c = catching()
print(next(c), c.throw(ValueError('bad')), next(c))

def ignores_exit():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print('ignoring exit')

ig = ignores_exit()
next(ig)
try:
    ig.close()
except RuntimeError as e:
    print(e)

# %% generator_errors
def stops():
    yield 1
    raise StopIteration

try:
    list(stops())
except RuntimeError as e:
    print('RuntimeError:', e)

def fails():
    yield 1
    raise KeyError('k')

gen = fails()
print(next(gen))
try:
    next(gen)
except KeyError as e:
    print('KeyError', e)
print(next(gen, 'exhausted'))

# %% generator_expressions
squares = (x * x for x in range(5))
print(type(squares).__name__, next(squares), list(squares), list(squares))
print(sum(x for x in range(10) if x % 3 == 0), max((len(w), w) for w in 'the quick brown fox'.split()))
print(list((i, j) for i in range(3) for j in range(i)), any(x > 3 for x in [1, 5]), all(x > 3 for x in []))
log = []

def noisy(x):
    log.append(x)
    return x

lazy = (noisy(x) for x in range(3))
print(log, next(lazy), log, list(lazy), log)
print(dict((k, len(k)) for k in ['a', 'bb']), tuple(c.upper() for c in 'hi'), sorted((-x for x in [3, 1, 2])))

# %% with_statement
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print('exit', self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress

with Managed('a') as value:
    print('body', value)
with Managed('outer') as o, Managed('inner') as i:
    print('both', o, i)
with Managed('quiet', suppress=True):
    raise ValueError('swallowed')
print('after swallowed')
try:
    with Managed('loud'):
        raise KeyError('escapes')
except KeyError as e:
    print('caught', e)

def early():
    with Managed('returning'):
        return 'value'

print(early())
for i in range(3):
    with Managed(f'loop{i}'):
        if i == 1:
            break
try:
    with 42:
        pass
except TypeError as e:
    print(e)

# %% contextmanager
from contextlib import contextmanager, suppress, nullcontext

@contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name
    finally:
        print(f'</{name}>')

with tag('b') as t:
    print('inside', t)
try:
    with tag('i'):
        raise ValueError('inside tag')
except ValueError as e:
    print('propagated', e)

@contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError:
        print('swallowed division')

with swallow():
    1 / 0
print('continued')
with suppress(KeyError, IndexError):
    [][1]
with nullcontext(5) as five:
    print(five)

def stepping():
    with tag('gen'):
        yield 1
        yield 2

print(list(stepping()))

# %% global_and_nonlocal
counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump()
bump()
print(counter)

def make_counter():
    count = 0

    def inc(by=1):
        nonlocal count
        count += by
        return count

    return inc

inc = make_counter()
print(inc(), inc(5), make_counter()())

def outer_fn():
    x = 'outer'

    def middle():
        def innermost():
            nonlocal x
            x = 'changed'

        innermost()

    middle()
    return x

print(outer_fn())

# %% star_unpacking
first, *rest = [1, 2, 3, 4]
*init, last = 'abc'
a, *mid, z = range(5)
print(first, rest, init, last, a, mid, z)
(p, q), *others = [(1, 2), (3, 4)]
print(p, q, others)
for head, *tail in [(1, 2, 3), (4,)]:
    print(head, tail)
print([*range(3), *'ab'], (*[1], 2), {**{'a': 1}, 'b': 2, **{'a': 3}}, {*[1, 1, 2]})

def spread(*args, **kwargs):
    return args, kwargs

print(spread(*[1, 2], 3, *(4,), x=1, **{'y': 2}))
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    x, *y, z = [1]
except ValueError as e:
    print(e)

# %% iterator_protocol_builtins
it = iter([1, 2, 3])
print(next(it), list(it), next(it, None))
print(list(iter(lambda: 7, 7)), list(zip(*[(1, 'a'), (2, 'b')])), list(enumerate('ab', 1)))
gen = (x for x in range(3))
print(list(map(lambda v: v * 2, gen)), list(filter(None, [0, 1, '', 'x'])), list(reversed(range(3))))

# %% generator_closed_when_dropped
def lines():
    try:
        yield 'first'
        yield 'second'
    finally:
        print('lines closed')

for line in lines():
    print(line)
    break
print('after the loop')

def held():
    try:
        yield 1
    finally:
        print('held closed, value is now', value)

value = held()
next(value)
value = 5
print('rebound to', value)

from contextlib import contextmanager

@contextmanager
def opened(name):
    print('open', name)
    yield name
    print('close', name)

def reader():
    with opened('data'):
        yield 'row 1'
        yield 'row 2'

print(next(reader()))
print('end')
