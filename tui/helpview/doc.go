// Package helpview is the help overlay: every binding of the screen below
// it, generated from the keymap so it can never disagree with the keys.
package helpview
