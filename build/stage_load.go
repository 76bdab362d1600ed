package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"gocl/icd"
)

// Stage "load": a shared object → an Executable (measured, then dlopened:
// executable.go), or, for lazy code generation, the bitcode of the
// work-group functions, compiled kernel by kernel on use.

// loadExecutable loads a program's shared object. Programs with
// program-scope global variables get a copy of their own (each program
// object has its own variables); others share one per shared object.
var privateLoads atomic.Int64

func loadExecutable(so []byte, kernels []KernelInfo, meta buildMeta) (*Executable, error) {
	if meta.GlobalVarSize == 0 {
		return Load(so, kernels)
	}
	// A name this process never used before: the dynamic loader would
	// take a known name for the object already loaded under it.
	path, err := writeLoadable(fmt.Sprintf("private%d", privateLoads.Add(1)), so)
	if err != nil {
		return nil, err
	}
	defer os.Remove(path) // the loaded mapping stays
	return openExecutable(path, so, kernels)
}

// measureExecutable records what the shared object of an executable holds
// for its kernels: the program-scope global variables of the sources
// (writable data), each kernel's kernel-scope __local variables (the
// thread-local copies LinkObjects makes of them), and each work-item's stack
// frame (the stack-size section: the body function, or the kernel function
// if it was not inlined into it).
func measureExecutable(so []byte, objs []*CompiledObject, kernels []KernelInfo, meta *buildMeta) {
	isKernel := map[string]bool{}
	for _, k := range kernels {
		isKernel[k.Name] = true
	}
	user := map[string]bool{} // defined, writable globals of the sources
	globalBytes := uint64(0)
	for _, ob := range objs {
		m, err := parseBitcode(ob.Bitcode)
		if err != nil {
			continue
		}
		for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
			if m.api.IsDeclaration(g) == 0 && m.api.IsGlobalConstant(g) == 0 {
				user[m.name(g)] = true
				globalBytes += m.globalVariableSize(g, isKernel)
			}
		}
		m.dispose()
	}
	f, err := elf.NewFile(bytes.NewReader(so))
	if err != nil {
		return
	}
	syms, _ := f.Symbols()
	stack := stackSizes(f)
	meta.LocalMem, meta.PrivateMem, meta.GlobalVarSize = map[string]uint64{}, map[string]uint64{}, globalBytes
	for _, s := range syms {
		switch elf.ST_TYPE(s.Info) {
		case elf.STT_TLS:
			if dot := strings.IndexByte(s.Name, '.'); dot > 0 && user[s.Name] && isKernel[s.Name[:dot]] {
				meta.LocalMem[s.Name[:dot]] += s.Size
			}
		case elf.STT_FUNC:
			// (The body, or the loop or fibers entry it was inlined into:
			// code generation keeps only the entry points the engine calls.)
			name := s.Name
			for _, e := range []string{"__gocl_body_", "__gocl_loop_", "__gocl_fibers_"} {
				if n, ok := strings.CutPrefix(s.Name, e); ok {
					name = n
					break
				}
			}
			if size, ok := stack[s.Value]; ok && isKernel[name] && size > meta.PrivateMem[name] {
				meta.PrivateMem[name] = size
			}
		}
	}
	for _, k := range kernels {
		meta.PrivateMem[k.Name] = max(meta.PrivateMem[k.Name], k.PrivateBytes)
	}
	for k, v := range meta.LocalMem {
		if v == 0 {
			delete(meta.LocalMem, k)
		}
	}
}

// globalVariableSize is the size of g, a writable variable of a
// front end's object, if it is a program-scope or function-scope
// __global variable; 0 for a kernel-scope __local variable (named
// kernel.variable, with no initializer). It is measured in the objects,
// not the shared object: there the optimizer has split and renamed
// function-scope variables (test_bump.persistent.0) and dropped the parts
// nothing reads, and CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE is the
// storage the program declares.
func (m *module) globalVariableSize(g uintptr, isKernel map[string]bool) uint64 {
	name := m.name(g)
	if dot := strings.IndexByte(name, '.'); dot > 0 && isKernel[name[:dot]] && m.undefInitializer(g) {
		return 0
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return 0
	}
	td := ra.CreateTargetData(ra.GetModuleDataLayout(m.mod))
	defer ra.DisposeTargetData(td)
	return ra.ABISizeOfType(td, ra.GlobalGetValueType(g))
}

// stackSizes reads the .stack_sizes sections (clang -fstack-size-section):
// function address → stack frame size.
func stackSizes(f *elf.File) map[uint64]uint64 {
	out := map[uint64]uint64{}
	for _, sec := range f.Sections {
		if sec.Name != ".stack_sizes" {
			continue
		}
		data, err := sec.Data()
		if err != nil {
			continue
		}
		for len(data) >= 9 {
			addr := binary.LittleEndian.Uint64(data)
			size, n := binary.Uvarint(data[8:])
			if n <= 0 {
				break
			}
			out[addr] = size
			data = data[8+n:]
		}
	}
	return out
}

// Lazy code generation. A program without program-scope variables (whose
// kernels need not share one shared object) keeps the bitcode of its
// work-group functions, and its kernels are compiled to code when first
// used (launched, or asked what only the code can tell), as PoCL compiles
// its work-group functions: a program of many kernels builds in the time
// of its front end, and each kernel costs its code generation when an
// application uses it. The kernels compiled together are the one used and
// every other kernel object the application has created and not used yet:
// applications create the kernels they will launch, and one clang process
// for all of them costs far less than one each. An application that
// creates each kernel just before its launch would still pay a process per
// kernel (a test of 150 kernels took minutes): so the n-th compilation of
// an executable takes at least 2^n kernels, the ones created first, then
// the others in name order. Compiling kernels nobody uses costs at most
// what the used ones cost, and an executable of k kernels takes about
// log2(k) processes.

// kernelsCompiled counts the kernels code generation has compiled (tests).
var kernelsCompiled countingStat

// lazyCode is an executable's bitcode and what its compiled kernels
// measured.
type lazyCode struct {
	mu         sync.Mutex
	bitcode    []byte
	optDisable bool
	created    map[string]bool // kernel objects exist
	compiled   map[string]bool
	rounds     int // compilations so far
	localMem   map[string]uint64
	privateMem map[string]uint64
	parts      []*Executable // the loaded shared objects
	shapes     sync.Map      // shape → *shapedCode (specialize.go)
	sumOnce    sync.Once
	sum        [32]byte // of bitcode
}

// digest is the SHA-256 of the bitcode, the key of its kernels' code.
func (l *lazyCode) digest() [32]byte {
	l.sumOnce.Do(func() { l.sum = sha256.Sum256(l.bitcode) })
	return l.sum
}

// lazyExecutable is an executable whose kernels are compiled on use.
func lazyExecutable(bc []byte, kernels []KernelInfo, optDisable bool) *Executable {
	ex := &Executable{Kernels: map[string]*Entry{}, lazy: &lazyCode{bitcode: bc, optDisable: optDisable,
		created: map[string]bool{}, compiled: map[string]bool{}, localMem: map[string]uint64{}, privateMem: map[string]uint64{}}}
	for i := range kernels {
		k := &kernels[i]
		e := &Entry{Info: k}
		for _, a := range k.Args {
			e.ArgSizes = append(e.ArgSizes, a.Size)
		}
		ex.Kernels[k.Name] = e
	}
	return ex
}

// Created records that a kernel object of kernel name exists.
func (ex *Executable) Created(name string) {
	if l := ex.lazy; l != nil {
		l.mu.Lock()
		l.created[name] = true
		l.mu.Unlock()
	}
}

// Code is kernel name's entry, compiled if it was not.
func (ex *Executable) Code(name string) (*Entry, error) {
	e := ex.Kernels[name]
	if e == nil {
		return nil, fmt.Errorf("no kernel %q", name)
	}
	l := ex.lazy
	if l == nil {
		return e, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := ex.compile(name); err != nil {
		return nil, err
	}
	return e, nil
}

// measured is kernel's kernel-scope __local memory (local) or work-item
// stack frame as its compiled code measured, compiling it if need be; ok
// is false if the executable's metadata has it (not compiled lazily).
func (ex *Executable) measured(kernel string, local bool) (uint64, bool) {
	if ex == nil || ex.lazy == nil {
		return 0, false
	}
	l := ex.lazy
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := ex.compile(kernel); err != nil {
		return 0, true
	}
	if local {
		return l.localMem[kernel], true
	}
	return l.privateMem[kernel], true
}

// compile compiles kernel name, with every other created kernel not yet
// compiled, unless it is compiled (l.mu held).
func (ex *Executable) compile(name string) error {
	l := ex.lazy
	if l.compiled[name] || ex.Kernels[name] == nil || !ex.Kernels[name].Info.Launchable {
		return nil
	}
	waiting := func(n string) bool {
		return !l.compiled[n] && ex.Kernels[n] != nil && ex.Kernels[n].Info.Launchable
	}
	batch := []string{name}
	for n := range l.created {
		if n != name && waiting(n) {
			batch = append(batch, n)
		}
	}
	if want := 1 << min(l.rounds, 20); len(batch) < want {
		var others []string
		for n := range ex.Kernels {
			if n != name && !l.created[n] && waiting(n) {
				others = append(others, n)
			}
		}
		sort.Strings(others)
		batch = append(batch, others[:min(len(others), want-len(batch))]...)
	}
	l.rounds++
	sort.Strings(batch)
	groups := [][]string{batch}
	if n := min(len(batch), runtime.NumCPU()); n > 1 {
		groups = splitByCost(batch, l.kernelSizes(batch), n, minGroupInstructions)
	}
	parts, metas, errs := make([]*Executable, len(groups)), make([]buildMeta, len(groups)), make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		kernels := make([]KernelInfo, len(g))
		for j, n := range g {
			kernels[j] = *ex.Kernels[n].Info
			kernels[j].Args = append([]ArgInfo(nil), kernels[j].Args...)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i], metas[i], errs[i] = l.kernelCode(kernels, nil, false)
		}()
	}
	wg.Wait()
	for i, g := range groups {
		if errs[i] != nil {
			return errs[i]
		}
		for _, n := range g {
			e, pe := ex.Kernels[n], parts[i].Kernels[n]
			e.Loop, e.Fibers, e.Body, e.Groups = pe.Loop, pe.Fibers, pe.Body, pe.Groups
			l.compiled[n] = true
			l.localMem[n], l.privateMem[n] = metas[i].LocalMem[n], metas[i].PrivateMem[n]
		}
		l.parts = append(l.parts, parts[i])
	}
	return nil
}

// Kernels compiled together are split among as many clang processes as
// there are cores, by their size: a program's kernels are compiled in the
// time of its largest share rather than of all of them (OpenMM's and the
// CTS's programs create dozens of kernels before the first launch). A
// share must hold at least minGroupInstructions instructions of LLVM IR:
// each process also pays its start-up, the library's parts and the
// optimization of what the kernels share, ≈ 30 ms, which a small kernel's
// code generation does not repay.
const minGroupInstructions = 3000

// kernelSizes is the number of instructions of each kernel's entry points
// and of the kernel function (the work-group function holds the kernel
// inlined; a kernel on fibers calls it), an estimate of its compile time.
func (l *lazyCode) kernelSizes(names []string) map[string]int {
	m, err := parseBitcode(l.bitcode)
	if err != nil {
		return nil
	}
	defer m.dispose()
	size := map[string]int{}
	for _, n := range names {
		for _, f := range []string{n, "__gocl_groups_" + n, "__gocl_loop_" + n, "__gocl_fibers_" + n, "__gocl_body_" + n} {
			if fn := m.api.GetNamedFunction(m.mod, f); fn != 0 {
				size[n] += len(m.instructions(fn))
			}
		}
	}
	return size
}

// splitByCost splits names into at most n groups of similar total cost,
// and no more than make minCost a group on average: each name, largest
// first, goes to the least loaded group (a name without a cost counts as
// one instruction). Each group keeps names' order.
func splitByCost(names []string, cost map[string]int, n, minCost int) [][]string {
	total := 0
	for _, name := range names {
		total += max(cost[name], 1)
	}
	n = max(1, min(n, len(names), total/max(minCost, 1)))
	if n == 1 {
		return [][]string{names}
	}
	order := slices.Clone(names)
	slices.SortStableFunc(order, func(a, b string) int { return max(cost[b], 1) - max(cost[a], 1) })
	load := make([]int, n)
	group := map[string]int{}
	for _, name := range order {
		least := slices.Index(load, slices.Min(load))
		group[name] = least
		load[least] += max(cost[name], 1)
	}
	groups := make([][]string, n)
	for _, name := range names {
		groups[group[name]] = append(groups[group[name]], name)
	}
	return slices.DeleteFunc(groups, func(g []string) bool { return len(g) == 0 })
}

// kernelCode is the code of kernels of the executable: from the cache, or
// the stages "optimize and generate code" and "load" on the bitcode with
// the other kernels' entry points removed, specialized for the local size
// shape if not nil. With cachedOnly, only from the cache (nil if it is not
// there).
func (l *lazyCode) kernelCode(kernels []KernelInfo, shape *[3]uint64, cachedOnly bool) (*Executable, buildMeta, error) {
	names := kernelNames(kernels)
	sum := l.digest()
	mode := "-O3"
	if l.optDisable {
		mode = "-O1"
	}
	what := hex.EncodeToString(sum[:]) + "\x00" + strings.Join(names, "\x00")
	if shape != nil {
		what += fmt.Sprintf("\x00local %d %d %d", shape[0], shape[1], shape[2])
	}
	key, keyErr := cacheKey("kernels", what, mode)
	cached := func() (*Executable, buildMeta, bool) {
		if keyErr != nil {
			return nil, buildMeta{}, false
		}
		bin, _, ok := cacheGet(key)
		if !ok {
			return nil, buildMeta{}, false
		}
		h, so, err := decodeBinary(bin)
		if err != nil || h.Type != icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE {
			return nil, buildMeta{}, false
		}
		ex, err := Load(so, kernels)
		return ex, h.Meta, err == nil
	}
	if ex, meta, ok := cached(); ok || cachedOnly {
		return ex, meta, nil
	}
	if keyErr == nil && !cacheDisabled() {
		defer lockCache("build-" + key[:2])()
		if ex, meta, ok := cached(); ok {
			return ex, meta, nil
		}
	}
	if err := needAddressSpace(codegenSpace, "compiling kernels"); err != nil {
		return nil, buildMeta{}, err
	}
	m, err := parseBitcode(l.bitcode)
	if err != nil {
		return nil, buildMeta{}, err
	}
	m.keepEntries(names)
	if shape != nil {
		m.specialize(*shape)
	}
	if exiting() {
		m.dispose()
		return nil, buildMeta{}, fmt.Errorf("the process is exiting")
	}
	bc, needed, wide := m.bitcode(), m.declared(), m.addsWideVectors()
	m.dispose()
	so, log, err := generateCode(codegenInput{Bitcode: bc, Needed: needed, OpaqueConstants: wide, Opts: &Options{OptDisable: l.optDisable}})
	if err != nil {
		return nil, buildMeta{}, fmt.Errorf("%v\n%s", err, log)
	}
	kernelsCompiled.add(int64(len(kernels)))
	var meta buildMeta
	measureExecutable(so, []*CompiledObject{{Bitcode: l.bitcode}}, kernels, &meta)
	ex, err := Load(so, kernels)
	if err != nil {
		return nil, buildMeta{}, err
	}
	if keyErr == nil {
		cachePut(key, encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, Kernels: kernels, Meta: meta}, so), "", nil)
	}
	return ex, meta, nil
}

// keepEntries deletes the entry points of every kernel but those named:
// code generation then drops what only they used.
func (m *module) keepEntries(names []string) {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	var doomed []uintptr
	for _, f := range m.functions() {
		name := m.name(f)
		for _, e := range []string{"__gocl_loop_", "__gocl_fibers_", "__gocl_groups_", "__gocl_body_"} {
			if strings.HasPrefix(name, e) && !keep[name[len(e):]] && m.api.IsDeclaration(f) == 0 {
				doomed = append(doomed, f)
			}
		}
	}
	// Callers first: the other entries call the body.
	sort.SliceStable(doomed, func(i, j int) bool {
		return !strings.HasPrefix(m.name(doomed[i]), "__gocl_body_") && strings.HasPrefix(m.name(doomed[j]), "__gocl_body_")
	})
	for _, f := range doomed {
		if m.api.GetFirstUse(f) == 0 {
			a.DeleteFunction(f)
		}
	}
}

// lazyCodegen reports whether the program's kernels may be compiled
// apart: it has no program-scope variables (thread-local ones are the
// kernels' own __local variables), and the builtin library defines every
// function it calls but does not define (otherwise code generation, now,
// reports the missing ones as the build's failure).
func (m *module) lazyCodegen() bool {
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return false
	}
	lib, err := openLibrary()
	if err != nil {
		return false
	}
	for _, name := range m.declared() {
		if !lib.defines(name) {
			return false
		}
	}
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		// (llvm.compiler.used, which keeps the dot products' vector
		// variants, is no program variable.)
		if m.api.IsDeclaration(g) == 0 && m.api.IsGlobalConstant(g) == 0 && ra.IsThreadLocal(g) == 0 &&
			!strings.HasPrefix(m.name(g), "llvm.") {
			return false
		}
	}
	return true
}

// readArgSizes fills in the kernels' argument sizes from their entry
// points' tables (__gocl_argsizes_K), as loading the code would.
func (m *module) readArgSizes(kernels []KernelInfo) {
	sd, err := loadSafeDivAPI(m.api.lib)
	if err != nil {
		return
	}
	for i := range kernels {
		k := &kernels[i]
		g := m.api.GetNamedGlobal(m.mod, "__gocl_argsizes_"+k.Name)
		if g == 0 || !k.Launchable || len(k.Args) == 0 {
			continue
		}
		init := m.api.GetInitializer(g)
		for j := range k.Args {
			if c := sd.GetAggregateElement(init, uint32(j)); c != 0 && m.api.IsAConstantInt(c) != 0 {
				k.Args[j].Size = m.api.ConstIntGetZExtValue(c)
			}
		}
	}
}
