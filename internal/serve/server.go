// Package serve is `resold serve`: the terminal UI served over SSH to a
// support team from one host that holds the reseller's credentials. Each
// session runs its own Bubble Tea program with its own renderer, size and
// role; all sessions share one API client (one token, one quota), one audit
// log and one count of the changes under way.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"resold/audit"
	"resold/client"
	"resold/internal/crash"
	"resold/internal/inflight"
	"resold/keymap"
	"resold/tui"
	"resold/tui/common"
)

// Options configure a Server.
type Options struct {
	// Client is the API client every session shares.
	Client *client.Client
	// Audit receives every session's write attempts; it may be nil only
	// when every session is read-only.
	Audit Auditor
	// Users says who may connect, by public key.
	Users *Users
	// HostKey is the server's private key.
	HostKey gossh.Signer
	// Keys are the bindings, from the config file.
	Keys keymap.KeyMap
	// Light selects the light palette for every session.
	Light bool
	// Demo shows the DEMO badge: the API is the built-in emulator.
	Demo bool
	// ReadOnly makes every session read-only, whatever the users file says.
	ReadOnly bool
	// Profile and Endpoint go into the audit log.
	Profile  string
	Endpoint audit.EndpointKind
	// IdleTimeout closes a session after this long without a key pressed;
	// 0 means never.
	IdleTimeout time.Duration
	// MaxSessions refuses sessions beyond this many at once; 0 means no
	// limit.
	MaxSessions int
	// Log receives one line per connection, disconnection and refusal.
	Log io.Writer
	// Writes counts the changes under way across every session; Shutdown
	// waits on it.
	Writes *inflight.Tracker
	// Now is the clock of the log lines; nil means time.Now.
	Now func() time.Time
	// Timeout bounds each API call of a session; 0 means the UI's default.
	Timeout time.Duration
	// Version goes into crash reports.
	Version string
}

// Auditor is the audit log (*audit.Log).
type Auditor interface {
	Append(e audit.Entry) error
}

// Server serves the UI over SSH.
type Server struct {
	o     Options
	srv   *ssh.Server
	users atomic.Pointer[Users]
	logMu sync.Mutex

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool

	// wrapAPI, set by tests, wraps each session's API (to make one fail).
	wrapAPI func(common.API) common.API

	// offered remembers, per remote address, the last key a client offered
	// that no user has, to name it when the connection is refused.
	offered sync.Map
}

// New builds a server; Serve starts it.
func New(o Options) (*Server, error) {
	if o.Client == nil || o.Users == nil || o.HostKey == nil || o.Writes == nil {
		return nil, errors.New("serve: Client, Users, HostKey and Writes are required")
	}
	if o.Audit == nil && !o.ReadOnly {
		return nil, errors.New("serve: an audit log is required unless every session is read-only")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{o: o, sessions: map[*session]struct{}{}}
	s.users.Store(o.Users)
	srv, err := wish.NewServer(
		func(srv *ssh.Server) error {
			srv.AddHostKey(o.HostKey)
			return nil
		},
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithMiddleware(
			// The last runs first: the gate decides who gets a
			// program, and writes the session's last line after it.
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.gate,
		),
	)
	if err != nil {
		return nil, err
	}
	srv.ConnectionFailedCallback = s.connectionFailed
	if o.IdleTimeout > 0 {
		// A connection silent for longer than any session may idle (one
		// that never authenticates or never opens a session, a peer
		// gone without a word) is closed; sessions end on their own
		// timer first, with a last line.
		srv.IdleTimeout = o.IdleTimeout + time.Minute
	}
	s.srv = srv
	return s, nil
}

// Serve accepts connections on ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// SetUsers replaces the users (a reloaded users file). Sessions already
// open keep the role they started with.
func (s *Server) SetUsers(u *Users) { s.users.Store(u) }

// Users returns the users in effect.
func (s *Server) Users() *Users { return s.users.Load() }

// Sessions is the number of sessions open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown stops taking connections, ends every session with a last line
// saying why, and waits until ctx ends for the changes under way to end
// and be audited. It then closes every connection. Its error is ctx's
// when changes were still under way.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	open := make([]*session, 0, len(s.sessions))
	for ss := range s.sessions {
		open = append(open, ss)
	}
	s.mu.Unlock()
	stopped := make(chan struct{})
	go func() {
		// Closes the listener at once, then waits for the connections.
		_ = s.srv.Shutdown(ctx)
		close(stopped)
	}()
	for _, ss := range open {
		ss.end("the server is shutting down")
	}
	for _, ss := range open {
		// Each writes its last line before the connections close.
		select {
		case <-ss.finished:
		case <-ctx.Done():
		}
	}
	err := s.o.Writes.Wait(ctx)
	_ = s.srv.Close()
	<-stopped
	return err
}

// publicKey accepts a key that names a user; the name the client sent is
// not looked at.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.users.Load().Lookup(key); ok {
		s.offered.Delete(ctx.RemoteAddr().String())
		return true
	}
	s.offered.Store(ctx.RemoteAddr().String(), gossh.FingerprintSHA256(key))
	return false
}

// connectionFailed logs a connection that did not get through the SSH
// handshake: most often a key no user has.
func (s *Server) connectionFailed(conn net.Conn, err error) {
	addr := conn.RemoteAddr().String()
	fp, offered := s.offered.LoadAndDelete(addr)
	reason := "handshake failed: " + err.Error()
	key := "-"
	switch {
	case offered:
		key, reason = fp.(string), "unknown key"
	case strings.Contains(err.Error(), "no auth passed yet"):
		reason = "no public key offered"
	}
	s.logf("refused", "-", key, addr, "-", reason)
}

// logf writes one line to the server's log: time, event, user, key
// fingerprint, remote address, role and, when there is one, the reason.
func (s *Server) logf(event, user, key, addr, role, reason string) {
	line := fmt.Sprintf("%s %s user=%s key=%s addr=%s role=%s", s.o.Now().UTC().Format(time.RFC3339), event, user, key, addr, role)
	if reason != "" {
		line += fmt.Sprintf(" reason=%q", reason)
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintln(s.o.Log, line)
}

// admit registers a session unless the server is closing or full; the
// refusal says which.
func (s *Server) admit(ss *session) (refusal string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return "the server is shutting down"
	case s.o.MaxSessions > 0 && len(s.sessions) >= s.o.MaxSessions:
		return fmt.Sprintf("the server is full (%d sessions at most); try again later", s.o.MaxSessions)
	}
	s.sessions[ss] = struct{}{}
	return ""
}

func (s *Server) leave(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, ss)
}

// gate admits a session: a known key, a terminal, room on the server. It
// logs the connection, hands the session to the program handler and, when
// the program has ended, writes the session's last line.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		addr := sess.RemoteAddr().String()
		key := sess.PublicKey()
		fp := "-"
		if key != nil {
			fp = gossh.FingerprintSHA256(key)
		}
		user, ok := s.users.Load().Lookup(key)
		if !ok {
			// Removed by a reload between the handshake and the session.
			s.logf("refused", "-", fp, addr, "-", "unknown key")
			refuse(sess, "resold: your key is not in the users file")
			return
		}
		role := user.Role
		if s.o.ReadOnly {
			role = RoleReadOnly
		}
		if _, _, hasPty := sess.Pty(); !hasPty {
			s.logf("refused", user.Name, fp, addr, string(role), "no terminal")
			refuse(sess, "resold needs a terminal: use ssh -t")
			return
		}
		if cmd := sess.RawCommand(); cmd != "" {
			s.logf("refused", user.Name, fp, addr, string(role), "command given")
			refuse(sess, "resold serve runs no commands: connect without one (ssh -t HOST)")
			return
		}
		ss := newSession(s, sess, user, role, fp)
		if why := s.admit(ss); why != "" {
			s.logf("refused", user.Name, fp, addr, string(role), why)
			refuse(sess, "resold: "+why)
			return
		}
		s.logf("connect", user.Name, fp, addr, string(role), "")
		sess.Context().SetValue(sessionKey{}, ss)
		next(sess)
		// The session's calls and timers end with its program, even
		// when the connection stays open (a multiplexing client).
		crashed := ss.ended()
		s.leave(ss)
		if crashed != nil {
			ss.end(s.crashed(crashed))
		}
		why := ss.reason()
		if why != "" {
			fmt.Fprintf(sess, "resold: %s\r\n", why)
		}
		// The exit status goes out before Shutdown may close the
		// connection (the library's own Exit after this is a no-op).
		_ = sess.Exit(0)
		close(ss.finished)
		switch {
		case why != "":
		case sess.Context().Err() != nil:
			why = "connection dropped"
		default:
			why = "quit"
		}
		s.logf("disconnect", user.Name, fp, addr, string(role), why)
	}
}

// crashed keeps a session's panic in a crash report and says what to
// tell its user; the server and every other session carry on.
func (s *Server) crashed(err error) string {
	var perr *tui.PanicError
	if !errors.As(err, &perr) {
		return "internal error: " + err.Error()
	}
	what := "internal error: " + crash.Text(perr.Value)
	dir, derr := crash.Dir()
	if derr == nil {
		var path string
		if path, derr = crash.Write(dir, s.o.Version, s.o.Now(), perr.Value, perr.Stack); derr == nil {
			return what + "; the crash report is in " + path + " on the server"
		}
	}
	return what + "; the crash report could not be written: " + derr.Error()
}

// refuse ends a session with one line on its error stream.
func refuse(sess ssh.Session, line string) {
	fmt.Fprintf(sess.Stderr(), "%s\r\n", line)
	_ = sess.Exit(1)
}

type sessionKey struct{}
