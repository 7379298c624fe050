package keymap

// WithReadOnly returns a copy of k with every write action disabled (ro) or
// enabled again (!ro). Disabled bindings never match and vanish from help and
// the palette. This only hides keys: read-only is enforced by the client.
func (k KeyMap) WithReadOnly(ro bool) KeyMap {
	for _, s := range Screens() {
		for _, b := range k.own(s) {
			if b.Write {
				b.SetEnabled(!ro)
			}
		}
	}
	return k
}
