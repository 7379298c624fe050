package palette

import (
	"strings"
	"unicode/utf8"
)

// score reports whether every rune of q appears in s in order (case
// folded), and how well: runes that follow each other and runes at the
// start of a word count more, so "sp" ranks "start paid" above "suspend".
// It is the subsequence matching of editors' command palettes, small
// enough not to need a library.
func score(q, s string) (int, bool) {
	q, s = strings.ToLower(q), strings.ToLower(s)
	if q == "" {
		return 0, true
	}
	total, prev := 0, -2
	i := 0
	for _, r := range q {
		j := strings.IndexRune(s[i:], r)
		if j < 0 {
			return 0, false
		}
		at := i + j
		pts := 1
		if at == prev+1 {
			pts += 3
		}
		if at == 0 || s[at-1] == ' ' || s[at-1] == '_' || s[at-1] == '-' {
			pts += 2
		}
		total += pts
		prev = at
		i = at + utf8.RuneLen(r)
	}
	// Shorter names win ties: the match covers more of them.
	return total*100 - len(s), true
}
