package audit

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// line builds a stored line for request id.
func line(id string) string {
	return `{"time":"2025-06-01T12:30:45.123Z","operator":"alice","method":"subscriptions.changeSeats","outcome":"applied","request_id":"` + id + `"}`
}

func TestRead(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantIDs   []string
		wantLines []int // skipped lines; nil: no error
		wantTorn  bool
	}{
		{"empty", "", nil, nil, false},
		{"whole lines", line("a") + "\n" + line("b") + "\n", []string{"a", "b"}, nil, false},
		{"blank lines ignored", "\n" + line("a") + "\n\n" + line("b") + "\n\n", []string{"a", "b"}, nil, false},
		{"last line complete but unterminated", line("a") + "\n" + line("b"), []string{"a", "b"}, nil, false},
		{"torn last line", line("a") + "\n" + line("b") + "\n" + `{"time":"2025-06-01T1`, []string{"a", "b"}, []int{3}, true},
		{"damaged line in the middle", line("a") + "\nnot json\n" + line("b") + "\n", []string{"a", "b"}, []int{2}, false},
		{"damaged and torn", "garbage\n" + line("a") + "\n{\"ti", []string{"a"}, []int{1, 3}, true},
		{"bad time", `{"time":"later","method":"m"}` + "\n" + line("a") + "\n", []string{"a"}, []int{1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := Read(strings.NewReader(tt.in))
			var ids []string
			for _, e := range entries {
				ids = append(ids, e.RequestID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("entries = %q, want %q", ids, tt.wantIDs)
			}
			if tt.wantLines == nil {
				if err != nil {
					t.Fatalf("Read error = %v, want nil", err)
				}
				return
			}
			var lineErr *LineError
			if !errors.As(err, &lineErr) {
				t.Fatalf("Read error = %v, want a *LineError", err)
			}
			if !slices.Equal(lineErr.Lines, tt.wantLines) || lineErr.Torn != tt.wantTorn {
				t.Errorf("LineError = %+v, want lines %v torn %v", lineErr, tt.wantLines, tt.wantTorn)
			}
			if got := errors.Is(err, ErrTornLine); got != tt.wantTorn {
				t.Errorf("errors.Is(err, ErrTornLine) = %v, want %v", got, tt.wantTorn)
			}
		})
	}
}

func TestReadStopsOnReaderError(t *testing.T) {
	boom := errors.New("disk gone")
	r := io.MultiReader(strings.NewReader(line("a")+"\n"), iotest.ErrReader(boom))
	entries, err := Read(r)
	if !errors.Is(err, boom) {
		t.Errorf("Read error = %v, want %v", err, boom)
	}
	if len(entries) != 1 || entries[0].RequestID != "a" {
		t.Errorf("Read kept %+v, want the entry before the error", entries)
	}
}

func TestLineErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  LineError
		want string
	}{
		{"one torn", LineError{Lines: []int{7}, Torn: true}, "audit: skipped unreadable line 7 (the last was cut short by an interrupted write)"},
		{"several damaged", LineError{Lines: []int{2, 5}}, "audit: skipped unreadable lines 2, 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkRead1000(b *testing.B) {
	var sb strings.Builder
	for range 1000 {
		sb.WriteString(line("r") + "\n")
	}
	data := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
