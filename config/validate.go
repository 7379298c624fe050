package config

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"resold/internal/safetext"
	"resold/keymap"
)

// checkShape checks the values users most often get wrong before the strict
// decode, so those errors say what is allowed instead of quoting Go types.
func checkShape(doc *yaml.Node) error {
	if doc.Kind != yaml.MappingNode {
		return &nodeError{node: doc, msg: "the config file must be a mapping of settings (setting: value)"}
	}
	if err := checkBool(doc, "read_only"); err != nil {
		return err
	}
	if v := value(doc, "theme"); v != nil && !isNull(v) {
		if v.Kind != yaml.ScalarNode || (v.Value != ThemeDark && v.Value != ThemeLight) {
			return &nodeError{node: v, msg: fmt.Sprintf("theme must be %q or %q, not %s", ThemeDark, ThemeLight, show(v))}
		}
	}
	if err := checkMapping(doc, "keys", "a mapping of actions to keys, e.g. keys: {quit: [ctrl+q]}"); err != nil {
		return err
	}
	ks := value(doc, "keys")
	for i := 0; ks != nil && i+1 < len(ks.Content); i += 2 {
		v := resolve(ks.Content[i+1])
		ok := v.Kind == yaml.ScalarNode && !isNull(v)
		if v.Kind == yaml.SequenceNode {
			ok = true
			for _, item := range v.Content {
				ok = ok && resolve(item).Kind == yaml.ScalarNode
			}
		}
		if !ok {
			return &nodeError{node: v, msg: fmt.Sprintf("keys.%s must be a key or a list of keys, e.g. [q, ctrl+q]", ks.Content[i].Value)}
		}
	}
	if err := checkMapping(doc, "profiles", "a mapping of profile names to settings"); err != nil {
		return err
	}
	ps := value(doc, "profiles")
	for i := 0; ps != nil && i+1 < len(ps.Content); i += 2 {
		name := ps.Content[i].Value
		p := resolve(ps.Content[i+1])
		if p.Kind != yaml.MappingNode {
			return &nodeError{node: p, msg: fmt.Sprintf("profile %q must be a mapping of settings (credentials, subject, endpoint, read_only, label)", name)}
		}
		if err := checkBool(p, "read_only"); err != nil {
			return err
		}
	}
	return nil
}

// checkBool checks that m's setting name, if present, is a boolean.
func checkBool(m *yaml.Node, name string) error {
	v := value(m, name)
	if v == nil || isNull(v) {
		return nil
	}
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		return &nodeError{node: v, msg: fmt.Sprintf("%s must be true or false, not %s", name, show(v))}
	}
	return nil
}

// checkMapping checks that m's setting name, if present, is a mapping.
func checkMapping(m *yaml.Node, name, want string) error {
	v := value(m, name)
	if v == nil || isNull(v) || v.Kind == yaml.MappingNode {
		return nil
	}
	return &nodeError{node: v, msg: fmt.Sprintf("%s must be %s", name, want)}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// show describes a node for an error message without dumping a structure.
func show(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "this"
}

// credentials validates and expands a key-file path. The value is never
// quoted back: a user who pasted the key itself must not see it echoed into
// a terminal or a log.
func credentials(p, base string, n *yaml.Node) (string, error) {
	if strings.HasPrefix(strings.TrimSpace(p), "{") || strings.Contains(p, "PRIVATE KEY") {
		return "", &nodeError{node: n, msg: "credentials must be the path of the service-account key file, not the key itself (remove the key from this file)"}
	}
	out, err := expandPath(p, base)
	if err != nil {
		return "", &nodeError{node: n, msg: "credentials: " + err.Error(), err: err}
	}
	return out, nil
}

// checkSubject checks that the admin to impersonate is a bare email address.
func checkSubject(s string, n *yaml.Node) error {
	if s == "" {
		return nil
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		return &nodeError{node: n, msg: fmt.Sprintf("subject must be the email address of a reseller admin, e.g. admin@reseller.example; got %q", s)}
	}
	return nil
}

// checkEndpoint checks that the API endpoint is an absolute http(s) URL.
// One with user:password in it is refused without being quoted back.
func checkEndpoint(s string, n *yaml.Node) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err == nil && u.User != nil {
		return &nodeError{node: n, msg: "endpoint must not contain a user name or password"}
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &nodeError{node: n, msg: fmt.Sprintf("endpoint must be an http:// or https:// URL, e.g. http://localhost:8080/; got %q", s)}
	}
	return nil
}

// maxLabel bounds a profile's label, which shares the header with the
// badges.
const maxLabel = 40

// checkLabel checks a profile's label: one line of printable text, short
// enough for the header.
func checkLabel(s string, n *yaml.Node) (string, error) {
	s = strings.TrimSpace(s)
	if s != safetext.Clean(s) {
		return "", &nodeError{node: n, msg: "label must be one line of printable text"}
	}
	if utf8.RuneCountInString(s) > maxLabel {
		return "", &nodeError{node: n, msg: fmt.Sprintf("label must be at most %d characters, not %d", maxLabel, utf8.RuneCountInString(s))}
	}
	return s, nil
}

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// checkProfileName keeps names printable and short of surprises, since they
// are shown in the header and written to the audit log.
func checkProfileName(name string, n *yaml.Node) error {
	if !profileName.MatchString(name) {
		return &nodeError{node: n, msg: fmt.Sprintf("profile name %q must be letters, digits, '.', '_' or '-'", name)}
	}
	return nil
}

// checkKeys applies the bindings to the default key map so that a bad one
// is reported here, at its line, rather than when the UI starts.
func checkKeys(k map[string][]string, keysNode *yaml.Node) error {
	if len(k) == 0 {
		return nil
	}
	_, err := keymap.Default().Rebind(k)
	var re *keymap.RebindError
	if errors.As(err, &re) {
		n := keyNode(keysNode, re.Entry)
		if n == nil {
			n = keysNode
		}
		return &nodeError{node: n, msg: re.Error(), err: err}
	}
	return err
}
