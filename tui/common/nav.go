package common

import (
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
)

// Move is where a navigation key takes a list's selection or a text's
// scroll: Delta rows (one, or a page, either way), or the first or the
// last row. Every list and scrolled text reads its keys through Nav, so
// the keys mean the same everywhere.
type Move struct {
	Delta       int
	Top, Bottom bool
}

// Forward reports whether the move goes toward the end, where a list that
// loads as it goes may need more.
func (mv Move) Forward() bool { return mv.Delta > 0 || mv.Bottom }

// Nav returns the move msg asks for under k, a page being page rows; false
// when msg is no navigation key (or its binding is disabled).
func Nav(msg tea.KeyMsg, k keymap.NavKeys, page int) (Move, bool) {
	switch {
	case Matches(msg, k.Up):
		return Move{Delta: -1}, true
	case Matches(msg, k.Down):
		return Move{Delta: 1}, true
	case Matches(msg, k.PageUp):
		return Move{Delta: -page}, true
	case Matches(msg, k.PageDown):
		return Move{Delta: page}, true
	case Matches(msg, k.Top):
		return Move{Top: true}, true
	case Matches(msg, k.Bottom):
		return Move{Bottom: true}, true
	}
	return Move{}, false
}

// Scroll scrolls vp as msg asks under k, a page being its height; false
// when msg is no navigation key.
func Scroll(vp viewport.Model, msg tea.KeyMsg, k keymap.NavKeys) (viewport.Model, bool) {
	mv, ok := Nav(msg, k, vp.Height)
	if !ok {
		return vp, false
	}
	switch {
	case mv.Top:
		vp.GotoTop()
	case mv.Bottom:
		vp.GotoBottom()
	default:
		// What ScrollUp, ScrollDown, PageUp and PageDown do, clamped.
		vp.SetYOffset(vp.YOffset + mv.Delta)
	}
	return vp, true
}
