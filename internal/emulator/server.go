package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/logctl/logctl/internal/emulator/huawei"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/emulator/tencent"
	"github.com/logctl/logctl/internal/filelock"
)

// Options configures a Server.
type Options struct {
	// StatePath is the JSON state file; "" keeps the state in memory only.
	StatePath string
	// World is an optional world file (design §7) added to the default world.
	World []byte
	// Credentials is an optional credentials file (see Credentials) added to
	// the default credentials.
	Credentials []byte
	// Latency is added to every call.
	Latency time.Duration
	// FaultRate (0..1) of calls fail before they are handled: InternalError
	// or HTTP 5xx, RequestLimitExceeded, or a dropped connection.
	FaultRate float64
	// FaultAfterCommit (0..1) of mutating calls are applied and persisted,
	// then their connection is dropped with no response.
	FaultAfterCommit float64
	// Seed makes faults and ids reproducible.
	Seed int64
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// ExportStep is how long a CLS export stays Queuing, then Processing,
	// before it is Completed; 0 is 3 s.
	ExportStep time.Duration
	// NoRateLimits turns off the per-action quotas (benchmarks).
	NoRateLimits bool
	// AllowUnknownParameters makes Tencent actions ignore parameters they do
	// not define instead of answering UnknownParameter.
	AllowUnknownParameters bool
	// Semantics switches undocumented vendor behaviours to their other
	// reading (package semantics); the zero value is the default reading.
	Semantics semantics.Semantics
}

// Server is the emulator: both clouds behind one http.Handler.
type Server struct {
	opts    Options
	mu      sync.Mutex // guards state
	state   stateFile
	world   World
	baseURL atomic.Value // string
	handler http.Handler
	tencent *tencent.Handler

	reqMu    sync.Mutex
	requests map[string]int

	// lock is the state file's lock, held until Close (nil in memory).
	lock   *filelock.Lock
	closed bool // guarded by mu
}

// errClosed refuses a write after Close: the lock is gone, and another
// server may own the file by now.
var errClosed = errors.New("emulator is closed: state not written")

// New builds a server: it loads the state file (or starts a new one, seeding
// the world's live resources into it), merges the world and credentials.
func New(opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.FaultRate < 0 || opts.FaultRate > 1 || opts.FaultAfterCommit < 0 || opts.FaultAfterCommit > 1 {
		return nil, errors.New("emulator: fault rates must be between 0 and 1")
	}
	extra, err := ParseWorld(opts.World)
	if err != nil {
		return nil, err
	}
	creds, err := parseCredentials(opts.Credentials)
	if err != nil {
		return nil, err
	}
	var lock *filelock.Lock
	if opts.StatePath != "" {
		if lock, err = lockState(opts.StatePath, opts.Now()); err != nil {
			return nil, err
		}
		removeTemps(opts.StatePath)
	}
	st, fresh, err := loadState(opts.StatePath)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	s := &Server{opts: opts, state: st, world: DefaultWorld(), requests: map[string]int{}, lock: lock}
	s.world.merge(extra)
	s.baseURL.Store("http://127.0.0.1:8787")
	s.tencent = tencent.NewHandler(tencent.Config{
		World: &s.world.Tencent, State: s.state.Tencent, Lock: &s.mu, Commit: s.commit,
		Credentials: creds.Tencent, Tokens: creds.TencentTokens, Now: opts.Now, Seed: opts.Seed,
		ExportStep: opts.ExportStep, NoRateLimits: opts.NoRateLimits,
		AllowUnknownParameters: opts.AllowUnknownParameters,
		BaseURL:                s.BaseURL, Count: s.count, Semantics: opts.Semantics,
	})
	lts := huawei.NewHandler(huawei.Config{
		World: &s.world.Huawei, State: s.state.Huawei, Lock: &s.mu, Commit: s.commit,
		Credentials: creds.Huawei, Tokens: creds.HuaweiTokens, Now: opts.Now,
		Semantics: opts.Semantics,
	})
	if fresh {
		if err := s.seedLive(); err != nil {
			lock.Unlock()
			return nil, err
		}
	}
	s.tencent.WarmExportSizes()
	mux := http.NewServeMux()
	mux.Handle("/v2/", s.countLTS(lts))
	mux.Handle("/v3/auth/projects", s.countIAM(lts))
	mux.HandleFunc("/offline-logs/", s.tencent.ServeOfflineLog)
	mux.HandleFunc("/cls-exports/", s.tencent.ServeExportFile)
	mux.HandleFunc("/{$}", s.tencent.ServeHTTP)
	s.handler = newFaults(opts).wrap(mux)
	return s, nil
}

// seedLive creates the world's live resources in a new state and writes it,
// so that a restart finds the file and never seeds them twice.
func (s *Server) seedLive() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	for _, t := range s.world.Live.DeliveryTasks {
		if err := s.tencent.SeedTask(t, now); err != nil {
			return fmt.Errorf("emulator: seed world: %w", err)
		}
	}
	for _, e := range s.world.Live.Exports {
		if err := s.tencent.SeedExport(e, now); err != nil {
			return fmt.Errorf("emulator: seed world: %w", err)
		}
	}
	for _, d := range s.world.Live.Dumps {
		if err := s.state.Huawei.Seed(&s.world.Huawei, d, now); err != nil {
			return fmt.Errorf("emulator: seed world: %w", err)
		}
	}
	return s.commit()
}

// commit persists the state; called with mu held.
func (s *Server) commit() error {
	if s.opts.StatePath == "" {
		return nil
	}
	if s.closed {
		return errClosed
	}
	b, err := json.Marshal(s.state)
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	return writeAtomic(s.opts.StatePath, b)
}

// Handler is the whole emulator, faults included.
func (s *Server) Handler() http.Handler { return s.handler }

// SetBaseURL sets the URL the emulator is reached at, used in the offline
// log package and export file URLs it returns.
func (s *Server) SetBaseURL(u string) { s.baseURL.Store(strings.TrimRight(u, "/")) }

// BaseURL is the URL set by SetBaseURL or Serve.
func (s *Server) BaseURL() string { return s.baseURL.Load().(string) }

// Requests counts the requests routed to each action since start, keyed
// "teo:DescribeRealtimeLogDeliveryTasks", "cls:CreateExport",
// "lts:GET /transfers", "offline-logs:GET"...
func (s *Server) Requests() map[string]int {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	return maps.Clone(s.requests)
}

func (s *Server) count(key string) {
	s.reqMu.Lock()
	s.requests[key]++
	s.reqMu.Unlock()
}

// countLTS counts LTS requests as "lts:METHOD /path-after-project".
func (s *Server) countLTS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/v2/")
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			s.count("lts:" + r.Method + " " + strings.TrimRight(rest[i:], "/"))
		}
		next.ServeHTTP(w, r)
	})
}

// countIAM counts IAM requests as "iam:METHOD /v3/auth/projects".
func (s *Server) countIAM(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count("iam:" + r.Method + " " + r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

// Close flushes the state file and releases its lock. Later calls do
// nothing, and later changes are not written.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	err := s.commit()
	s.closed = true
	return errors.Join(err, s.lock.Unlock())
}

// Serve listens on addr (port 0 picks a free port), calls ready with the
// base URL, and serves until ctx is done; then it shuts down gracefully and
// flushes the state.
func (s *Server) Serve(ctx context.Context, addr string, ready func(baseURL string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator: listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	s.SetBaseURL(base)
	// Timeouts bound what a slow or stalled client can hold: the headers
	// in 10 s, a whole request in a minute (bodies are small JSON), an
	// idle keep-alive connection for two. WriteTimeout stays unset: an
	// offline log package is streamed for as long as the client reads.
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(base)
	}
	select {
	case err := <-errc:
		return fmt.Errorf("emulator: serve: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
	}
	return s.Close()
}
