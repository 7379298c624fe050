package tui

import (
	"context"

	"resold/client"
	"resold/tui/common"
)

// clientAPI adapts *client.Client to the screens' narrow common.API: only
// the pager's concrete type and the package-level helpers differ.
type clientAPI struct{ *client.Client }

// FromClient returns c as the API the screens use.
func FromClient(c *client.Client) common.API { return clientAPI{c} }

// NewPager implements common.API.
func (a clientAPI) NewPager(q client.Query) common.Pager { return a.Client.NewPager(q) }

// WithEvents implements common.API.
func (clientAPI) WithEvents(ctx context.Context, fn func(client.Event)) context.Context {
	return client.WithEvents(ctx, fn)
}

// Explain implements common.API.
func (clientAPI) Explain(err error) client.Guidance { return client.Explain(err) }
