# Cases for the standard-library modules a JAX tutorial uses (issue 16), recorded from CPython
# 3.11 with record_python.py (stderr too, for logging and warnings).

# %% functools_partial_reduce
from functools import partial, reduce
import functools

def power(base, exp, scale=1):
    return scale * base ** exp

square = partial(power, exp=2)
cube_twice = partial(power, exp=3, scale=2)
print(square(4), cube_twice(2), square(3, scale=10), square.func is power, square.args, square.keywords)
nested = partial(partial(power, 2), 5)
print(nested(), nested.args, repr(partial(max, 1)) == f'functools.partial({max!r}, 1)')
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 'start'), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
try:
    partial(3)
except TypeError as e:
    print(e)

# %% functools_wraps_and_caches
from functools import wraps, lru_cache, cache, cached_property, total_ordering, cmp_to_key

def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        print('calling', fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper

@logged
def add(a, b):
    """Adds two numbers."""
    return a + b

print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__.__name__, add.__qualname__)

@lru_cache(maxsize=2)
def slow(n):
    print('computing', n)
    return n * n

print(slow(2), slow(2), slow(3), slow(4), slow(2), slow.cache_info())
slow.cache_clear()
print(slow.cache_info(), slow.__name__)

@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info().hits)
try:
    slow([1])
except TypeError as e:
    print(e)

class Circle:
    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        print('area computed')
        return 3 * self.r ** 2

    @lru_cache
    def scaled(self, k):
        return self.r * k

circle = Circle(2)
print(circle.area, circle.area, 'area' in vars(circle), circle.scaled(3))

@total_ordering
class Grade:
    def __init__(self, score):
        self.score = score

    def __eq__(self, other):
        return self.score == other.score

    def __lt__(self, other):
        return self.score < other.score

print(Grade(1) <= Grade(2), Grade(3) > Grade(2), Grade(2) >= Grade(2), Grade(5) <= Grade(1))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))

# %% namedtuples
from collections import namedtuple

Point = namedtuple('Point', ['x', 'y'])
Pixel = namedtuple('Pixel', 'x y color', defaults=['black'])
p = Point(1, y=2)
print(p, p.x, p[1], p[-1], len(p), list(p), p == (1, 2), p + (3,), p * 2, tuple(p), hash(p) == hash((1, 2)))
x, y = p
print(x, y, p._asdict(), p._replace(x=10), Point._make([5, 6]), Point._fields, Pixel(0, 0), Pixel._field_defaults)
print(isinstance(p, tuple), type(p), Point.__name__, Point.x, p.count(1), p.index(2), sorted([Point(2, 1), Point(1, 5)]))
print({p: 'origin'}[(1, 2)], max(Point(1, 9), Point(2, 0)), Point(*range(2)), '%d-%d' % tuple(p))
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=3), lambda: p._replace(z=1),
            lambda: Point._make([1]), lambda: setattr(p, 'x', 5), lambda: setattr(p, 'w', 5),
            lambda: namedtuple('Bad', 'x class'), lambda: namedtuple('Bad', 'x x'), lambda: namedtuple('Bad', '_x')]:
    try:
        bad()
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)

class Point3(namedtuple('Point3', 'x y z')):
    def norm(self):
        return (self.x ** 2 + self.y ** 2 + self.z ** 2) ** 0.5

print(Point3(1, 2, 2).norm(), Point3(1, 2, 2))

# %% typing_names
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union, TypeVar, Generic, Sequence, Iterable
import typing

T = TypeVar('T')
print(Any, Optional[int], Union[int, str], Union[int, None], List[int], Dict[str, List[float]], Tuple[int, ...], Callable[[int, str], bool], T)
print(list[int], dict[str, int], tuple[int, ...], int | None, typing.TYPE_CHECKING, typing.cast(int, 'as is'), Sequence[int])

class Params(NamedTuple):
    weight: float
    bias: float = 0.0

    def predict(self, x):
        return self.weight * x + self.bias

params = Params(2.0)
print(params, params.predict(3), Params._fields, Params._field_defaults, isinstance(params, tuple), Params.__annotations__)
w, b = params
print(w, b, params._replace(bias=1.0), Params(weight=1, bias=2) == (1, 2))
try:
    Params()
except TypeError as e:
    print(e)

class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item

def annotated(x: int, y: Optional[List[int]] = None, *args: Any, flag: bool = False, **kw: Dict) -> Tuple[int, int]:
    z: int = x + 1
    return x, z

print(Box(5).get(), annotated(1), Box.__mro__)
count: int = 3
unassigned: str
print(count)
Pair = NamedTuple('Pair', [('a', int), ('b', str)])
print(Pair(1, 'x'), Pair._fields)

# %% dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError

@dataclass
class Layer:
    name: str
    units: int = 32
    weights: list = field(default_factory=list)
    trainable: bool = field(default=True, repr=False)

l1 = Layer('dense')
print(l1, Layer('out', 10), l1 == Layer('dense'), l1 != Layer('x'), l1.weights is not Layer('y').weights)
print([f.name for f in fields(Layer)], asdict(l1), astuple(Layer('a', 1)), replace(l1, units=64), is_dataclass(l1), is_dataclass(3))
print(Layer.__init__.__qualname__, Layer.__dataclass_fields__['units'].default)
try:
    hash(l1)
except TypeError as e:
    print(e)
try:
    Layer()
except TypeError as e:
    print(e)

@dataclass(frozen=True)
class Config:
    lr: float = 0.1
    steps: int = 100

cfg = Config(steps=5)
print(cfg, hash(cfg) == hash(Config(0.1, 5)), {cfg: 1}[Config(0.1, 5)])
try:
    cfg.lr = 1.0
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    del cfg.steps
except AttributeError as e:
    print(e)

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0

print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))

@dataclass
class Derived(Layer):
    activation: str = 'relu'

    def __post_init__(self):
        self.units *= 2

print(Derived('d'), Derived('e', 3, activation='tanh').units)
for bad in ['list', 'order']:
    try:
        if bad == 'list':
            @dataclass
            class Bad:
                items: list = []
        else:
            @dataclass
            class Bad:
                a: int = 1
                b: int
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

@dataclass
class Nested:
    inner: Layer
    tags: tuple = ()

print(asdict(Nested(Layer('n'), ('t',))))

# %% collections_containers
from collections import defaultdict, OrderedDict, Counter, deque

groups = defaultdict(list)
for word in ['apple', 'avocado', 'banana', 'cherry', 'blueberry']:
    groups[word[0]].append(word)
counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(groups, dict(counts), groups['z'], len(groups), isinstance(groups, dict), groups.get('q'), 'q' in groups)
print(defaultdict(lambda: 'n/a')['key'], defaultdict().default_factory, sorted(counts.items()))
try:
    defaultdict()['missing']
except KeyError as e:
    print('KeyError', e)

od = OrderedDict()
od['b'] = 2
od['a'] = 1
od['c'] = 3
od.move_to_end('b')
print(od, list(od), od.popitem(), od.popitem(last=False), od, OrderedDict(), od == {'a': 1}, dict(od))

c = Counter('abracadabra')
print(c, c['a'], c['z'], c.most_common(2), sorted(c.elements())[:5], c.total())
c.update('aaz')
c.subtract({'b': 2})
print(c, c + Counter(b=5), c - Counter(a=10), Counter(a=2) | Counter(a=1, b=1), Counter(a=2, b=1) & Counter(a=1))
print(Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), Counter(), Counter(cats=4, dogs=8).most_common())

dq = deque([1, 2, 3])
dq.append(4)
dq.appendleft(0)
dq.rotate(2)
print(dq, dq.pop(), dq.popleft(), dq, len(dq), dq[0], dq[-1], 3 in dq, list(reversed(dq)))
window = deque(maxlen=3)
for i in range(5):
    window.append(i)
print(window, window.maxlen, sum(window))
try:
    deque().pop()
except IndexError as e:
    print(e)

# %% itertools_module
import itertools

print(list(itertools.islice(itertools.count(10, 2), 4)), list(itertools.islice('abcdefg', 1, 6, 2)))
print(list(itertools.chain([1, 2], 'ab', (3,))), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.islice(itertools.cycle('xy'), 5)), list(itertools.repeat('z', 3)))
print(list(itertools.product([0, 1], repeat=2)), list(itertools.product('ab', [1, 2])))
print(list(itertools.permutations('abc')), list(itertools.permutations(range(3), 2)))
print(list(itertools.combinations('abcd', 2)), list(itertools.combinations_with_replacement('ab', 2)))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], lambda a, b: a * b)), list(itertools.accumulate([1, 2], initial=100)))
print([(k, len(list(g))) for k, g in itertools.groupby('aaabccdd')], [(k, list(g)) for k, g in itertools.groupby([1, 3, 2, 4], key=lambda v: v % 2)])
print(list(itertools.zip_longest('ab', [1, 2, 3], fillvalue='-')), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.takewhile(lambda v: v < 3, [1, 2, 5, 1])), list(itertools.dropwhile(lambda v: v < 3, [1, 2, 5, 1])))
print(list(itertools.filterfalse(lambda v: v % 2, range(6))), list(itertools.compress('abcdef', [1, 0, 1, 0, 1])))
print(list(itertools.pairwise([1, 2, 3])), [list(t) for t in itertools.tee([1, 2], 2)])

# %% operator_module
import operator

print(operator.add(2, 3), operator.mul('ab', 2), operator.truediv(7, 2), operator.floordiv(7, 2), operator.neg(5), operator.not_(0))
print(operator.eq(1, 1.0), operator.lt('a', 'b'), operator.getitem([5, 6], 1), operator.contains([1, 2], 2), operator.pow(2, 10))
records = [('bob', 30), ('alice', 25), ('carol', 30)]
print(sorted(records, key=operator.itemgetter(1, 0)), operator.itemgetter(0)(records), operator.itemgetter(0, -1)('xyz'))
print(operator.attrgetter('real')(3 + 4j), operator.methodcaller('upper')('hi'), operator.methodcaller('split', ',')('a,b'))
print(reduce(operator.mul, [1, 2, 3, 4]), list(map(operator.sub, [5, 6], [1, 2])), operator.index(7), operator.and_(6, 3))

# %% logging_module
import logging

logging.warning('watch out: %s', 'ice')
logging.info('not shown at the default level')
logging.error('%d errors', 3)
log = logging.getLogger('train')
log.warning('loss is %.3f', 0.12345)
log.debug('hidden')
print(log.name, log.level, log.getEffectiveLevel(), logging.getLogger() is logging.root, logging.getLevelName(logging.ERROR))
print(log.isEnabledFor(logging.INFO), logging.DEBUG, logging.CRITICAL, logging.getLogger('train') is log)

# %% logging_configured
import logging
import sys

logging.basicConfig(level=logging.DEBUG, format='%(levelname)s %(name)s: %(message)s', force=True)
logging.debug('now visible')
child = logging.getLogger('train.step')
child.info('step %d of %d', 1, 10)
child.setLevel(logging.ERROR)
child.warning('filtered out')
child.critical('fatal %s', '!')
out = logging.getLogger('stdout')
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter('[%(levelname)s] %(message)s (%(funcName)s)'))
out.addHandler(handler)
out.propagate = False
out.warning('to standard output')

def report():
    out.error('from a function')

report()
print(repr(child), repr(handler), child.parent.name, logging.getLogger('train').getEffectiveLevel())

# %% copy_and_sys
import copy
import sys

nested = {'a': [1, 2], 'b': {'c': [3]}}
shallow = copy.copy(nested)
deep = copy.deepcopy(nested)
nested['a'].append(99)
print(shallow['a'], deep['a'], deep == {'a': [1, 2], 'b': {'c': [3]}}, shallow is nested, deep['b'] is nested['b'])

class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

tree = Node(1, [Node(2)])
clone = copy.deepcopy(tree)
tree.children[0].value = 20
print(clone.children[0].value, copy.copy(tree).children is tree.children, type(clone).__name__)
shared = [1]
pair = [shared, shared]
pair_copy = copy.deepcopy(pair)
print(pair_copy[0] is pair_copy[1], pair_copy[0] is shared)
print(sys.version_info[:2], sys.version_info.major, sys.maxsize, isinstance(sys.argv, list))
print('to stdout', file=sys.stdout)
print('to stderr', file=sys.stderr)
sys.stderr.write('written\n')

# %% warnings_module
import warnings

def deprecated():
    warnings.warn('use new_api instead', DeprecationWarning)
    return 1

warnings.warn('something odd')
print(deprecated())
warnings.filterwarnings('ignore')
warnings.warn('not shown')
warnings.resetwarnings()
print('done')

# %% builtin_methods
s = {3, 1, 2}
s.add(4)
s.discard(1)
s.update([5, 6], (7,))
s.remove(2)
print(sorted(s), sorted(s | {9}), sorted(s & {3, 4}), sorted(s - {3}), sorted(s.union({0})), sorted(s.intersection([3, 5])))
print(s.issubset(range(10)), s.issuperset({3}), s.isdisjoint({100}), {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, len(s.copy()))
f = frozenset([1, 2, 2])
print(f, type(f).__name__, {f: 'key'}[frozenset([2, 1])], f | {3}, sorted(f.union([0])), isinstance(f, frozenset), hasattr(f, 'add'))
try:
    s.remove(100)
except KeyError as e:
    print('KeyError', e)
try:
    set().pop()
except KeyError as e:
    print('KeyError', e)
print(dict.fromkeys('ab', 0), dict.fromkeys([1, 2]), {'a': 1, 'b': 2}.popitem())
print('a-b-c'.partition('-'), 'a-b-c'.rpartition('-'), 'abc'.partition('x'), 'a,b,c'.rsplit(',', 1), 'test_x'.removeprefix('test_'))
print('Hello'.swapcase(), 'ABC'.casefold(), '42'.isnumeric(), 'x1'.isidentifier(), 'Title Case'.istitle(), 'abab'.rindex('b'))
print('{a}-{b}'.format_map({'a': 1, 'b': 2}), __name__)
if __name__ == '__main__':
    print('running as a script')
