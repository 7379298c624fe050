package keymap

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// aliases accept spellings people naturally write in a config file for keys
// whose bubbletea name is awkward (a bare space) or surprising (pgdown).
var aliases = map[string]string{
	"space": " ",
	"pgdn":  "pgdown",
}

// namedKeys is the set of names tea.KeyMsg.String() can produce for
// non-character keys. It is read from bubbletea itself so that a name we
// accept is exactly a name that can ever match.
var namedKeys = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	// KeyType spans the C0 controls (0..127) and the special keys, which are
	// small negative numbers; the range is generous on purpose.
	for t := tea.KeyType(-256); t <= 255; t++ {
		if s := t.String(); s != "" && s != "runes" {
			names[s] = true
		}
	}
	return names
})

// normalizeKey returns the bubbletea name for a key written by a user, or an
// error when no key press could ever produce it.
func normalizeKey(s string) (string, error) {
	base, alt := strings.CutPrefix(s, "alt+")
	prefix := ""
	if alt {
		prefix = "alt+"
	}
	if a, ok := aliases[base]; ok {
		return prefix + a, nil
	}
	if namedKeys()[base] {
		return s, nil
	}
	if utf8.RuneCountInString(base) == 1 {
		r, _ := utf8.DecodeRuneInString(base)
		if unicode.IsPrint(r) && r != utf8.RuneError {
			return s, nil
		}
	}
	return "", fmt.Errorf("%q is not a key name (use a single character such as \"s\" or \"S\", or a name such as \"enter\", \"esc\", \"tab\", \"space\", \"ctrl+r\", \"alt+x\", \"pgdown\", \"f5\")", s)
}
