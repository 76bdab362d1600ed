package icd

import (
	"fmt"
	"os"
	"strings"
)

// Debug is set by GOCL_DEBUG (any value but "" or "0"): every error an entry
// point returns is explained on stderr.
var Debug = os.Getenv("GOCL_DEBUG") != "" && os.Getenv("GOCL_DEBUG") != "0"

// Fail reports why an entry point returns code, when debugging, and returns code.
func Fail(code int32, format string, args ...any) int32 {
	if Debug {
		fmt.Fprintf(os.Stderr, "gocl: %s: %s\n", ErrorName(code), fmt.Sprintf(format, args...))
	}
	return code
}

// Tracef prints an API trace line when debugging.
func Tracef(format string, args ...any) {
	if Debug {
		fmt.Fprintf(os.Stderr, "gocl: "+strings.TrimSuffix(format, "\n")+"\n", args...)
	}
}

var errorNames = map[int32]string{}

func init() {
	for name, code := range errorCodes {
		errorNames[code] = name
	}
}

// ErrorName is the C name of an error code.
func ErrorName(code int32) string {
	if n, ok := errorNames[code]; ok {
		return n
	}
	return fmt.Sprintf("error %d", code)
}
