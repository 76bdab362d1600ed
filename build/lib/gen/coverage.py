#!/usr/bin/env python3
"""Which OpenCL C builtins declared by clang's opencl-c.h are not defined by
the builtin library. Compiles every .c/.cl file in build/lib the way
build/compiler.go does, links them, and compares the defined symbols with
the mangled names of the header's declarations for -cl-std=CL1.2 (named
address spaces) and CL3.0 (generic address space).

usage: build/lib/gen/coverage.py [-v] [NAME-REGEX]
  NAME-REGEX (Python, full match) limits the check to those function names,
  e.g. 'v(load|store).*|convert_.*'. -v lists every missing mangled name.
"""
import json, os, re, subprocess, sys, tempfile

CLANG = os.environ.get('CLANG', 'clang-19')
NM = os.environ.get('LLVM_NM', 'llvm-nm-19')
LINK = os.environ.get('LLVM_LINK', 'llvm-link-19')
LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

# The device's OpenCL C extensions and features (build/stage_frontend.go clExt).
EXT = ('-all,+cl_khr_fp64,+cl_khr_int64_base_atomics,+cl_khr_int64_extended_atomics,'
       '+cl_khr_global_int32_base_atomics,+cl_khr_global_int32_extended_atomics,'
       '+cl_khr_local_int32_base_atomics,+cl_khr_local_int32_extended_atomics,'
       '+cl_khr_byte_addressable_store,+__opencl_c_fp64,+__opencl_c_int64,'
       '+__opencl_c_generic_address_space,+__opencl_c_program_scope_global_variables,'
       '+__opencl_c_atomic_order_acq_rel,+__opencl_c_atomic_order_seq_cst,'
       '+__opencl_c_atomic_scope_device,+__opencl_c_atomic_scope_all_devices,'
       '+__opencl_c_images,+__opencl_c_read_write_images,+cl_khr_3d_image_writes,'
       '+__opencl_c_3d_image_writes,+cl_khr_depth_images,+cl_khr_fp16')
TARGET = ['-target', 'x86_64-unknown-linux-gnu']


def declared(std, tmp):
    """name → set of mangled names declared by opencl-c.h for std."""
    src = os.path.join(tmp, 'empty.cl')
    open(src, 'w').close()
    out = subprocess.run([CLANG, '-x', 'cl', '-cl-std=' + std, *TARGET, '-include', 'opencl-c.h',
                          '-Xclang', '-cl-ext=' + EXT, '-ferror-limit=0', '-fsyntax-only',
                          '-Xclang', '-ast-dump=json', src], capture_output=True).stdout
    names = {}
    for n in json.loads(out).get('inner', []):
        if n.get('kind') == 'FunctionDecl' and 'mangledName' in n:
            names.setdefault(n['name'], set()).add(n['mangledName'])
    return names


def defined(tmp):
    bcs = []
    for f in sorted(os.listdir(LIB)):
        if not (f.endswith('.c') or f.endswith('.cl')):
            continue
        lang = ['-x', 'c', '-std=gnu11'] if f.endswith('.c') else \
            ['-x', 'cl', '-cl-std=CL3.0', '-Xclang', '-finclude-default-header', '-cl-ext=' + EXT]
        bc = os.path.join(tmp, f + '.bc')
        r = subprocess.run([CLANG, *lang, *TARGET, '-march=native', '-O2', '-fPIC', '-emit-llvm', '-c',
                            '-ffp-contract=off', '-I', LIB, '-o', bc, os.path.join(LIB, f)],
                           capture_output=True, text=True)
        if r.returncode:
            sys.exit('%s does not compile:\n%s' % (f, '\n'.join(r.stderr.splitlines()[:30])))
        bcs.append(bc)
    lib = os.path.join(tmp, 'lib.bc')
    subprocess.run([LINK, '-o', lib, *bcs], check=True)
    out = subprocess.run([NM, '--defined-only', lib], capture_output=True, text=True, check=True).stdout
    return {l.split()[-1] for l in out.splitlines() if l.split()[-2:-1] in (['T'], ['W'])}


def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    verbose = '-v' in sys.argv
    pat = re.compile(args[0]) if args else None
    with tempfile.TemporaryDirectory() as tmp:
        have = defined(tmp)
        total_missing = 0
        for std in ('CL1.2', 'CL3.0'):
            decl = declared(std, tmp)
            print('== %s' % std)
            for name in sorted(decl):
                if pat and not pat.fullmatch(name):
                    continue
                missing = sorted(decl[name] - have)
                if missing:
                    total_missing += len(missing)
                    print('  %-40s %4d of %4d missing' % (name, len(missing), len(decl[name])))
                    if verbose:
                        for m in missing:
                            print('      ' + m)
        print('missing: %d' % total_missing)
        return 1 if total_missing else 0


if __name__ == '__main__':
    sys.exit(main())
