package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	gossh "golang.org/x/crypto/ssh"
	"gopkg.in/yaml.v3"

	"resold/config"
)

// Role is what a user may do: change things, or only look.
type Role string

// The roles of the users file.
const (
	RoleWrite    Role = "write"
	RoleReadOnly Role = "read-only"
)

// User is one entry of the users file.
type User struct {
	// Name identifies the user in the audit log and the server's log.
	Name string
	Role Role
}

// Users maps the public keys of the users file to their users. It is
// never changed once loaded: a reload builds a new one.
type Users struct {
	path  string
	byKey map[string]User // by the key's wire form
	count int
}

// Lookup returns the user key belongs to.
func (u *Users) Lookup(key gossh.PublicKey) (User, bool) {
	if u == nil || key == nil {
		return User{}, false
	}
	user, ok := u.byKey[string(key.Marshal())]
	return user, ok
}

// Len is the number of users.
func (u *Users) Len() int { return u.count }

// userName is what a name may hold: it goes into logs and the audit log.
var userName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$`)

// yamlLine splits yaml.v3's "yaml: line 3: did not find expected key".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readUsersFile reads the users file, refusing one its group or anyone
// may write: whoever can write it can give their own key the write role
// (OpenSSH's StrictModes refuses such an authorized_keys file too). The mode is read from the file opened, not the path.
func readUsersFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		return nil, fmt.Errorf("mode %04o lets others write it, and so give themselves access: run chmod go-w %s", perm, path)
	}
	return io.ReadAll(f)
}

// LoadUsers reads the users file:
//
//	users:
//	  - name: alice
//	    role: write        # or read-only
//	    keys:
//	      - ssh-ed25519 AAAAC3Nza... alice@laptop
//
// Any problem is a *config.Error naming the file and line.
func LoadUsers(path string) (*Users, error) {
	data, err := readUsersFile(path)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such file; create it with the users and their SSH public keys"
		}
		return nil, &config.Error{Path: path, Msg: msg, Err: err}
	}
	fail := func(n *yaml.Node, format string, args ...any) error {
		line := 0
		if n != nil {
			line = n.Line
		}
		return &config.Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		e := &config.Error{Path: path, Msg: "YAML syntax error: " + err.Error(), Err: err}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = "YAML syntax error: " + m[2]
		}
		return nil, e
	}
	u := &Users{path: path, byKey: map[string]User{}}
	if root.Kind == 0 {
		return nil, fail(nil, "the file is empty; it needs a users: list")
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fail(doc, "expected a mapping with a users: list")
	}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value != "users" {
			return nil, fail(k, "unknown setting %q (settings here: users)", k.Value)
		}
		list = v
	}
	if list == nil {
		return nil, fail(doc, "no users: list")
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fail(list, "users: expected a list of users")
	}
	names := map[string]int{}
	keyLines := map[string]int{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fail(item, "expected a user (name, role, keys)")
		}
		var user User
		var nameNode, roleNode, keysNode *yaml.Node
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "name":
				nameNode = v
			case "role":
				roleNode = v
			case "keys":
				keysNode = v
			default:
				return nil, fail(k, "unknown setting %q (settings here: name, role, keys)", k.Value)
			}
		}
		switch {
		case nameNode == nil:
			return nil, fail(item, "a user without a name")
		case nameNode.Kind != yaml.ScalarNode || !userName.MatchString(nameNode.Value):
			return nil, fail(nameNode, "name %q: use letters, digits and . _ @ + - (at most 64)", nameNode.Value)
		}
		user.Name = nameNode.Value
		if line, dup := names[user.Name]; dup {
			return nil, fail(nameNode, "user %q is already defined on line %d", user.Name, line)
		}
		names[user.Name] = nameNode.Line
		if roleNode == nil {
			return nil, fail(item, "user %q has no role: write or read-only", user.Name)
		}
		switch Role(roleNode.Value) {
		case RoleWrite, RoleReadOnly:
			user.Role = Role(roleNode.Value)
		default:
			return nil, fail(roleNode, "role %q: write or read-only", roleNode.Value)
		}
		if keysNode == nil || keysNode.Kind != yaml.SequenceNode || len(keysNode.Content) == 0 {
			n := keysNode
			if n == nil {
				n = item
			}
			return nil, fail(n, "user %q needs keys: a list of SSH public keys (one authorized_keys line each)", user.Name)
		}
		for _, kn := range keysNode.Content {
			if kn.Kind != yaml.ScalarNode {
				return nil, fail(kn, "expected an SSH public key such as ssh-ed25519 AAAA… comment")
			}
			key, _, options, rest, err := gossh.ParseAuthorizedKey([]byte(kn.Value))
			switch {
			case err != nil:
				return nil, fail(kn, "not an SSH public key (%v); paste one line of the user's .pub file", err)
			case len(options) > 0:
				return nil, fail(kn, "authorized_keys options (%s) are not supported here", strings.Join(options, ","))
			case len(strings.TrimSpace(string(rest))) > 0:
				return nil, fail(kn, "one key per list item")
			}
			wire := string(key.Marshal())
			if line, dup := keyLines[wire]; dup {
				return nil, fail(kn, "this key is already listed on line %d: a key names one user", line)
			}
			keyLines[wire] = kn.Line
			u.byKey[wire] = user
		}
		u.count++
	}
	return u, nil
}
