//go:build unix

package audit

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// privateTemp is a fresh folder with mode 0700, as Open leaves it.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openWithin runs Open(path) and fails the test if it does not return:
// a FIFO opened for writing blocks until a reader comes.
func openWithin(t *testing.T, path string) (*Log, error) {
	t.Helper()
	type result struct {
		l   *Log
		err error
	}
	done := make(chan result, 1)
	go func() {
		l, err := Open(path)
		done <- result{l, err}
	}()
	select {
	case r := <-done:
		if r.l != nil {
			t.Cleanup(func() { r.l.Close() })
		}
		return r.l, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Open(%s) hung", path)
		return nil, nil
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"symbolic link", func(t *testing.T, path string) {
			target := filepath.Join(filepath.Dir(path), "target")
			if err := os.WriteFile(target, []byte("keep\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
		}, "is a symbolic link"},
		{"dangling symbolic link", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(path), "nowhere"), path); err != nil {
				t.Fatal(err)
			}
		}, "is a symbolic link"},
		{"FIFO", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "is a FIFO"},
		{"socket", func(t *testing.T, path string) {
			ln, err := net.Listen("unix", path)
			if err != nil {
				t.Skip("no unix sockets here:", err)
			}
			t.Cleanup(func() { ln.Close() })
		}, "is a socket"},
		{"directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Unix socket paths are short: a deep temp dir can overflow.
			dir, err := os.MkdirTemp("", "ra")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			path := filepath.Join(dir, "a.jsonl")
			tt.make(t, path)
			_, err = openWithin(t, path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open = %v, want an error naming %s and saying it %s", err, path, tt.want)
			}
			if tt.name == "symbolic link" {
				target := filepath.Join(dir, "target")
				data, _ := os.ReadFile(target)
				info, _ := os.Stat(target)
				if string(data) != "keep\n" || info.Mode().Perm() != 0o644 {
					t.Errorf("the link's target was touched: %q, mode %04o", data, info.Mode().Perm())
				}
			}
		})
	}
}

func TestCommandRefusesFIFOWithoutHanging(t *testing.T) {
	path := filepath.Join(privateTemp(t), "audit.jsonl")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code   int
		errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, _, errOut := run(t, "--file", path)
		done <- result{code, errOut}
	}()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.errOut, path) || !strings.Contains(r.errOut, "FIFO") {
			t.Errorf("exit %d, stderr %q; want 1 and the FIFO named", r.code, r.errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("resold audit hung on a FIFO")
	}
}

func TestOpenTightensTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "resold")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	l := openTest(t, filepath.Join(dir, "audit.jsonl"))
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %04o, want 0700", info.Mode().Perm())
	}
	if w := l.Warning(); !strings.Contains(w, dir) || !strings.Contains(w, "0777") || !strings.Contains(w, "0700") {
		t.Errorf("Warning() = %q, want the folder, its old mode and the new", w)
	}
}

func TestAppendFollowsARenamedOrDeletedLog(t *testing.T) {
	for _, how := range []string{"renamed", "deleted"} {
		t.Run(how, func(t *testing.T) {
			dir := privateTemp(t)
			path := filepath.Join(dir, "audit.jsonl")
			l := openTest(t, path)
			first, second := seatsEntry(), seatsEntry()
			first.RequestID, second.RequestID = "before", "after"
			if err := l.Append(first); err != nil {
				t.Fatal(err)
			}
			moved := filepath.Join(dir, "audit.jsonl.1")
			if how == "renamed" {
				if err := os.Rename(path, moved); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := l.Append(second); err != nil {
				t.Fatal(err)
			}
			if got := requestIDsIn(t, path); len(got) != 1 || got[0] != "after" {
				t.Errorf("%s holds %q, want the entry written after it was %s", path, got, how)
			}
			if how == "renamed" {
				if got := requestIDsIn(t, moved); len(got) != 1 || got[0] != "before" {
					t.Errorf("the renamed log holds %q, want only the entry before", got)
				}
			}
			info, err := os.Stat(path)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("reopened log: %v, mode %v; want 0600", err, info.Mode().Perm())
			}
			if l.reopened != 1 {
				t.Errorf("reopened %d times, want 1", l.reopened)
			}
			// Unchanged path: no reopen.
			if err := l.Append(second); err != nil || l.reopened != 1 {
				t.Errorf("append to the same file: %v, reopened %d", err, l.reopened)
			}
		})
	}
}

func TestAppendRefusesALinkPutInTheLogsPlace(t *testing.T) {
	dir := privateTemp(t)
	path := filepath.Join(dir, "audit.jsonl")
	l := openTest(t, path)
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "elsewhere")
	if err := os.WriteFile(target, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	err := l.Append(seatsEntry())
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("Append = %v, want a refusal naming the link", err)
	}
	if data, _ := os.ReadFile(target); len(data) != 0 {
		t.Errorf("the link's target was written: %q", data)
	}
	if errors.Is(err, os.ErrClosed) {
		t.Error("the log reports itself closed")
	}
}

// requestIDsIn reads the request IDs of the entries in the file at path.
func requestIDsIn(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.RequestID)
	}
	return ids
}

func TestCommandReadsThroughALink(t *testing.T) {
	path := writeFixture(t, fixtureEntries()[:1])
	link := filepath.Join(privateTemp(t), "link.jsonl")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "--file", link, "--json"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("reading through a link: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
