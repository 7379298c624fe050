package common

// Profile is one of the config file's profiles, as the header and the
// profile list show it.
type Profile struct {
	Name     string
	Label    string // "" for none
	ReadOnly bool
}
