package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestACrashLeavesAPrivateReportAndSaysWhere(t *testing.T) {
	cleanEnv(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	var errOut bytes.Buffer
	code := protect(&errOut, func() int {
		crashWith("index out of range; token: Bearer ya29.a0AfH6SMBx-secret \x1b]0;pwned\x07")
		return 0
	})
	if code != exitCrashed {
		t.Errorf("exit code %d, want %d", code, exitCrashed)
	}
	matches, _ := filepath.Glob(filepath.Join(state, "resold", "crash-*.txt"))
	if len(matches) != 1 {
		t.Fatalf("crash reports %v, want one under %s/resold", matches, state)
	}
	path := matches[0]
	if !strings.Contains(errOut.String(), path) {
		t.Errorf("the user is not told where the report is: %q", errOut.String())
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	report := string(b)
	for _, want := range []string{"version: " + version, "index out of range", "crashWith", "[redacted]"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	for _, out := range []string{report, errOut.String()} {
		if strings.Contains(out, "ya29.") || strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") {
			t.Errorf("a secret or an escape reached the report or the terminal:\n%q", out)
		}
	}
}

//go:noinline
func crashWith(v string) { panic(v) }
