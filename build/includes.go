package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Included files must be regular files of reasonable size: clang (and the
// cache's dependency checksum) would read /dev/zero or /dev/urandom until
// memory runs out, and block forever on /dev/stdin or a FIFO. Before the
// front end runs, the #include lines of the source and of the files they
// name are followed (literal names only: where a macro computes the name,
// clang's time limit is the guard) and a name that leads to anything else
// fails the build with a clear log line.

// maxIncludeSize bounds one included file.
const maxIncludeSize = 64 << 20

var includeLine = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>)`)

// checkIncludes checks the files that source (in directory dir) includes,
// directly or through included files, looking names up in dir and in the
// -I directories of the front end's flags. It returns an error naming the
// first offending file.
func checkIncludes(source, dir string, flags []string) error {
	var search []string
	for i := 0; i < len(flags); i++ {
		switch f := flags[i]; {
		case f == "-I" && i+1 < len(flags):
			search = append(search, flags[i+1])
			i++
		case strings.HasPrefix(f, "-I"):
			search = append(search, f[2:])
		}
	}
	seen := map[string]bool{}
	const maxFiles = 4096
	var walk func(text, from string) error
	walk = func(text, from string) error {
		for _, m := range includeLine.FindAllStringSubmatch(text, -1) {
			name, quoted := m[1], true
			if name == "" {
				name, quoted = m[2], false
			}
			var cands []string
			if filepath.IsAbs(name) {
				cands = []string{name}
			} else {
				if quoted {
					cands = append(cands, filepath.Join(from, name))
				}
				for _, d := range search {
					cands = append(cands, filepath.Join(d, name))
				}
			}
			for _, c := range cands {
				st, err := os.Stat(c)
				if err != nil {
					continue // not there: the next place, or clang's own error
				}
				if st.IsDir() {
					continue
				}
				if !st.Mode().IsRegular() {
					return fmt.Errorf("#include %q: %s is not a regular file", name, c)
				}
				if st.Size() > maxIncludeSize {
					return fmt.Errorf("#include %q: %s is larger than %d MiB", name, c, maxIncludeSize>>20)
				}
				if abs, err := filepath.Abs(c); err == nil && !seen[abs] && len(seen) < maxFiles {
					seen[abs] = true
					if b, err := os.ReadFile(abs); err == nil {
						if err := walk(string(b), filepath.Dir(abs)); err != nil {
							return err
						}
					}
				}
				break
			}
		}
		return nil
	}
	return walk(source, dir)
}
