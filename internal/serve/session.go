package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"

	"resold/audit"
	"resold/client"
	"resold/internal/reconcile"
	"resold/theme"
	"resold/tui"
	"resold/tui/common"
)

// session is one SSH session's UI.
type session struct {
	srv  *Server
	sess ssh.Session
	user User
	role Role
	key  string // SHA256 fingerprint

	// finished is closed once the session's last line is written.
	finished chan struct{}
	// touched hears every read of the client's keys, for the idle timer.
	touched chan struct{}
	ctx     context.Context
	cancel  context.CancelFunc

	mu      sync.Mutex
	program *tea.Program
	// finish stops the program's calls once it has ended and returns
	// its panic, if it had one.
	finish func() error
	why    string // set when the server, not the user, ended the session
}

func newSession(s *Server, sess ssh.Session, user User, role Role, key string) *session {
	ctx, cancel := context.WithCancel(sess.Context())
	return &session{srv: s, sess: sess, user: user, role: role, key: key,
		touched: make(chan struct{}, 1), finished: make(chan struct{}), ctx: ctx, cancel: cancel}
}

// end stops the session's program, saying why in its last line.
func (ss *session) end(why string) {
	ss.mu.Lock()
	if ss.why == "" {
		ss.why = why
	}
	p := ss.program
	ss.mu.Unlock()
	if p != nil {
		p.Quit()
	}
	ss.cancel()
}

// ended stops what the session's program left running (changes excepted:
// they run on, detached, and are audited) and returns its panic, if any.
func (ss *session) ended() error {
	ss.cancel()
	ss.mu.Lock()
	finish := ss.finish
	ss.mu.Unlock()
	if finish == nil {
		return nil
	}
	return finish()
}

// reason is why the server ended the session, empty when the user did.
func (ss *session) reason() string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.why
}

// program builds the session's Bubble Tea program: sized by the pty (the
// middleware forwards its resizes), coloured for the client's terminal,
// with the session's role and audit identity, on the shared client.
func (s *Server) program(sess ssh.Session) *tea.Program {
	ss, ok := sess.Context().Value(sessionKey{}).(*session)
	if !ok {
		return nil
	}
	env := environ(sess.Environ())
	readOnly := ss.role == RoleReadOnly
	o := tui.Options{
		API:      sessionAPI{API: tui.FromClient(s.o.Client.View(readOnly)), user: ss.user.Name, server: s.o.ReadOnly},
		Theme:    theme.New(colours(env, s.o.Light)),
		Keys:     s.o.Keys,
		Demo:     s.o.Demo,
		ReadOnly: readOnly,
		Copy:     osc52Clipboard(sess.Stderr(), env),
		Profile:  s.o.Profile,
		Endpoint: s.o.Endpoint,
		Writes:   s.o.Writes,
		Timeout:  s.o.Timeout,
		Remote:   true,
	}
	if s.wrapAPI != nil {
		o.API = s.wrapAPI(o.API)
	}
	if s.o.Audit != nil {
		o.Audit = sessionAudit{log: s.o.Audit, name: ss.user.Name, key: ss.key, addr: hostOf(sess.RemoteAddr())}
	}
	if lg, ok := s.o.Audit.(reconcile.Log); ok && !readOnly {
		// A bulk change this user's dropped session left with rows not
		// sent is offered again when they connect, as a start offers it.
		find := reconcile.UnfinishedAtStart(lg, reconcile.Session{Profile: s.o.Profile, Endpoint: s.o.Endpoint})
		o.Unfinished = func() []audit.Bulk { return s.unfinishedFor(ss, find()) }
	}
	p, finish := tui.Program(ss.ctx, o,
		tea.WithInput(keysRead{sess, ss.touched}),
		tea.WithOutput(sess),
		tea.WithEnvironment(env),
	)
	ss.mu.Lock()
	ss.program, ss.finish = p, finish
	ended := ss.why != ""
	ss.mu.Unlock()
	if ended {
		// Shutdown came between admission and now. Quit waits for the
		// program to run, which starts only once this returns.
		go p.Quit()
	}
	if d := s.o.IdleTimeout; d > 0 {
		go ss.idle(d)
	}
	return p
}

// idle ends the session after d without a key pressed.
func (ss *session) idle(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-ss.touched:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(d)
		case <-t.C:
			ss.end(fmt.Sprintf("session closed after %s without a key pressed (the server's --idle-timeout)", d))
			return
		case <-ss.ctx.Done():
			return
		}
	}
}

// keysRead is the session's input, noting each read for the idle timer.
type keysRead struct {
	r       io.Reader
	touched chan struct{}
}

func (k keysRead) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 {
		select {
		case k.touched <- struct{}{}:
		default: // a touch is already pending
		}
	}
	return n, err
}

// environ is the session's environment (TERM from the pty request, and
// whatever variables the client sent).
type environ []string

// Getenv returns the value of key, empty when unset.
func (e environ) Getenv(key string) string {
	for _, kv := range e {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// Environ implements termenv.Environ.
func (e environ) Environ() []string { return e }

// colours picks the session's theme options from its client's TERM,
// COLORTERM and NO_COLOR; the terminal itself is never queried (a query
// over SSH stalls or leaks into the input).
func colours(env environ, light bool) theme.Options {
	out := termenv.NewOutput(io.Discard, termenv.WithEnvironment(env), termenv.WithTTY(true))
	return theme.Options{Light: light, NoColor: env.Getenv("NO_COLOR") != "", Profile: out.ColorProfile()}
}

// osc52Clipboard copies by sending a plain OSC 52 to the session's
// terminal, on its error stream so the sequence never splits a frame of
// the UI. Plain, never wrapped for tmux's passthrough: tmux with its
// default settings drops the wrapped form; with set-clipboard on it takes
// the plain one (the README says so).
func osc52Clipboard(w io.Writer, _ environ) common.Clipboard {
	return func(text string) (string, error) {
		_, err := osc52.New(text).WriteTo(w)
		return common.ToOSC52, err
	}
}

// hostOf is the address without its port, as $SSH_CONNECTION gives it to
// a local session's audit entries.
func hostOf(a net.Addr) string {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// unfinishedFor keeps the bulk changes ss's user planned, and only while
// no other session of that user is open: one of those may be running a
// bulk change right now, and resuming it would send its rows twice. (The
// rows a dropped session had on their way carry their intents and are
// not among the unfinished; no other row of it is sent once its program
// has ended.)
func (s *Server) unfinishedFor(ss *session, bulks []audit.Bulk) []audit.Bulk {
	s.mu.Lock()
	for other := range s.sessions {
		if other != ss && other.user.Name == ss.user.Name {
			s.mu.Unlock()
			return nil
		}
	}
	s.mu.Unlock()
	return slices.DeleteFunc(bulks, func(b audit.Bulk) bool { return b.Remaining[0].Operator != ss.user.Name })
}

// sessionAudit stamps every entry of a session with who made it: the user
// named by the key, the key's fingerprint and the client's address.
type sessionAudit struct {
	log             Auditor
	name, key, addr string
}

// Append implements common.Auditor.
func (a sessionAudit) Append(e audit.Entry) error {
	e.Operator, e.KeyFingerprint, e.SSHClient = a.name, a.key, a.addr
	return a.log.Append(e)
}

// sessionAPI is the session's view of the shared client. Only the reason a
// change is refused differs: the session's role, not a --read-only flag
// the user could drop.
type sessionAPI struct {
	common.API
	user   string
	server bool // the whole server is read-only
}

// Explain implements common.API.
func (a sessionAPI) Explain(err error) client.Guidance {
	g := a.API.Explain(err)
	if !errors.Is(err, client.ErrReadOnly) {
		return g
	}
	g.Title = "Read-only session: changes are disabled"
	if a.server {
		g.Cause = "This resold server runs with --read-only: every session can look, none can change anything."
		g.Action = "Ask whoever runs the server; changes need a server started without --read-only."
	} else {
		g.Cause = "Your SSH key signs you in as " + a.user + ", whose role in the server's users file is read-only."
		g.Action = "Ask whoever runs the server for the write role, then connect again."
	}
	g.Message = ""
	return g
}
