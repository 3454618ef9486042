package prcomment

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	ghemu "github.com/logctl/logctl/internal/emulator/github"
	"github.com/logctl/logctl/internal/retry"
)

const (
	owner = "acme"
	repo  = "logs"
	prNum = 5
)

// harness is one emulator on loopback plus a Commenter. upsertOnFakeClock
// runs it without the loopback, where its waits can be measured.
type harness struct {
	t   testing.TB
	emu *ghemu.Server
	srv *httptest.Server
	env Env
	c   Commenter
	mu  sync.Mutex
	// sent holds the (fake) time of each request of upsertOnFakeClock.
	sent []time.Time
}

var testNow = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func newHarness(t testing.TB) *harness {
	t.Helper()
	h := &harness{t: t, emu: ghemu.New()}
	h.srv = httptest.NewServer(h.emu)
	t.Cleanup(h.srv.Close)
	h.env = Env{
		Token:      ghemu.DefaultToken,
		Repository: owner + "/" + repo,
		EventPath:  writeEvent(t, `{"action":"synchronize","number":5,"pull_request":{"number":5}}`),
		APIURL:     h.srv.URL,
	}
	h.c = Commenter{
		HTTPClient: h.srv.Client(),
		Now:        func() time.Time { return testNow },
		// Exact waits, to compare them.
		Retry: retry.Policy{NoJitter: true},
	}
	return h
}

func writeEvent(t testing.TB, payload string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, []byte(payload), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func (h *harness) upsert(dir, markdown string) (Result, error) {
	return h.c.Upsert(context.Background(), h.env, dir, markdown)
}

// mustUpsert runs Upsert and returns the comment's URL.
func (h *harness) mustUpsert(dir, markdown string) string {
	h.t.Helper()
	res, err := h.upsert(dir, markdown)
	if err != nil {
		h.t.Fatalf("Upsert(%q): %v", dir, err)
	}
	return res.URL
}

func (h *harness) comments() []ghemu.Comment {
	return h.emu.Comments(owner, repo, prNum)
}

// upsertOnFakeClock runs Upsert in a synctest bubble, whose clock moves
// only when every goroutine in it waits, with requests served in memory
// (a loopback connection would keep the bubble from ever waiting). The
// waits between requests are then exactly the retry waits, and take no
// real time.
func (h *harness) upsertOnFakeClock(t *testing.T, dir, markdown string) (res Result, err error) {
	synctest.Test(t, func(t *testing.T) {
		c := h.c
		c.HTTPClient = &http.Client{Transport: inMemory{h}}
		res, err = c.Upsert(t.Context(), h.env, dir, markdown)
	})
	return res, err
}

// inMemory serves a request with the emulator's handler directly,
// recording when it was sent.
type inMemory struct{ h *harness }

func (m inMemory) RoundTrip(req *http.Request) (*http.Response, error) {
	m.h.mu.Lock()
	m.h.sent = append(m.h.sent, time.Now())
	m.h.mu.Unlock()
	in := req.Clone(req.Context())
	in.Host, in.RequestURI, in.RemoteAddr = req.URL.Host, req.URL.RequestURI(), "192.0.2.1:40000"
	if in.Body == nil {
		in.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	m.h.emu.ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// recordedSleeps is the waits between the requests of upsertOnFakeClock.
func (h *harness) recordedSleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(h.sent); i++ {
		if d := h.sent[i].Sub(h.sent[i-1]); d > 0 {
			out = append(out, d)
		}
	}
	return out
}

// calls summarises the requests as "METHOD page" strings, e.g. "GET 2",
// "POST", "PATCH", and "WHOAMI" for GET /user.
func (h *harness) calls() []string {
	var out []string
	for _, r := range h.emu.Requests() {
		s := r.Method
		switch {
		case r.Method == "GET" && strings.HasSuffix(r.Path, "/user"):
			s = "WHOAMI"
		case r.Method == "GET":
			page := "1"
			for _, kv := range strings.Split(r.Query, "&") {
				if v, ok := strings.CutPrefix(kv, "page="); ok {
					page = v
				}
			}
			s += " " + page
		}
		out = append(out, s)
	}
	return out
}

var (
	bot   = ghemu.User{Login: ghemu.DefaultLogin, ID: 41898282, Type: "Bot"}
	human = ghemu.User{Login: "mallory", ID: 7, Type: "User"}
)
