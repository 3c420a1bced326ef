# Cases for class statements and Python's object model (issue 16), recorded from CPython 3.11
# with record_python.py. Addresses (0x...) are compared as placeholders.

# %% class_basics
class Counter:
    """Counts things."""
    total = 0

    def __init__(self, start=0):
        self.count = start
        Counter.total += 1

    def increment(self, by=1):
        self.count += by
        return self

c = Counter()
c.increment().increment(5)
d = Counter(10)
print(c.count, d.count, Counter.total, c.total, Counter.__doc__, Counter.__name__, Counter.__qualname__)
print(type(c), type(c).__name__, c.__class__ is Counter, isinstance(c, Counter), isinstance(3, Counter))
print(Counter.increment, Counter.__module__, c.__dict__, vars(d))
c.total = 99
print(c.total, Counter.total, d.total)

# %% default_repr
class Plain:
    pass

p = Plain()
print(p)
print(repr(p) == str(p), repr(p).startswith('<__main__.Plain object at 0x'))
print(Plain, object(), c.increment)

# %% repr_and_str
class Money:
    def __init__(self, amount, currency='EUR'):
        self.amount = amount
        self.currency = currency

    def __repr__(self):
        return f'Money({self.amount!r}, {self.currency!r})'

    def __str__(self):
        return f'{self.amount:.2f} {self.currency}'

m = Money(3.5)
print(m, repr(m), [m], str(m), f'{m}', f'{m!r}', '%s and %r' % (m, m))

class OnlyRepr:
    def __repr__(self):
        return 'OnlyRepr()'

print(OnlyRepr(), str(OnlyRepr()), {'k': OnlyRepr()})

# %% inheritance_and_super
class Animal:
    sound = '...'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f'{self.name} says {self.sound}'

    def kind(self):
        return 'animal'

class Dog(Animal):
    sound = 'woof'

    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)

    def kind(self):
        return 'dog, a kind of ' + super().kind()

d = Dog('Rex', ['sit'])
print(d.speak(), d.kind(), d.tricks, isinstance(d, Animal), issubclass(Dog, Animal), issubclass(Animal, Dog))
print(Dog.__mro__, Dog.__bases__, Animal.__bases__)
print(issubclass(Dog, (int, Animal)), issubclass(bool, int), isinstance(True, int), issubclass(Dog, object))

# %% multiple_inheritance_mro
class Base:
    def who(self):
        return ['Base']

class Left(Base):
    def who(self):
        return ['Left'] + super().who()

class Right(Base):
    def who(self):
        return ['Right'] + super().who()

class Child(Left, Right):
    def who(self):
        return ['Child'] + super().who()

print(Child().who())
print([k.__name__ for k in Child.__mro__])
print(Child.mro() == list(Child.__mro__), super(Left, Child()).who())

# %% mro_conflict
class X:
    pass

class Y(X):
    pass

try:
    class Z(X, Y):
        pass
except TypeError as e:
    print(e)
try:
    class W(bool):
        pass
except TypeError as e:
    print(e)
try:
    class V(int, str):
        pass
except TypeError as e:
    print(e)

# %% static_class_methods_properties
class Temperature:
    scale = 'C'

    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError('below absolute zero')
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print('deleting')
        del self._celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 / 9)

t = Temperature(25)
print(t.celsius, t.fahrenheit, Temperature.convert(100), t.convert(0), Temperature.from_fahrenheit(212).celsius)
t.celsius = 30
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print('ValueError:', e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print('AttributeError:', e)
del t.celsius
print(hasattr(t, '_celsius'), type(Temperature.celsius).__name__)

class Sub(Temperature):
    scale = 'K'

print(Sub.from_fahrenheit(32).celsius, type(Sub.from_fahrenheit(32)).__name__, Sub.scale, Temperature.scale)

# %% equality_and_hashing
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f'Point({self.x}, {self.y})'

a, b = Point(1, 2), Point(1, 2)
print(a == b, a != b, a is b, a == (1, 2), a != 'x', hash(a) == hash(b), len({a, b}), {a: 'first'}[b])
print(Point(1, 2) in [Point(0, 0), Point(1, 2)], [Point(3, 4)].index(Point(3, 4)))

class OnlyEq:
    def __eq__(self, other):
        return True

print(OnlyEq() == 1, OnlyEq.__hash__)
try:
    hash(OnlyEq())
except TypeError as e:
    print(e)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print(e)
plain = Plain()
print(plain == plain, plain == Plain(), {plain: 1}[plain], hash(plain) == hash(plain))

# %% arithmetic_dunders
class Vector:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __repr__(self):
        return 'Vector(' + ', '.join(map(str, self.xs)) + ')'

    def __add__(self, other):
        if isinstance(other, Vector):
            return Vector(*[a + b for a, b in zip(self.xs, other.xs)])
        if isinstance(other, (int, float)):
            return Vector(*[a + other for a in self.xs])
        return NotImplemented

    __radd__ = __add__

    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*[a * k for a in self.xs])

    def __rmul__(self, k):
        return self * k

    def __sub__(self, other):
        return self + (-other)

    def __neg__(self):
        return Vector(*[-a for a in self.xs])

    def __abs__(self):
        return sum(a * a for a in self.xs) ** 0.5

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self.xs, other.xs))

    def __truediv__(self, k):
        return Vector(*[a / k for a in self.xs])

    def __floordiv__(self, k):
        return Vector(*[a // k for a in self.xs])

    def __pow__(self, n):
        return Vector(*[a ** n for a in self.xs])

    def __iadd__(self, other):
        self.xs = [a + b for a, b in zip(self.xs, other.xs)]
        return self

v = Vector(3, 4)
w = v
w += Vector(1, 1)
print(v + Vector(1, 1), v + 1, 1 + v, v * 2, 2 * v, v - Vector(1, 1), -v, abs(Vector(3, 4)), v @ v, v / 2, v // 2, v ** 2, w is v)
print(sum([Vector(1, 1), Vector(2, 2)], Vector(0, 0)), sum([Vector(1, 2)]))
for bad in [lambda: v * v, lambda: v + 's', lambda: 's' + v, lambda: v < v, lambda: v % 2, lambda: ~v]:
    try:
        bad()
    except TypeError as e:
        print(e)

# %% comparison_dunders
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __eq__(self, other):
        return isinstance(other, Version) and self.parts == other.parts

    def __repr__(self):
        return 'v' + '.'.join(map(str, self.parts))

vs = [Version(1, 10), Version(1, 2), Version(0, 9)]
print(sorted(vs), max(vs), min(vs), Version(1) < Version(2), Version(2) > Version(1), Version(1) >= Version(1), Version(3) != Version(3))

class Reflected:
    def __gt__(self, other):
        return 'gt called'

print(1 < Reflected(), Reflected() > 1)

# %% container_dunders
class Deck:
    def __init__(self, cards):
        self.cards = list(cards)

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __setitem__(self, i, v):
        self.cards[i] = v

    def __delitem__(self, i):
        del self.cards[i]

    def __contains__(self, card):
        return card in self.cards

    def __iter__(self):
        return iter(self.cards)

    def __bool__(self):
        return bool(self.cards)

deck = Deck('AKQJ')
deck[0] = 'A!'
del deck[3]
print(len(deck), deck[1], deck[-1], deck[0:2], 'K' in deck, 'J' in deck, list(deck), bool(deck), bool(Deck([])), sorted(deck))
a, b, c = deck
print(a, b, c, *deck, [x.lower() for x in deck])

class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i

print(list(Squares()), 9 in Squares(), 5 in Squares())

class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

cd = Countdown(3)
print(list(Countdown(3)), iter(cd) is cd, next(cd), next(cd), next(cd), next(cd, 'done'))

# %% call_and_getattr
class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n

add5 = Adder(5)
print(add5(1), list(map(add5, [1, 2])), callable(add5), callable(Adder), callable(Plain()))

class Lazy:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return f'<{name}>'

lz = Lazy()
print(lz.real, lz.missing, getattr(lz, 'other'))

class Recorder:
    def __setattr__(self, name, value):
        print('set', name, value)
        object.__setattr__(self, name, value)

r = Recorder()
r.x = 1
setattr(r, 'y', 2)
print(r.x, r.y, vars(r))

# %% attribute_builtins
class Box:
    size = 1

b = Box()
setattr(b, 'color', 'red')
print(getattr(b, 'color'), getattr(b, 'size'), getattr(b, 'nope', 'default'), hasattr(b, 'color'), hasattr(b, 'nope'))
delattr(b, 'color')
print(hasattr(b, 'color'), vars(b), vars(Box)['size'], id(b) == id(b), id(b) != id(Box()))
def delete_size():
    del b.size

for bad in [lambda: b.nope, lambda: Box.nope, lambda: delattr(b, 'nope'), lambda: getattr(b, 3), delete_size]:
    try:
        bad()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)

# %% init_argument_errors
class NoInit:
    pass

class TwoArgs:
    def __init__(self, a, b=2):
        self.a = a

    def method(self, x):
        return x

for bad in [lambda: NoInit(1), lambda: TwoArgs(), lambda: TwoArgs(1, 2, 3), lambda: TwoArgs(1, c=3),
            lambda: TwoArgs(1).method(), lambda: TwoArgs.method(1), lambda: TwoArgs(1).method(1, 2), lambda: TwoArgs(1).nothing]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

class BadInit:
    def __init__(self):
        return 5

try:
    BadInit()
except TypeError as e:
    print(e)

# %% exception_classes
class AppError(Exception):
    pass

class ConfigError(AppError):
    def __init__(self, key, reason='missing'):
        super().__init__(f'{key}: {reason}')
        self.key = key

class NotFound(LookupError, AppError):
    pass

for exc in [AppError('plain'), ConfigError('path'), NotFound('x', 'y'), AppError()]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, repr(e), str(e), e.args, isinstance(e, Exception), e is exc)
try:
    raise NotFound('k')
except LookupError as e:
    print('caught as LookupError', e)
try:
    try:
        raise ConfigError('depth', 'too deep')
    except ValueError:
        print('not here')
except Exception as e:
    print('outer', e, e.key)
try:
    raise ConfigError
except TypeError as e:
    print(e)
print(issubclass(NotFound, KeyError), issubclass(NotFound, LookupError), [c.__name__ for c in NotFound.__mro__])

# %% exception_reraise_and_finally
class Retry(Exception):
    def __str__(self):
        return 'please retry'

def risky(n):
    try:
        if n:
            raise Retry()
        return 'ok'
    finally:
        print('cleanup', n)

print(risky(0))
try:
    risky(1)
except Retry as e:
    print(e, repr(e))
try:
    try:
        raise Retry
    except Retry:
        raise
except Exception as e:
    print('re-raised', type(e).__name__)

# %% exception_uncaught
class ModelError(RuntimeError):
    pass

raise ModelError('the model diverged')

# %% nested_class
class Outer:
    class Inner:
        def __repr__(self):
            return 'Inner()'

    def make(self):
        return Outer.Inner()

print(Outer().make(), Outer.Inner.__qualname__, Outer.Inner.__name__, Outer.make.__qualname__)

# %% class_scope_rules
x = 'global'

class Scoped:
    x = 'class'
    y = x + '!'
    items = [i * 2 for i in range(3)]

    def method(self):
        return x

print(Scoped.y, Scoped().method(), Scoped.items)

def factory(n):
    class Made:
        size = n

        def get(self):
            return n

    return Made

M = factory(7)
print(M.size, M().get(), M.__qualname__)

# %% type_builtin_and_init_subclass
Dynamic = type('Dynamic', (Plain,), {'a': 1, 'hello': lambda self: 'hi'})
print(Dynamic().hello(), Dynamic.a, isinstance(Dynamic(), Plain), type(Dynamic), type(type))

class Registry:
    members = []

    def __init_subclass__(cls, tag=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Registry.members.append((cls.__name__, tag))

class One(Registry, tag='first'):
    pass

class Two(Registry):
    pass

print(Registry.members)

# %% abstract_classes
from abc import ABC, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    def describe(self):
        return f'{type(self).__name__} with area {self.area()}'

class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

print(Square(3).describe(), isinstance(Square(1), Shape))
try:
    Shape()
except TypeError as e:
    print(e)

# %% builtin_subclasses
class Stack(list):
    def push(self, x):
        self.append(x)
        return self

    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3).push(4)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), s == [1, 2, 3], s + [9], sorted(s, reverse=True))

class Config(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

cfg = Config(lr=0.1, steps=10)
cfg['seed'] = 0
print(cfg, cfg.lr, cfg['steps'], len(cfg), list(cfg.keys()), dict(**cfg), {**cfg, 'x': 1}, isinstance(cfg, dict))

class Celsius(float):
    def __repr__(self):
        return f'{float(self)}°C'

print(Celsius(21.5), Celsius(1) + 1, isinstance(Celsius(0), float))

# %% descriptors_and_slots
class Positive:
    def __set_name__(self, owner, name):
        self.name = '_' + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f'{self.name[1:]} must be positive')
        setattr(obj, self.name, value)

class Account:
    balance = Positive()

    def __init__(self, balance):
        self.balance = balance

acct = Account(10)
print(acct.balance, type(Account.balance).__name__)
try:
    acct.balance = -1
except ValueError as e:
    print(e)

class Slotted:
    __slots__ = ('a',)

    def __init__(self):
        self.a = 1

sl = Slotted()
try:
    sl.b = 2
except AttributeError as e:
    print(e)
print(sl.a)
