// Package palette is the command palette (:): every action of the screen
// it was opened on, built from the keymap so the palette, the help and the
// keys never disagree, plus :customer ID|DOMAIN, :subs and :log. Typing
// filters by fuzzy match; enter runs the selected command exactly as its
// key would.
package palette
