package config

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Error is a problem in the config file, located by line.
type Error struct {
	// Path is the config file.
	Path string
	// Line is the 1-based line of the problem, or 0 when unknown.
	Line int
	// Msg says what is wrong and, where useful, what is allowed.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error implements error as "path:line: msg", the form editors jump to.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

var (
	yamlLine     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknown  = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	yamlCantInto = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// fromYAML turns one yaml.v3 message ("line 3: field x not found in type
// config.file") into an *Error with the line split out and the wording made
// for users rather than Go programmers.
func fromYAML(path, msg string, err error) *Error {
	e := &Error{Path: path, Msg: msg, Err: err}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return e
	}
	e.Line, _ = strconv.Atoi(m[1])
	e.Msg = m[2]
	if u := yamlUnknown.FindStringSubmatch(e.Msg); u != nil {
		e.Msg = fmt.Sprintf("unknown setting %q", u[1])
		if known := knownFields[u[2]]; known != "" {
			e.Msg += " (settings here: " + known + ")"
		}
	} else if c := yamlCantInto.FindStringSubmatch(e.Msg); c != nil {
		got := yamlTagWords[c[1]]
		if got == "" {
			got = "a " + c[1]
		}
		if c[2] != "" {
			got += fmt.Sprintf(" %q", c[2])
		}
		if want := goTypeWords[c[3]]; want != "" {
			e.Msg = fmt.Sprintf("expected %s, got %s", want, got)
		} else {
			e.Msg = fmt.Sprintf("unexpected %s here", got)
		}
	}
	return e
}

// yamlTagWords names YAML node tags for users.
var yamlTagWords = map[string]string{
	"str":   "the text",
	"int":   "the number",
	"float": "the number",
	"bool":  "the boolean",
	"seq":   "a list",
	"map":   "a mapping",
	"null":  "nothing",
}

// goTypeWords names the Go types of the file's fields the way a user thinks
// of them.
var goTypeWords = map[string]string{
	"bool":                          "true or false",
	"string":                        "a text value",
	"map[string]config.keys":        "a mapping of actions to keys",
	"config.keys":                   "a key or a list of keys",
	"map[string]config.profileFile": "a mapping of profile names to settings",
	"config.profileFile":            "a mapping of profile settings",
	"config.file":                   "a mapping of settings",
}

// knownFields lists, per decoded type, the settings it accepts, read from
// the yaml tags so the hint cannot go stale.
var knownFields = map[string]string{
	reflect.TypeFor[file]().String():        yamlTags[file](),
	reflect.TypeFor[profileFile]().String(): yamlTags[profileFile](),
}

func yamlTags[T any]() string {
	t := reflect.TypeFor[T]()
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		names = append(names, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
	}
	return strings.Join(names, ", ")
}
