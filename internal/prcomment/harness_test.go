package prcomment

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	ghemu "github.com/logctl/logctl/internal/emulator/github"
)

const (
	owner = "acme"
	repo  = "logs"
	prNum = 5
)

// harness is one emulator on loopback plus a Commenter whose sleeps are
// recorded instead of slept.
type harness struct {
	t      testing.TB
	emu    *ghemu.Server
	srv    *httptest.Server
	env    Env
	c      Commenter
	mu     sync.Mutex
	sleeps []time.Duration
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
		Sleep: func(_ context.Context, d time.Duration) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.sleeps = append(h.sleeps, d)
			return nil
		},
		Now: func() time.Time { return testNow },
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

func (h *harness) recordedSleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.sleeps...)
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
