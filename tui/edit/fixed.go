package edit

import (
	"context"

	"resold/tui/common"
	"resold/tui/form"
)

// constChanges is the changes func of a change with nothing to fill in.
func constChanges(cs ...change) func(form.Model) []change {
	return func(form.Model) []change { return cs }
}

// constSend is the send func of a change with nothing to fill in.
func constSend(fn func(context.Context, common.API) (result, error)) func(form.Model) func(context.Context, common.API) (result, error) {
	return func(form.Model) func(context.Context, common.API) (result, error) { return fn }
}
