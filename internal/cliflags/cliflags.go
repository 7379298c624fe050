// Package cliflags prints a command's flags the one way every resold
// command does: double dashes, the value's name, the usage on the next
// line with the default when it says something.
package cliflags

import (
	"flag"
	"fmt"
	"io"
)

// Print writes fs's flags to w.
func Print(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n      %s", usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "0s" && f.DefValue != "false" && f.DefValue != "[]" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// Problem is what a command says about a bad command line: the problem,
// then where the flags are. The caller exits with status 2.
func Problem(w io.Writer, command string, err error) {
	fmt.Fprintf(w, "%s: %v\nRun '%s --help' for the flags.\n", command, err, command)
}
