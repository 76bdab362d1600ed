package build

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/ebitengine/purego"
)

// libLLVM's C API, loaded on first use with purego: gocl links nothing of
// LLVM at load time, so the library works (without a compiler) where LLVM
// is not installed. It reads kernel metadata from the front end's bitcode
// and rewrites what must change before code generation.
type llvmAPI struct {
	lib uintptr // the dlopen handle, for bindings registered elsewhere (regions.go)

	ContextCreate           func() uintptr
	ContextDispose          func(ctx uintptr)
	CreateMemoryBufferCopy  func(data unsafe.Pointer, size uintptr, name string) uintptr
	DisposeMemoryBuffer     func(buf uintptr)
	ParseBitcodeInContext2  func(ctx, buf uintptr, mod *uintptr) int32
	DisposeModule           func(mod uintptr)
	GetFirstFunction        func(mod uintptr) uintptr
	GetNextFunction         func(fn uintptr) uintptr
	GetFirstGlobal          func(mod uintptr) uintptr
	GetNextGlobal           func(g uintptr) uintptr
	GetValueName2           func(v uintptr, n *uintptr) unsafe.Pointer
	IsDeclaration           func(v uintptr) int32
	IsGlobalConstant        func(v uintptr) int32
	GetLinkage              func(v uintptr) int32
	SetThreadLocal          func(v uintptr, on int32)
	GetMDKindIDInContext    func(ctx uintptr, name string, n uint32) uint32
	GlobalCopyAllMetadata   func(v uintptr, n *uintptr) uintptr
	EntriesGetKind          func(e uintptr, i uint32) uint32
	EntriesGetMetadata      func(e uintptr, i uint32) uintptr
	DisposeEntries          func(e uintptr)
	MetadataAsValue         func(ctx, md uintptr) uintptr
	GetMDNodeNumOperands    func(v uintptr) uint32
	GetMDNodeOperands       func(v uintptr, dst *uintptr)
	GetMDString             func(v uintptr, n *uint32) unsafe.Pointer
	ConstIntGetZExtValue    func(v uintptr) uint64
	IsAConstantInt          func(v uintptr) uintptr
	GetFirstBasicBlock      func(fn uintptr) uintptr
	GetNextBasicBlock       func(bb uintptr) uintptr
	GetFirstInstruction     func(bb uintptr) uintptr
	GetNextInstruction      func(in uintptr) uintptr
	IsACallInst             func(v uintptr) uintptr
	GetCalledValue          func(v uintptr) uintptr
	WriteBitcodeToMemBuffer func(mod uintptr) uintptr
	GetBufferStart          func(buf uintptr) unsafe.Pointer
	GetBufferSize           func(buf uintptr) uintptr
	LinkModules2            func(dst, src uintptr) int32
	SetLinkage              func(v uintptr, linkage int32)
	SetInitializer          func(g, v uintptr)
	GetFirstGlobalAlias     func(mod uintptr) uintptr
	GetNextGlobalAlias      func(a uintptr) uintptr
	GetNamedFunction        func(mod uintptr, name string) uintptr
	GetNamedGlobal          func(mod uintptr, name string) uintptr
	SetSourceFileName       func(mod uintptr, name string, n uintptr)
	EnumAttributeKindByName func(name string, n uintptr) uint32
	RemoveEnumAttribute     func(fn uintptr, idx uint32, kind uint32)
	RemoveCallSiteEnumAttr  func(call uintptr, idx uint32, kind uint32)
	GetFirstUse             func(v uintptr) uintptr
	GetNextUse              func(u uintptr) uintptr
	GetUser                 func(u uintptr) uintptr
	GetInitializer          func(g uintptr) uintptr
	IsUndef                 func(v uintptr) int32
	// Types of metadata values (vec_type_hint), read as text.
	TypeOf            func(v uintptr) uintptr
	PrintTypeToString func(t uintptr) unsafe.Pointer
	DisposeMessage    func(msg unsafe.Pointer)

	// The diagnostic handler (diagnostics.go).
	ContextSetDiagnosticHandler func(ctx, handler, data uintptr)
	GetDiagInfoDescription      func(di uintptr) unsafe.Pointer
	GetDiagInfoSeverity         func(di uintptr) int32
}

var (
	llvmOnce sync.Once
	llvm     *llvmAPI
	llvmErr  error
)

// llvmLibs are tried in order; GOCL_LIBLLVM names another.
var llvmLibs = []string{"libLLVM.so.19.1", "libLLVM-19.so", "libLLVM.so"}

func loadLLVM() (*llvmAPI, error) {
	llvmOnce.Do(func() {
		// Loading is work exit waits for: libLLVM's constructors running
		// on one thread while exit runs destructors on another crashed
		// (a client that exits while its build's front end runs, with
		// libLLVM loading beside it). Once exit has begun, it is not loaded.
		// The first load happens while an application's thread is in an
		// entry point (Program.run, recordRun): the wait cannot cover a
		// load already under way when exit begins (exit runs the handlers
		// libLLVM's constructors register before gocl's).
		if !beginWork() {
			llvmErr = fmt.Errorf("the process is exiting")
			return
		}
		defer endWork()
		libs := llvmLibs
		if p := getenv("GOCL_LIBLLVM"); p != "" {
			libs = []string{p}
		}
		var lib uintptr
		for _, name := range libs {
			if h, err := purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_LOCAL); err == nil {
				lib = h
				break
			} else {
				llvmErr = err
			}
		}
		if lib != 0 {
			stopWorkBeforeLLVMExits()
		}
		if lib == 0 {
			llvmErr = fmt.Errorf("cannot load libLLVM (tried %v): %v", libs, llvmErr)
			return
		}
		a := &llvmAPI{lib: lib}
		defer func() {
			if r := recover(); r != nil {
				llvmErr = fmt.Errorf("libLLVM lacks a function gocl needs: %v", r)
				llvm = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.ContextCreate, "LLVMContextCreate")
		reg(&a.ContextDispose, "LLVMContextDispose")
		reg(&a.ContextSetDiagnosticHandler, "LLVMContextSetDiagnosticHandler")
		reg(&a.GetDiagInfoDescription, "LLVMGetDiagInfoDescription")
		reg(&a.GetDiagInfoSeverity, "LLVMGetDiagInfoSeverity")
		reg(&a.CreateMemoryBufferCopy, "LLVMCreateMemoryBufferWithMemoryRangeCopy")
		reg(&a.DisposeMemoryBuffer, "LLVMDisposeMemoryBuffer")
		reg(&a.ParseBitcodeInContext2, "LLVMParseBitcodeInContext2")
		reg(&a.DisposeModule, "LLVMDisposeModule")
		reg(&a.GetFirstFunction, "LLVMGetFirstFunction")
		reg(&a.GetNextFunction, "LLVMGetNextFunction")
		reg(&a.GetFirstGlobal, "LLVMGetFirstGlobal")
		reg(&a.GetNextGlobal, "LLVMGetNextGlobal")
		reg(&a.GetValueName2, "LLVMGetValueName2")
		reg(&a.IsDeclaration, "LLVMIsDeclaration")
		reg(&a.IsGlobalConstant, "LLVMIsGlobalConstant")
		reg(&a.GetLinkage, "LLVMGetLinkage")
		reg(&a.SetThreadLocal, "LLVMSetThreadLocal")
		reg(&a.GetMDKindIDInContext, "LLVMGetMDKindIDInContext")
		reg(&a.GlobalCopyAllMetadata, "LLVMGlobalCopyAllMetadata")
		reg(&a.EntriesGetKind, "LLVMValueMetadataEntriesGetKind")
		reg(&a.EntriesGetMetadata, "LLVMValueMetadataEntriesGetMetadata")
		reg(&a.DisposeEntries, "LLVMDisposeValueMetadataEntries")
		reg(&a.MetadataAsValue, "LLVMMetadataAsValue")
		reg(&a.GetMDNodeNumOperands, "LLVMGetMDNodeNumOperands")
		reg(&a.GetMDNodeOperands, "LLVMGetMDNodeOperands")
		reg(&a.GetMDString, "LLVMGetMDString")
		reg(&a.ConstIntGetZExtValue, "LLVMConstIntGetZExtValue")
		reg(&a.IsAConstantInt, "LLVMIsAConstantInt")
		reg(&a.GetFirstBasicBlock, "LLVMGetFirstBasicBlock")
		reg(&a.GetNextBasicBlock, "LLVMGetNextBasicBlock")
		reg(&a.GetFirstInstruction, "LLVMGetFirstInstruction")
		reg(&a.GetNextInstruction, "LLVMGetNextInstruction")
		reg(&a.IsACallInst, "LLVMIsACallInst")
		reg(&a.GetCalledValue, "LLVMGetCalledValue")
		reg(&a.WriteBitcodeToMemBuffer, "LLVMWriteBitcodeToMemoryBuffer")
		reg(&a.GetBufferStart, "LLVMGetBufferStart")
		reg(&a.GetBufferSize, "LLVMGetBufferSize")
		reg(&a.LinkModules2, "LLVMLinkModules2")
		reg(&a.SetLinkage, "LLVMSetLinkage")
		reg(&a.SetInitializer, "LLVMSetInitializer")
		reg(&a.GetFirstGlobalAlias, "LLVMGetFirstGlobalAlias")
		reg(&a.GetNextGlobalAlias, "LLVMGetNextGlobalAlias")
		reg(&a.GetNamedFunction, "LLVMGetNamedFunction")
		reg(&a.GetNamedGlobal, "LLVMGetNamedGlobal")
		reg(&a.SetSourceFileName, "LLVMSetSourceFileName")
		reg(&a.EnumAttributeKindByName, "LLVMGetEnumAttributeKindForName")
		reg(&a.RemoveEnumAttribute, "LLVMRemoveEnumAttributeAtIndex")
		reg(&a.RemoveCallSiteEnumAttr, "LLVMRemoveCallSiteEnumAttribute")
		reg(&a.GetFirstUse, "LLVMGetFirstUse")
		reg(&a.GetNextUse, "LLVMGetNextUse")
		reg(&a.GetUser, "LLVMGetUser")
		reg(&a.GetInitializer, "LLVMGetInitializer")
		reg(&a.IsUndef, "LLVMIsUndef")
		reg(&a.TypeOf, "LLVMTypeOf")
		reg(&a.PrintTypeToString, "LLVMPrintTypeToString")
		reg(&a.DisposeMessage, "LLVMDisposeMessage")
		llvm = a
		llvmIn.Store(true)
	})
	return llvm, llvmErr
}

// llvmLoaded: libLLVM is in the process already.
func llvmLoaded() bool { return llvmIn.Load() }

var llvmIn atomic.Bool

// module is a parsed bitcode module in a context of its own (contexts are
// not shared between threads; each build has its own).
type module struct {
	api *llvmAPI
	ctx uintptr
	mod uintptr
	// The builtin library's index, once read (scalarize.go).
	lib     *library
	libRead bool
}

func parseBitcode(bc []byte) (*module, error) {
	api, err := loadLLVM()
	if err != nil {
		return nil, err
	}
	ctx := api.newContext()
	mod, err := api.parse(ctx, bc)
	if err != nil {
		api.disposeContext(ctx)
		return nil, err
	}
	return &module{api: api, ctx: ctx, mod: mod}, nil
}

func (api *llvmAPI) parse(ctx uintptr, bc []byte) (uintptr, error) {
	if len(bc) == 0 {
		return 0, fmt.Errorf("empty bitcode")
	}
	buf := api.CreateMemoryBufferCopy(unsafe.Pointer(&bc[0]), uintptr(len(bc)), "gocl")
	var mod uintptr
	failed := api.ParseBitcodeInContext2(ctx, buf, &mod)
	api.DisposeMemoryBuffer(buf)
	if failed != 0 || mod == 0 {
		return 0, fmt.Errorf("libLLVM cannot parse the bitcode")
	}
	return mod, nil
}

// linkBitcode links modules into one (the first one's context).
func linkBitcode(bcs [][]byte) (*module, error) {
	m, err := parseBitcode(bcs[0])
	if err != nil {
		return nil, err
	}
	for _, bc := range bcs[1:] {
		src, err := m.api.parse(m.ctx, bc)
		if err != nil {
			m.dispose()
			return nil, err
		}
		if m.api.LinkModules2(m.mod, src) != 0 {
			why := lastDiagnostic(m.ctx)
			m.dispose()
			return nil, fmt.Errorf("the modules do not link: %s", why)
		}
	}
	return m, nil
}

func (m *module) dispose() {
	if m == nil {
		return
	}
	m.api.DisposeModule(m.mod)
	m.api.disposeContext(m.ctx)
}

func (m *module) name(v uintptr) string {
	var n uintptr
	p := m.api.GetValueName2(v, &n)
	if p == nil || n == 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(p), n))
}

func (m *module) functions() []uintptr {
	var fs []uintptr
	for f := m.api.GetFirstFunction(m.mod); f != 0; f = m.api.GetNextFunction(f) {
		fs = append(fs, f)
	}
	return fs
}

// metadata returns the operands of fn's metadata attachment kind, as
// values; nil if fn has none.
func (m *module) metadata(fn uintptr, kind string) []uintptr {
	id := m.api.GetMDKindIDInContext(m.ctx, kind, uint32(len(kind)))
	var n uintptr
	entries := m.api.GlobalCopyAllMetadata(fn, &n)
	if entries == 0 {
		return nil
	}
	defer m.api.DisposeEntries(entries)
	for i := uint32(0); i < uint32(n); i++ {
		if m.api.EntriesGetKind(entries, i) != id {
			continue
		}
		node := m.api.MetadataAsValue(m.ctx, m.api.EntriesGetMetadata(entries, i))
		ops := make([]uintptr, m.api.GetMDNodeNumOperands(node))
		if len(ops) > 0 {
			m.api.GetMDNodeOperands(node, &ops[0])
		}
		return ops
	}
	return nil
}

func (m *module) mdStrings(fn uintptr, kind string) []string {
	ops := m.metadata(fn, kind)
	out := make([]string, len(ops))
	for i, v := range ops {
		var n uint32
		if p := m.api.GetMDString(v, &n); p != nil {
			out[i] = string(unsafe.Slice((*byte)(p), n))
		}
	}
	return out
}

func (m *module) mdInts(fn uintptr, kind string) ([]uint64, bool) {
	ops := m.metadata(fn, kind)
	if ops == nil {
		return nil, false
	}
	out := make([]uint64, len(ops))
	for i, v := range ops {
		if m.api.IsAConstantInt(v) != 0 {
			out[i] = m.api.ConstIntGetZExtValue(v)
		}
	}
	return out, true
}

// callees lists the names of the functions fn calls directly.
func (m *module) callees(fn uintptr) []string {
	var out []string
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			if m.api.IsACallInst(in) == 0 {
				continue
			}
			if name := m.name(m.api.GetCalledValue(in)); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// bitcode serializes the module.
func (m *module) bitcode() []byte {
	buf := m.api.WriteBitcodeToMemBuffer(m.mod)
	defer m.api.DisposeMemoryBuffer(buf)
	return append([]byte(nil), unsafe.Slice((*byte)(m.api.GetBufferStart(buf)), m.api.GetBufferSize(buf))...)
}

// functionIndex is LLVMAttributeFunctionIndex: attributes of the function itself.
const functionIndex = ^uint32(0)

// dropMemoryAttribute removes the "memory" attribute (readnone and the
// like) from function name and every call of it.
func (m *module) dropMemoryAttribute(name string) {
	fn := m.api.GetNamedFunction(m.mod, name)
	if fn == 0 {
		return
	}
	kind := m.api.EnumAttributeKindByName("memory", uintptr(len("memory")))
	m.api.RemoveEnumAttribute(fn, functionIndex, kind)
	for u := m.api.GetFirstUse(fn); u != 0; u = m.api.GetNextUse(u) {
		if call := m.api.GetUser(u); m.api.IsACallInst(call) != 0 {
			m.api.RemoveCallSiteEnumAttr(call, functionIndex, kind)
		}
	}
}

// typeString is the LLVM IR spelling of v's type ("<4 x i32>", "float").
func (m *module) typeString(v uintptr) string {
	p := m.api.PrintTypeToString(m.api.TypeOf(v))
	if p == nil {
		return ""
	}
	defer m.api.DisposeMessage(p)
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}

// undefInitializer reports whether global g is defined with an undef
// initializer (as OpenCL C's __local variables are).
func (m *module) undefInitializer(g uintptr) bool {
	init := m.api.GetInitializer(g)
	return init != 0 && m.api.IsUndef(init) != 0
}
