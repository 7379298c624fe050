package tui

import (
	"strings"
	"testing"

	"resold/emulator"
)

// TestHeaderShowsTheDemoBuild: while the demo emulator builds its
// customers, the header says how far it is and the root keeps looking;
// once built, the note goes and the looking stops.
func TestHeaderShowsTheDemoBuild(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	built, total := 12_000, 50_000
	m.building = func() (int, int) { return built, total }

	if !strings.Contains(m.View(), "building customers 24%") {
		t.Errorf("header while building:\n%s", strings.SplitN(m.View(), "\n", 2)[0])
	}
	if m.Init() == nil {
		t.Error("Init does not watch the build")
	}
	built = total
	next, cmd := m.Update(buildingMsg{})
	if cmd != nil {
		t.Error("the root still watches a finished build")
	}
	if strings.Contains(next.View(), "building") {
		t.Errorf("header once built:\n%s", strings.SplitN(next.View(), "\n", 2)[0])
	}
}
