#!/usr/bin/env python3
"""Generates build/lib/convert_<dst>.cl and convert.h: the explicit conversions
convert_<dst><n>[_sat][_rte|_rtz|_rtp|_rtn](<src><n>) of OpenCL C 3.0 ("Explicit Conversions")
for char … double and n = 1, 2, 3, 4, 8, 16, one file (a part of the
builtin library) per destination type, so that a program's first build
compiles only the conversions to the types it converts to (all of them were
one part of 5,400 functions: about a second to compile).

  python3 build/lib/gen/convert.py   (writes build/lib/convert_*.cl, convert.h)

Rules: integer destinations round toward zero by default, _sat clamps to the
destination's range and sends NaN to 0 (without _sat, out-of-range results
are implementation-defined: here whatever the conversion instruction gives);
floating-point destinations round to nearest even by default. Directed
rounding to floating point starts from the round-to-nearest result r and
steps r one representable value toward the rounding direction when r lies on
the wrong side of the exact value, which is compared exactly (in double for
int and uint sources, in the integer type for long and ulong ones).
"""
import os

INTS = [  # name, bits, signed
    ('char', 8, True), ('uchar', 8, False), ('short', 16, True), ('ushort', 16, False),
    ('int', 32, True), ('uint', 32, False), ('long', 64, True), ('ulong', 64, False)]
FLOATS = [('float', 32, 24), ('double', 64, 53)]  # name, bits, significand bits
WIDTHS = ['', '2', '3', '4', '8', '16']
ROUNDINGS = ['', '_rte', '_rtz', '_rtp', '_rtn']
INFO = {n: ('int', b, s) for n, b, s in INTS}
INFO.update({n: ('float', b, p) for n, b, p in FLOATS})
TYPES = [n for n, _, _ in INTS] + [n for n, _, _ in FLOATS]
SIGNED_OF_BITS = {8: 'char', 16: 'short', 32: 'int', 64: 'long'}
UNSIGNED_OF_BITS = {8: 'uchar', 16: 'ushort', 32: 'uint', 64: 'ulong'}


def int_range(t):
    _, b, s = INFO[t]
    return (-(1 << (b - 1)), (1 << (b - 1)) - 1) if s else (0, (1 << b) - 1)


def int_lit(v, t):
    """An integer constant of type t (a scalar type name)."""
    b = INFO[t][1]
    suffix = ('UL' if not INFO[t][2] else 'L') if b == 64 else ('U' if not INFO[t][2] else '')
    if v < 0:
        return '(%s)(%d%s - 1)' % (t, v + 1, suffix)  # INT_MIN and friends
    return '(%s)%d%s' % (t, v, suffix)


def float_lit(v, t):
    s = float(v).hex()
    return '(%s)%s%s' % (t, s, 'f' if t == 'float' else '')


def largest_below_pow2(k, prec):
    """The largest floating-point value (of precision prec) below 2**k."""
    return 2.0 ** k * (1 - 2.0 ** -prec)


def vec(t, n):
    return t + n


def cvt(e, t, n):
    return '((%s)(%s))' % (t, e) if n == '' else '__builtin_convertvector(%s, %s%s)' % (e, t, n)


def splat(lit, t, n):
    return lit if n == '' else '(%s%s)%s' % (t, n, lit)


def mask(cond, from_bits, to_bits, n):
    """A comparison result, as a condition for a select on elements of to_bits."""
    if n == '' or from_bits == to_bits:
        return '(%s)' % cond
    return '__builtin_convertvector(%s, %s%s)' % (cond, SIGNED_OF_BITS[to_bits], n)


def body(dst, src, n, sat, rnd):
    dk, db, dx = INFO[dst]
    sk, sb, sx = INFO[src]
    D, S = vec(dst, n), vec(src, n)
    if dst == src:
        return 'return x;'
    if dk == 'int' and sk == 'int':
        if not sat:
            return 'return %s;' % cvt('x', dst, n)
        (dlo, dhi), (slo, shi) = int_range(dst), int_range(src)
        e = 'x'
        if slo < dlo:
            e = '__builtin_elementwise_max(%s, %s)' % (e, splat(int_lit(dlo, src), src, n))
        if shi > dhi:
            e = '__builtin_elementwise_min(%s, %s)' % (e, splat(int_lit(dhi, src), src, n))
        return 'return %s;' % cvt(e, dst, n)
    if dk == 'int':  # from floating point
        y = {'': 'x', '_rtz': 'x', '_rte': '__builtin_elementwise_roundeven(x)',
             '_rtp': '__builtin_elementwise_ceil(x)', '_rtn': '__builtin_elementwise_floor(x)'}[rnd]
        if not sat:
            return 'return %s;' % cvt(y, dst, n)
        prec = INFO[src][2]
        lo, hi = int_range(dst)
        # Clamp in the source type (a NaN goes to lo: x86 max/min return
        # their second operand), convert, then fix what the clamp cannot
        # express: a maximum above the largest representable value below it,
        # and NaN → 0.
        hi_exact = hi < 2 ** prec
        hif = float(hi) if hi_exact else largest_below_pow2(hi.bit_length(), prec)
        lines = ['%s y = %s;' % (S, y),
                 'y = y > %s ? y : %s;' % ((splat(float_lit(lo, src), src, n),) * 2),
                 'y = y < %s ? y : %s;' % ((splat(float_lit(hif, src), src, n),) * 2),
                 '%s r = %s;' % (D, cvt('y', dst, n))]
        if not hi_exact:
            lines.append('r = %s ? %s : r;' % (
                mask('x >= %s' % splat(float_lit(2.0 ** hi.bit_length(), src), src, n), sb, db, n),
                splat(int_lit(hi, dst), dst, n)))
        if lo < 0:
            lines.append('r = %s ? %s : r;' % (mask('x != x', sb, db, n), splat(int_lit(0, dst), dst, n)))
        lines.append('return r;')
        return ' '.join(lines)
    # floating-point destination
    if sk == 'float':
        if sb <= db or rnd in ('', '_rte'):  # float → double is exact
            return 'return %s;' % cvt('x', dst, n)
        return 'return d2f%s(x);' % rnd  # double → float, directed
    # integer → floating point
    exact = sb - (1 if sx else 0) <= INFO[dst][2]
    if exact or rnd in ('', '_rte'):
        return 'return %s;' % cvt('x', dst, n)
    if sb <= 32:  # exact in double
        return 'return d2f%s(%s);' % (rnd, cvt('x', 'double', n))
    # long / ulong: directed rounding to double; to float: twice (directed
    # roundings compose: the float grid is a subset of the double one).
    if dst == 'double':
        return 'return %s2d%s(x);' % (src, rnd)
    return 'return d2f%s(%s2d%s(x));' % (rnd, src, rnd)


def helpers():
    out = []
    for n in WIDTHS:
        F, D, L, UL, I, U = (vec(t, n) for t in ('float', 'double', 'long', 'ulong', 'int', 'uint'))
        m = lambda c: mask(c, 64, 32, n)
        # double → float
        out.append(
            'OVL static %(F)s d2f_rtz(%(D)s x) { %(F)s r = %(cr)s; %(D)s b = %(cb)s; %(U)s u = __builtin_astype(r, %(U)s);\n'
            '\tu = %(gt)s ? u - %(one)s : u; return __builtin_astype(u, %(F)s); }' % dict(
                F=F, D=D, U=U, cr=cvt('x', 'float', n), cb=cvt('r', 'double', n), one=splat('1u', 'uint', n),
                gt=m('__builtin_elementwise_abs(b) > __builtin_elementwise_abs(x)')))
        for rnd, cmp, toward in (('_rtp', 'b < x', 'up'), ('_rtn', 'b > x', 'down')):
            # up: magnitude +1 for r ≥ +0, -1 for r < 0; down: the reverse.
            pos, neg = ('+', '-') if toward == 'up' else ('-', '+')
            out.append(
                'OVL static %(F)s d2f%(rnd)s(%(D)s x) { %(F)s r = %(cr)s; %(D)s b = %(cb)s; %(U)s u = __builtin_astype(r, %(U)s);\n'
                '\t%(U)s s = __builtin_astype(r, %(I)s) < %(zero)s ? u %(neg)s %(one)s : u %(pos)s %(one)s;\n'
                '\treturn __builtin_astype(%(c)s ? s : u, %(F)s); }' % dict(
                    F=F, D=D, U=U, I=I, rnd=rnd, cr=cvt('x', 'float', n), cb=cvt('r', 'double', n),
                    zero=splat('0', 'int', n), one=splat('1u', 'uint', n), pos=pos, neg=neg, c=m(cmp)))
        # long / ulong → double: compare r with x exactly in the integer type;
        # r may be 2^63 (2^64 for ulong), one past the range.
        for src, top, below in (('long', '0x1p63', '0x1.fffffffffffffp62'), ('ulong', '0x1p64', '0x1.fffffffffffffp63')):
            S = vec(src, n)
            big = '(r >= %s)' % splat(top, 'double', n)
            pre = ('%(S)s rb = %(crb)s; %(L)s gt = %(big)s | (rb > x), lt = !%(big)s & (rb < x); '
                   '%(UL)s u = __builtin_astype(r, %(UL)s);' % dict(
                       S=S, L=L, UL=UL, big=big,
                       crb=cvt('%s ? %s : r' % (big, splat(below, 'double', n)), src, n)))
            one = splat('1UL', 'ulong', n)
            neg = '(r < %s)' % splat('0.0', 'double', n)
            for rnd, adj in (('_rtz', 'u = (%(neg)s ? lt : gt) ? u - %(one)s : u;'),
                             ('_rtp', 'u = lt ? (%(neg)s ? u - %(one)s : u + %(one)s) : u;'),
                             ('_rtn', 'u = gt ? (%(neg)s ? u + %(one)s : u - %(one)s) : u;')):
                out.append('OVL static %s %s2d%s(%s x) { %s r = %s; %s\n\t%s return __builtin_astype(u, %s); }' % (
                    D, src, rnd, S, D, cvt('x', 'double', n), pre, adj % dict(neg=neg, one=one), D))
    return out


CODES = dict(char='c', uchar='h', short='s', ushort='t', int='i', uint='j', long='l', ulong='m',
             float='f', double='d')


def mangle(name, src, n):
    return '_Z%d%s%s' % (len(name), name, CODES[src] if n == '' else 'Dv%s_%s' % (n, CODES[src]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lib = os.path.join(here, '..')
    note = 'Generated by gen/convert.py: do not edit.'
    header = ['/* Explicit conversions (OpenCL C 3.0 "Explicit Conversions"): what the',
              ' * convert_*.cl parts share. %s */' % note, '#ifndef GOCL_CONVERT_H', '#define GOCL_CONVERT_H', '',
              '#define OVL __attribute__((overloadable))', '']
    header += helpers()
    header += ['', '#endif']
    with open(os.path.join(lib, 'convert.h'), 'w') as f:
        f.write('\n'.join(header) + '\n')
    # A conversion whose body is that of another of the same signature
    # (integer to integer ignores the rounding mode, float to int defaults
    # to _rtz, exact ones ignore both…) is an alias of it: fewer functions
    # make a smaller library, which is linked into every program.
    count = aliases = 0
    for dst in TYPES:
        lines = ['/* Explicit conversions to %s (OpenCL C 3.0 "Explicit Conversions"). %s */' % (dst, note),
                 '#include "convert.h"', '']
        for src in TYPES:
            for n in WIDTHS:
                sats = ['', '_sat'] if INFO[dst][0] == 'int' else ['']
                first = {}
                for sat in sats:
                    for rnd in ROUNDINGS:
                        name = 'convert_%s%s%s' % (vec(dst, n), sat, rnd)
                        b = body(dst, src, n, sat != '', rnd)
                        proto = 'OVL %s %s(%s x)' % (vec(dst, n), name, vec(src, n))
                        if b in first:
                            lines.append('%s __attribute__((alias("%s")));' % (proto, first[b]))
                            aliases += 1
                        else:
                            first[b] = mangle(name, src, n)
                            lines.append('%s { %s }' % (proto, b))
                        count += 1
        with open(os.path.join(lib, 'convert_%s.cl' % dst), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    print('convert_*.cl: %d conversions, %d of them aliases' % (count, aliases))


if __name__ == '__main__':
    main()
