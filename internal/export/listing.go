package export

import (
	"context"
	"errors"
	"fmt"

	"resold/client"
)

// Pager is what reading a whole listing needs of client.Pager (and of the
// UI's pager interface).
type Pager interface {
	Page(ctx context.Context, i int) (client.Page, error)
}

// Progress is how far a listing has been read.
type Progress struct {
	Rows  int  // rows read so far
	Pages int  // pages read so far
	More  bool // whether more pages follow
	// Restarted is set when the API refused a page token and the listing
	// started again from the first page.
	Restarted bool
}

// maxRestarts bounds how often a listing that keeps changing is read again
// from the start before the export gives up.
const maxRestarts = 3

// ErrKeepsChanging is returned when the listing restarted more than
// maxRestarts times.
var ErrKeepsChanging = errors.New("the listing kept changing while it was read; try again")

// All reads every page of the listing from first, keeping the rows that
// keep returns true for (nil keeps all), and reports progress after each
// page (progress may be nil). Pages already read come from p at once. When
// the API restarts the listing, the rows read so far are dropped and read
// again, so no row is missing or counted twice.
func All(ctx context.Context, p Pager, keep func(client.Subscription) bool, progress func(Progress)) ([]client.Subscription, error) {
	var rows []client.Subscription
	restarts := 0
	for i := 0; ; i++ {
		pg, err := p.Page(ctx, i)
		if errors.Is(err, client.ErrEndOfList) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if pg.Restarted && i > 0 {
			restarts++
			if restarts > maxRestarts {
				return nil, fmt.Errorf("%w (%d restarts)", ErrKeepsChanging, restarts-1)
			}
			rows, i = nil, -1
			if progress != nil {
				progress(Progress{Restarted: true, More: true})
			}
			continue
		}
		for _, s := range pg.Rows {
			if keep == nil || keep(s) {
				rows = append(rows, s)
			}
		}
		if progress != nil {
			progress(Progress{Rows: len(rows), Pages: i + 1, More: pg.NextToken != ""})
		}
		if pg.NextToken == "" {
			return rows, nil
		}
	}
}
