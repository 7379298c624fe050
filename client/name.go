package client

import "unique"

// Name is a short text that many rows share (a SKU's name, a deal code, a
// billing method), held once by the unique package: a row keeps 8 bytes
// for it where a string takes 16. The zero Name is the empty text; Names
// of equal texts are equal.
type Name struct{ h unique.Handle[string] }

// NameOf is s as a Name.
func NameOf(s string) Name {
	if s == "" {
		return Name{}
	}
	return Name{unique.Make(s)}
}

// String is the text.
func (n Name) String() string {
	if n == (Name{}) {
		return ""
	}
	return n.h.Value()
}

// IsZero reports whether the text is empty.
func (n Name) IsZero() bool { return n == (Name{}) }
