package crash

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteNeverOverwritesNorFollowsALink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	first, err := Write(dir, "v1", now, "boom", []byte("stack"))
	if err != nil {
		t.Fatal(err)
	}
	// A link where the next report would go: the report goes elsewhere.
	target := filepath.Join(t.TempDir(), "target")
	if err := os.Symlink(target, filepath.Join(dir, "crash-20260301T120000Z-1.txt")); err != nil {
		t.Fatal(err)
	}
	second, err := Write(dir, "v1", now, "boom again", []byte("stack"))
	if err != nil {
		t.Fatal(err)
	}
	if second == first || strings.HasSuffix(second, "-1.txt") {
		t.Errorf("second report at %s (first %s): overwrote or followed the link", second, first)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Errorf("the link's target was written: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("state folder mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
	b, _ := os.ReadFile(first)
	for _, want := range []string{"version: v1", "panic:   boom", "stack"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q:\n%s", want, b)
		}
	}
}

func TestTextIsCleanedRedactedAndCapped(t *testing.T) {
	got := Text("a\x1b[2Jb Bearer abc.def " + strings.Repeat("x", 5000))
	if strings.Contains(got, "\x1b") || strings.Contains(got, "abc.def") || len(got) > maxValue+4 {
		t.Errorf("Text = %q…", got[:min(80, len(got))])
	}
}
