package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadUsers(t *testing.T) {
	alice, bob := newKey(t), newKey(t)
	path := writeFile(t, t.TempDir(), "users.yaml", usersYAML("alice", "write", alice, "bob", "read-only", bob))
	u, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := u.Lookup(alice.signer.PublicKey()); !ok || got != (User{"alice", RoleWrite}) {
		t.Errorf("alice's key: %+v %v", got, ok)
	}
	if got, ok := u.Lookup(bob.signer.PublicKey()); !ok || got != (User{"bob", RoleReadOnly}) {
		t.Errorf("bob's key: %+v %v", got, ok)
	}
	if _, ok := u.Lookup(newKey(t).signer.PublicKey()); ok {
		t.Error("a stranger's key names a user")
	}
	if u.Len() != 2 {
		t.Errorf("Len = %d", u.Len())
	}
}

// Every problem names the file and the line to fix.
func TestLoadUsersErrorsNameTheLine(t *testing.T) {
	k, other := newKey(t), newKey(t)
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"unknown role", "users:\n  - name: alice\n    role: admin\n    keys: [" + k.line + "]\n", 3, `role "admin": write or read-only`},
		{"no role", "users:\n  - name: alice\n    keys: [" + k.line + "]\n", 2, "has no role"},
		{"bad key", "users:\n  - name: alice\n    role: write\n    keys:\n      - ssh-ed25519 notbase64\n", 5, "not an SSH public key"},
		{"no keys", "users:\n  - name: alice\n    role: write\n", 2, "needs keys"},
		{"unknown setting", "users:\n  - name: alice\n    role: write\n    shell: /bin/sh\n    keys: [" + k.line + "]\n", 4, `unknown setting "shell"`},
		{"duplicate name", "users:\n  - name: alice\n    role: write\n    keys: [" + k.line + "]\n  - name: alice\n    role: write\n    keys: [" + other.line + "]\n", 5, "already defined on line 2"},
		{"a key for two users", "users:\n  - name: alice\n    role: write\n    keys: [" + k.line + "]\n  - name: bob\n    role: read-only\n    keys: [" + k.line + "]\n", 7, "already listed on line 4"},
		{"bad name", "users:\n  - name: \"al ice\"\n    role: write\n    keys: [" + k.line + "]\n", 2, "name \"al ice\""},
		{"syntax", "users:\n  - name: alice\n    role: write\n    keys: x: y\n", 4, "YAML syntax error: mapping values are not allowed"},
		{"top level", "people: []\n", 1, `unknown setting "people"`},
		{"options", "users:\n  - name: alice\n    role: write\n    keys:\n      - from=\"10.0.0.1\" " + k.line + "\n", 5, "options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "users.yaml", tt.text)
			_, err := LoadUsers(path)
			if err == nil {
				t.Fatal("no error")
			}
			prefix := path + ":" + itoa(tt.line) + ": "
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q… %q", err, prefix, tt.want)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestHostKeyGeneratedOnceThenReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "ssh_host_ed25519_key")
	first, created, err := HostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, %v", created, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key type %s", first.PublicKey().Type())
	}
	again, created, err := HostKey(path)
	if err != nil || created {
		t.Fatalf("second start: created %v, %v", created, err)
	}
	if gossh.FingerprintSHA256(again.PublicKey()) != gossh.FingerprintSHA256(first.PublicKey()) {
		t.Error("the host key changed between starts")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others can read: %v", err)
	}
}

// TestUsersFileOthersCanWriteIsRefused: whoever can write the users file
// can give their own key the write role, as OpenSSH's StrictModes says of
// authorized_keys; a file writable by its group or by anyone is refused,
// naming the fix, and a reload keeps the users already loaded.
func TestUsersFileOthersCanWriteIsRefused(t *testing.T) {
	path := writeFile(t, t.TempDir(), "users.yaml", usersYAML("alice", "write", newKey(t)))
	for _, mode := range []os.FileMode{0o620, 0o602, 0o666} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadUsers(path)
		if err == nil || !strings.Contains(err.Error(), "chmod go-w") {
			t.Errorf("mode %04o: %v; want a refusal naming chmod go-w", mode, err)
		}
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadUsers(path); err != nil {
		t.Errorf("mode 0644: %v", err)
	}
}
