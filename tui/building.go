package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The demo's emulator builds its generated customers in the background,
// so the first frame does not wait for 50,000 of them; until they are
// built, calls wait, and the header says how far the build is.

// buildingMsg asks the root to look at the build's progress again.
type buildingMsg struct{}

// buildingEvery is how often the header's count is brought up to date.
const buildingEvery = 100 * time.Millisecond

// watchBuilding schedules the next look at the build, until it is done.
func (m Model) watchBuilding() tea.Cmd {
	if m.building == nil {
		return nil
	}
	if built, total := m.building(); built >= total {
		return nil
	}
	return m.c.After(buildingEvery, func(time.Time) tea.Msg { return buildingMsg{} })
}

// buildingNote is the header's word on the build; "" once it is done.
func (m Model) buildingNote() string {
	if m.building == nil {
		return ""
	}
	built, total := m.building()
	if built >= total {
		return ""
	}
	return fmt.Sprintf("building customers %d%%", built*100/max(total, 1))
}
