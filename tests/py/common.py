"""Shared set-up for the pyopencl tests: the platform under test is the
first whose name contains $GOCL_TEST_PLATFORM (default "gocl"), as in
tests/check.h, so every script can be checked against PoCL as well.
Each script counts its checks and ends with the harness's closing line."""
import os
import sys
import warnings

import numpy as np
import pyopencl as cl

# Build logs with warnings are not failures here; the tests judge results.
warnings.simplefilter("ignore", cl.CompilerWarning)

_passed = 0
_failed = 0


def context():
    want = os.environ.get("GOCL_TEST_PLATFORM", "gocl")
    for p in cl.get_platforms():
        if want in p.name:
            dev = p.get_devices()[0]
            ctx = cl.Context([dev])
            print(f"platform {p.name!r}, device {dev.name!r}")
            return ctx, cl.CommandQueue(ctx)
    print(f"FATAL: no platform named like {want!r}")
    sys.exit(2)


def check(cond, what):
    global _passed, _failed
    if cond:
        _passed += 1
    else:
        _failed += 1
        print(f"FAILED: {what}", flush=True)
    return cond


def close(got, want, what, rtol=1e-5, atol=0.0):
    got = np.asarray(got)
    want = np.asarray(want)
    ok = got.shape == want.shape and np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    if not ok:
        if got.shape != want.shape:
            detail = f"shape {got.shape} != {want.shape}"
        else:
            bad = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
            idx = np.argwhere(bad)
            first = tuple(idx[0]) if len(idx) else ()
            detail = (f"{int(bad.sum())} of {bad.size} differ; first at {first}: "
                      f"got {got[first]!r}, want {want[first]!r}")
        what = f"{what}: {detail}"
    return check(ok, what)


def equal(got, want, what):
    got = np.asarray(got)
    want = np.asarray(want)
    ok = got.shape == want.shape and np.array_equal(got, want)
    if not ok and got.shape == want.shape:
        idx = np.argwhere(got != want)
        first = tuple(idx[0])
        what = f"{what}: {len(idx)} of {got.size} differ; first at {first}: got {got[first]!r}, want {want[first]!r}"
    elif not ok:
        what = f"{what}: shape {got.shape} != {want.shape}"
    return check(ok, what)


class Step:
    """with Step("name"): runs a part of a test; an exception (a build
    failure with its log, say) is a failed check, and the script goes on."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        if typ is None:
            return False
        global _failed
        _failed += 1
        print(f"FAILED: {self.name}: {typ.__name__}: {val}", flush=True)
        return True


def done():
    name = os.path.basename(sys.argv[0]).removesuffix(".py")
    print(f"{name}: {_passed} passed, {_failed} failed")
    sys.exit(1 if _failed else 0)
