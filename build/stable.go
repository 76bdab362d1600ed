package build

// stableSourceName is the source file name compiled objects record.
const stableSourceName = "program.cl"

// stableBitcode gives the front end's bitcode a fixed source file name.
// Clang records the path it compiled, a fresh temporary directory each
// time, so the same source compiled twice made two different objects, and
// executables linked from objects compiled anew (those with embedded
// headers are not cached) never hit the link cache, which is keyed by the
// objects' bitcode: the CTS's multiple_embedded_headers generated code for
// up to 257 kernels on every run (160 s, cache or not). On any failure the
// bitcode is returned as it is (only the cache misses).
func stableBitcode(bc []byte) []byte {
	m, err := parseBitcode(bc)
	if err != nil {
		return bc
	}
	defer m.dispose()
	m.api.SetSourceFileName(m.mod, stableSourceName, uintptr(len(stableSourceName)))
	return m.bitcode()
}
