package build

import (
	"sync"

	"github.com/ebitengine/purego"
)

// LLVM's diagnostics. A context without a handler of its own prints an
// error and ends the process (LLVMContext::diagnose calls exit(1)): a
// clLinkProgram of two objects that both define a function (piglit's
// cl-api-link-program) ended the application, inside LLVMLinkModules2,
// before gocl could answer CL_LINK_PROGRAM_FAILURE. Every context gocl
// creates gets this handler, which keeps the context's last error so that
// the failing step can say what went wrong; warnings and remarks are
// dropped, as a build's log has the front end's own.

// llvmSeverityError is LLVMDSError.
const llvmSeverityError = 0

var (
	diagnosticOnce    sync.Once
	diagnosticHandler uintptr // the C function pointer of onDiagnostic

	diagnosticsMu sync.Mutex
	lastErrors    = map[uintptr]string{} // context → its last error
)

// newContext is a new LLVM context whose diagnostics go to onDiagnostic.
func (api *llvmAPI) newContext() uintptr {
	diagnosticOnce.Do(func() {
		diagnosticHandler = purego.NewCallback(func(info, ctx uintptr) {
			if api.GetDiagInfoSeverity(info) != llvmSeverityError {
				return
			}
			p := api.GetDiagInfoDescription(info)
			text := cString(p)
			api.DisposeMessage(p)
			diagnosticsMu.Lock()
			lastErrors[ctx] = text
			diagnosticsMu.Unlock()
		})
	})
	ctx := api.ContextCreate()
	api.ContextSetDiagnosticHandler(ctx, diagnosticHandler, ctx)
	return ctx
}

// disposeContext disposes of a context made by newContext.
func (api *llvmAPI) disposeContext(ctx uintptr) {
	api.ContextDispose(ctx)
	diagnosticsMu.Lock()
	delete(lastErrors, ctx)
	diagnosticsMu.Unlock()
}

// lastDiagnostic is the last error LLVM reported in ctx, or a placeholder.
func lastDiagnostic(ctx uintptr) string {
	diagnosticsMu.Lock()
	defer diagnosticsMu.Unlock()
	if text := lastErrors[ctx]; text != "" {
		return text
	}
	return "libLLVM gave no reason"
}
