// Package form is the edit screens' form: text fields (bubbles textinput)
// and choice fields, tab and shift+tab between them, ← and → through a
// choice, and an inline error under each field from the client's
// validators. It only edits; what the values mean is the edit screen's.
package form
