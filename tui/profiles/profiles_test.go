package profiles

import (
	"strings"
	"testing"

	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func list() common.Common {
	c := tuitest.Common(&fake.API{}, 80, 20)
	c.Profile = "test"
	c.Profiles = []common.Profile{{Name: "prod", Label: "ACME production", ReadOnly: true}, {Name: "staging"}, {Name: "test"}}
	return c
}

func TestTheActiveProfileIsSelectedAndEnterSwitches(t *testing.T) {
	var s common.Screen = New(list())
	tuitest.CheckLayout(t, s.View(), 80, 20)
	if !strings.Contains(s.View(), "▶ test") || !strings.Contains(s.View(), "ACME production · read-only") {
		t.Fatalf("list:\n%s", s.View())
	}
	// enter on the active one switches nothing.
	s, msgs := tuitest.Press(t, s, tuitest.Key("enter"))
	if len(msgs) != 1 || !strings.Contains(msgs[0].(message.Notice).Text, "Already on profile test") || !s.(common.Finisher).Finished() {
		t.Errorf("enter on the active profile: %v", msgs)
	}
	s = New(list())
	s, msgs = tuitest.Press(t, s, tuitest.Key("g"), tuitest.Key("down"), tuitest.Key("enter"))
	if len(msgs) != 1 || msgs[0] != (message.SwitchProfile{Name: "staging"}) {
		t.Errorf("switch: %v", msgs)
	}
	// Asked while a change is sent: n stays, y switches anyway.
	s, _ = s.Update(message.ProfileBusy{Name: "staging", What: "seats 20 → 25 on flex.example"})
	if !strings.Contains(s.View(), "A change is being sent (seats 20 → 25 on flex.example)") {
		t.Fatalf("no question:\n%s", s.View())
	}
	s, msgs = tuitest.Press(t, s, tuitest.Key("n"))
	if len(msgs) != 0 || strings.Contains(s.View(), "A change is being sent") {
		t.Errorf("n: %v\n%s", msgs, s.View())
	}
	s, _ = s.Update(message.ProfileBusy{Name: "staging", What: "x"})
	_, msgs = tuitest.Press(t, s, tuitest.Key("y"))
	if len(msgs) != 1 || msgs[0] != (message.SwitchProfile{Name: "staging", Anyway: true}) {
		t.Errorf("y: %v", msgs)
	}
}
