package keymap

import "slices"

// textInputSafeKeys are the only keys that reach the app while a text input
// has focus: the input consumes everything else (characters, backspace, and
// left/right/home/end, which move its cursor).
var textInputSafeKeys = []string{"esc", "enter", "ctrl+c", "tab", "shift+tab", "up", "down", "ctrl+o"}

// TextInputSafeKeys lists the keys that still act while a text input has
// focus: esc, enter, ctrl+c, tab, shift+tab, up, down and ctrl+o.
func TextInputSafeKeys() []string {
	return slices.Clone(textInputSafeKeys)
}

// TextInputSafe reports whether b can still fire while a text input has
// focus, i.e. at least one of its keys is not consumed by the input.
func (b Binding) TextInputSafe() bool {
	for _, k := range b.Keys() {
		if slices.Contains(textInputSafeKeys, k) {
			return true
		}
	}
	return false
}

// TextInput returns a copy of k for use while a text input has focus: each
// binding keeps only its text-input-safe keys, and one with none left is
// unbound. Screens match and render help against this copy while typing, so
// typing "q" into the search box neither quits nor shows "q quit".
func (k KeyMap) TextInput() KeyMap {
	for _, s := range Screens() {
		for _, b := range k.own(s) {
			var keep []string
			for _, key := range b.Keys() {
				if slices.Contains(textInputSafeKeys, key) {
					keep = append(keep, key)
				}
			}
			*b = b.withKeys(keep)
		}
	}
	return k
}
