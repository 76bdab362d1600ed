package device

import (
	"regexp"
	"testing"
)

// The driver version carries the build's identity, read from the Go build
// ID of the running binary (here the test executable).
func TestDriverVersionNamesTheBuild(t *testing.T) {
	v := DriverVersion()
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(Release) + `\+[0-9a-f]{12}$`).MatchString(v) {
		t.Fatalf("CL_DRIVER_VERSION %q: want %s+ and 12 hex digits of the build ID", v, Release)
	}
	if ownFile() == "" {
		t.Fatal("the binary holding this code was not found in /proc/self/maps")
	}
}
