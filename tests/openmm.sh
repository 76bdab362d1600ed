#!/usr/bin/env bash
# OpenMM (Debian's python3-simtk and libopenmm-plugins) on gocl: a solvated
# protein (OpenMM's own test.pdb, 8,867 atoms, Amber99SB and TIP3P water,
# PME, bonds to hydrogen constrained) on the OpenCL platform in single
# precision. Its potential energy and forces must agree with OpenMM's
# Reference platform (double precision on the host), and a short Langevin
# run must keep the energies finite and the temperature near the
# thermostat's. gocl's cache is empty, as on a machine's first run: OpenMM
# builds some twenty programs when it makes a context.
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
$py -c 'import openmm' 2>/dev/null || { echo "FAILED: python3-simtk (OpenMM) is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCL_CACHE_DIR=$tmp/cache

$py - <<'PY'
import os, sys, time
import numpy as np
import openmm as mm
from openmm import app, unit

data = os.path.join(os.path.dirname(app.__file__), "data")
pdb = app.PDBFile(os.path.join(data, "test.pdb"))
ff = app.ForceField("amber99sb.xml", "tip3p.xml")
system = ff.createSystem(pdb.topology, nonbondedMethod=app.PME,
                         nonbondedCutoff=1 * unit.nanometer, constraints=app.HBonds)
failed = False

def check(ok, what):
    global failed
    print(("ok     " if ok else "FAILED ") + what)
    failed |= not ok

def context(platform, props={}):
    integrator = mm.LangevinMiddleIntegrator(300 * unit.kelvin, 1 / unit.picosecond,
                                             0.002 * unit.picoseconds)
    integrator.setRandomNumberSeed(7)
    c = mm.Context(system, integrator, mm.Platform.getPlatformByName(platform), props)
    c.setPositions(pdb.positions)
    c.setVelocitiesToTemperature(300 * unit.kelvin, 7)
    return c, integrator

start = time.time()
c, integrator = context("OpenCL", {"Precision": "single"})
name = c.getPlatform().getPropertyValue(c, "OpenCLPlatformName")
check(name == "gocl", "the OpenCL platform is gocl's (%s)" % name)
state = c.getState(getForces=True, getEnergy=True)
print("context and first forces: %.1f s" % (time.time() - start))
ref, _ = context("Reference")
rstate = ref.getState(getForces=True, getEnergy=True)

kj = unit.kilojoule_per_mole
e, re = state.getPotentialEnergy().value_in_unit(kj), rstate.getPotentialEnergy().value_in_unit(kj)
check(abs(e - re) <= 1e-5 * abs(re), "potential energy %.3f kJ/mol, Reference %.3f" % (e, re))
per_nm = kj / unit.nanometer
f = np.array(state.getForces().value_in_unit(per_nm))
rf = np.array(rstate.getForces().value_in_unit(per_nm))
rel = np.linalg.norm(f - rf, axis=1) / np.maximum(np.linalg.norm(rf, axis=1), 1.0)
check(np.median(rel) < 1e-4 and rel.max() < 1e-2,
      "forces: median relative difference %.2g, largest %.2g" % (np.median(rel), rel.max()))

steps = 50
start = time.time()
integrator.step(steps)
after = c.getState(getEnergy=True)
elapsed = time.time() - start
pe = after.getPotentialEnergy().value_in_unit(kj)
ke = after.getKineticEnergy().value_in_unit(kj)
# T = 2 KE / (dof k): 3 per atom, less the constraints and the removed
# centre-of-mass motion.
dof = 3 * system.getNumParticles() - system.getNumConstraints() - 3
kelvin = 2 * ke / (dof * unit.MOLAR_GAS_CONSTANT_R.value_in_unit(kj / unit.kelvin))
check(np.isfinite(pe) and np.isfinite(ke), "%d steps: potential %.1f, kinetic %.1f kJ/mol (%.2f s)" % (steps, pe, ke, elapsed))
check(250 < kelvin < 350, "temperature after %d steps %.0f K (thermostat 300 K)" % (steps, kelvin))
sys.exit(1 if failed else 0)
PY
