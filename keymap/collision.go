package keymap

import "fmt"

// collision is one key bound to two actions on the same screen.
type collision struct {
	screen        ScreenName
	key           string
	first, second *Binding
	firstGroup    ScreenName
	secondGroup   ScreenName
}

func (c *collision) String() string {
	return fmt.Sprintf("key %q on screen %s is bound to both %s.%s and %s.%s",
		c.key, c.screen, c.firstGroup, c.first.Action, c.secondGroup, c.second.Action)
}

// Validate reports the first key bound to two actions on one screen,
// counting the globals each screen inherits. Disabled bindings count too: a
// config must stay valid whether or not read-only mode is on.
func (k KeyMap) Validate() error {
	if c := k.collision(); c != nil {
		return fmt.Errorf("keymap: %s", c)
	}
	return nil
}

func (k *KeyMap) collision() *collision {
	for _, s := range Screens() {
		type owner struct {
			b     *Binding
			group ScreenName
		}
		seen := map[string]owner{}
		var bs []owner
		for _, b := range k.own(s) {
			bs = append(bs, owner{b, s})
		}
		for _, b := range k.inherited(s) {
			bs = append(bs, owner{b, ScreenGlobal})
		}
		for _, o := range bs {
			for _, key := range o.b.Keys() {
				if prev, ok := seen[key]; ok {
					return &collision{screen: s, key: key, first: prev.b, firstGroup: prev.group, second: o.b, secondGroup: o.group}
				}
				seen[key] = o
			}
		}
	}
	return nil
}
