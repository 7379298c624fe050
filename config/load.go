package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"
)

// file is the config file's shape, decoded with KnownFields so an unknown
// or misspelt setting is an error rather than silently ignored.
type file struct {
	Credentials string                 `yaml:"credentials"`
	Subject     string                 `yaml:"subject"`
	Endpoint    string                 `yaml:"endpoint"`
	ReadOnly    *bool                  `yaml:"read_only"`
	Theme       string                 `yaml:"theme"`
	Keys        map[string]keys        `yaml:"keys"`
	Label       string                 `yaml:"label"`
	Default     string                 `yaml:"default_profile"`
	Profile     string                 `yaml:"profile"` // the older name of default_profile
	Profiles    map[string]profileFile `yaml:"profiles"`

	AttentionTrialDays *int `yaml:"attention_trial_days"`
	AttentionTermDays  *int `yaml:"attention_term_days"`
	BulkConcurrency    *int `yaml:"bulk_concurrency"`
}

// profileFile is one entry of profiles:. ReadOnly is a pointer so that an
// unset value inherits the top level while an explicit false overrides it.
type profileFile struct {
	Credentials string `yaml:"credentials"`
	Subject     string `yaml:"subject"`
	Endpoint    string `yaml:"endpoint"`
	ReadOnly    *bool  `yaml:"read_only"`
	Label       string `yaml:"label"`
}

// keys accepts one key ("quit: ctrl+q") or a list ("quit: [q, ctrl+q]").
type keys []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (k *keys) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*k = keys{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*k = list
	return nil
}

// Load reads the config file at path. A missing file yields Defaults and no
// error; any problem in the file is an *Error carrying its line.
func Load(path string) (Config, error) {
	cfg := Defaults()
	cfg.Path = path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, &Error{Path: path, Msg: err.Error(), Err: err}
	}

	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// XXX: yaml.v3 locates some syntax errors only roughly (it may name
		// the line before an unclosed bracket); we pass its line on as is.
		e := fromYAML(path, err.Error(), err)
		e.Msg = "YAML syntax error: " + e.Msg
		return cfg, e
	}
	if root.Kind == 0 { // empty or only comments
		return cfg, nil
	}
	doc := resolve(&root)
	if doc == nil || isNull(doc) { // a bare "---"
		return cfg, nil
	}
	if err := checkShape(doc); err != nil {
		return cfg, located(path, err)
	}

	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			// The first problem is the one to fix first; the rest often
			// follow from it.
			return cfg, fromYAML(path, te.Errors[0], err)
		}
		return cfg, fromYAML(path, err.Error(), err)
	}

	out, err := build(f, doc, filepath.Dir(path))
	if err != nil {
		return cfg, located(path, err)
	}
	out.Path = path
	return out, nil
}

// build turns the decoded file into a Config, validating values and
// returning a *nodeError that points at the offending node.
func build(f file, doc *yaml.Node, base string) (Config, error) {
	c := Defaults()
	if f.Theme != "" {
		c.Theme = f.Theme
	}
	var err error
	if c.Credentials, err = credentials(f.Credentials, base, value(doc, "credentials")); err != nil {
		return c, err
	}
	c.Subject, c.Endpoint, c.Profile = f.Subject, f.Endpoint, f.Default
	switch {
	case f.Default == "":
		c.Profile = f.Profile
	case f.Profile != "" && f.Profile != f.Default:
		return c, &nodeError{node: value(doc, "profile"), msg: fmt.Sprintf("profile %q and default_profile %q disagree; keep default_profile", f.Profile, f.Default)}
	}
	if c.Label, err = checkLabel(f.Label, value(doc, "label")); err != nil {
		return c, err
	}
	if f.ReadOnly != nil {
		c.ReadOnly = *f.ReadOnly
	}
	if err := checkSubject(c.Subject, value(doc, "subject")); err != nil {
		return c, err
	}
	if err := checkEndpoint(c.Endpoint, value(doc, "endpoint")); err != nil {
		return c, err
	}

	for _, n := range []struct {
		name     string
		v        *int
		min, max int
		to       *int
	}{
		{"attention_trial_days", f.AttentionTrialDays, 1, 365, &c.AttentionTrialDays},
		{"attention_term_days", f.AttentionTermDays, 1, 365, &c.AttentionTermDays},
		{"bulk_concurrency", f.BulkConcurrency, 1, MaxBulkConcurrency, &c.BulkConcurrency},
	} {
		if n.v == nil {
			continue
		}
		if *n.v < n.min || *n.v > n.max {
			return c, &nodeError{node: value(doc, n.name), msg: fmt.Sprintf("%s must be from %d to %d, not %d", n.name, n.min, n.max, *n.v)}
		}
		*n.to = *n.v
	}

	if len(f.Keys) > 0 {
		c.Keys = make(map[string][]string, len(f.Keys))
		for k, v := range f.Keys {
			c.Keys[k] = v
		}
	}
	if err := checkKeys(c.Keys, value(doc, "keys")); err != nil {
		return c, err
	}

	profiles := value(doc, "profiles")
	// Sorted, so that with several bad profiles the same one is reported.
	for _, name := range slices.Sorted(maps.Keys(f.Profiles)) {
		p := f.Profiles[name]
		if c.Profiles == nil {
			c.Profiles = map[string]Profile{}
		}
		pn := value(profiles, name)
		if err := checkProfileName(name, keyNode(profiles, name)); err != nil {
			return c, err
		}
		merged := Profile{Name: name, Credentials: c.Credentials, Subject: c.Subject, Endpoint: c.Endpoint, ReadOnly: c.ReadOnly}
		// A label names one reseller account: it is not inherited.
		if merged.Label, err = checkLabel(p.Label, value(pn, "label")); err != nil {
			return c, err
		}
		if p.Credentials != "" {
			if merged.Credentials, err = credentials(p.Credentials, base, value(pn, "credentials")); err != nil {
				return c, err
			}
		}
		if p.Subject != "" {
			merged.Subject = p.Subject
			if err := checkSubject(p.Subject, value(pn, "subject")); err != nil {
				return c, err
			}
		}
		if p.Endpoint != "" {
			merged.Endpoint = p.Endpoint
			if err := checkEndpoint(p.Endpoint, value(pn, "endpoint")); err != nil {
				return c, err
			}
		}
		if p.ReadOnly != nil {
			merged.ReadOnly = *p.ReadOnly
		}
		c.Profiles[name] = merged
	}
	if c.Profile != "" {
		if _, ok := c.Profiles[c.Profile]; !ok {
			at := value(doc, "default_profile")
			if at == nil {
				at = value(doc, "profile")
			}
			return c, &nodeError{node: at, msg: fmt.Sprintf("profile %q is not defined (%s)", c.Profile, c.profileList())}
		}
	}
	return c, nil
}
