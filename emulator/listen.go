package emulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Running is an emulator serving HTTP on a real listener, as started by
// Listen for `resold emulator`, the TUI's demo mode and tests.
type Running struct {
	srv *Server
	hs  *http.Server
	url string
	// stopped is closed when Serve returns; serveErr is its error, nil
	// after a normal shutdown.
	stopped  chan struct{}
	serveErr error

	closeOnce sync.Once
	closeErr  error
}

// Listen builds an emulator from opts and serves it on addr (host:port;
// port 0 picks a free one) until Close.
func Listen(addr string, opts Options) (*Running, error) {
	srv, err := NewWithState(opts)
	if err != nil {
		return nil, err
	}
	return Serve(addr, srv)
}

// Serve serves srv on addr (host:port; port 0 picks a free one) until
// Close.
func Serve(addr string, srv *Server) (*Running, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	r := &Running{
		srv: srv,
		// ReadHeaderTimeout stops a stalled client from holding a
		// connection forever (Slowloris); the handler's own latency is
		// not bounded here because it is a feature.
		hs:      &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second},
		url:     "http://" + dialAddr(ln.Addr()),
		stopped: make(chan struct{}),
	}
	go func() {
		defer close(r.stopped)
		if err := r.hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			r.serveErr = err
		}
	}()
	return r, nil
}

// URL is the base URL to give clients, e.g. http://127.0.0.1:8085; append
// a slash for option.WithEndpoint.
func (r *Running) URL() string { return r.url }

// Server is the emulator being served, for inspecting its calls and state.
func (r *Running) Server() *Server { return r.srv }

// Close stops accepting connections and waits for requests in flight until
// ctx is done; after that it closes the remaining connections. Calling it
// again returns the first result.
func (r *Running) Close(ctx context.Context) error {
	r.closeOnce.Do(func() {
		err := r.hs.Shutdown(ctx)
		if err != nil {
			// Requests still waiting (e.g. on injected latency) see
			// their connection closed, which cancels their context.
			err = errors.Join(err, r.hs.Close())
		}
		<-r.stopped
		r.closeErr = errors.Join(err, r.serveErr)
	})
	return r.closeErr
}

// dialAddr turns a listener address into one a client can dial: an
// unspecified host (":0", "0.0.0.0", "[::]") becomes the loopback address.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}
