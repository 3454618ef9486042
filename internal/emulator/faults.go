package emulator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/logctl/logctl/internal/emulator/tencent"
)

// faults injects latency and failures around the whole emulator, for both
// clouds. Draws come from one seeded generator behind a mutex, so a given
// seed and request order gives the same faults.
type faults struct {
	latency     time.Duration
	rate        float64
	afterCommit float64

	mu  sync.Mutex
	rng *rand.Rand
	seq uint64
}

func newFaults(o Options) *faults {
	return &faults{
		latency: o.Latency, rate: o.FaultRate, afterCommit: o.FaultAfterCommit,
		rng: rand.New(rand.NewPCG(uint64(o.Seed), 0x66617573)),
	}
}

// fault kinds, chosen uniformly among those a cloud has.
const (
	faultNone = iota
	faultInternalError
	faultHTTP5xx
	faultThrottle
	faultDrop
)

// draw decides what happens to one request: a fault before handling (or
// none) and whether to drop the response after a mutating call commits.
func (f *faults) draw(cloud string, mutating bool) (kind int, dropAfter bool, id uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	if f.rate > 0 && f.rng.Float64() < f.rate {
		kinds := map[string][]int{
			"tencent": {faultInternalError, faultHTTP5xx, faultThrottle, faultDrop},
			"huawei":  {faultHTTP5xx, faultDrop},
			"files":   {faultHTTP5xx, faultDrop},
		}[cloud]
		return kinds[f.rng.IntN(len(kinds))], false, f.seq
	}
	if mutating && f.afterCommit > 0 && f.rng.Float64() < f.afterCommit {
		return faultNone, true, f.seq
	}
	return faultNone, false, f.seq
}

// classify names the cloud of a request and whether it changes state.
func classify(r *http.Request) (cloud string, mutating bool) {
	switch {
	case r.URL.Path == "/":
		return "tencent", tencent.IsMutating(r.Header.Get("X-TC-Action"))
	case strings.HasPrefix(r.URL.Path, "/v2/"), strings.HasPrefix(r.URL.Path, "/v3/"):
		return "huawei", r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodDelete
	default:
		return "files", false
	}
}

func (f *faults) wrap(next http.Handler) http.Handler {
	if f.latency == 0 && f.rate == 0 && f.afterCommit == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f.latency > 0 {
			t := time.NewTimer(f.latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		cloud, mutating := classify(r)
		kind, dropAfter, seq := f.draw(cloud, mutating)
		switch {
		case kind == faultDrop:
			drop(w)
		case kind != faultNone:
			writeFault(w, cloud, kind, seq)
		case dropAfter:
			// The change is applied and persisted; the answer is lost.
			next.ServeHTTP(&discard{header: http.Header{}}, r)
			drop(w)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// drop closes the connection without writing a response.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2 or a recorder: abort the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

func writeFault(w http.ResponseWriter, cloud string, kind int, seq uint64) {
	rid := fmt.Sprintf("fault-%08x-0000-4000-8000-%012x", seq>>32, seq&0xffffffffffff)
	switch cloud {
	case "tencent":
		code, msg, status := "InternalError", "An internal error has occurred. Retry your request, but if the problem persists, contact us.", http.StatusOK
		switch kind {
		case faultHTTP5xx:
			status = http.StatusServiceUnavailable
			code, msg = "InternalError", "The service is temporarily unavailable."
		case faultThrottle:
			code, msg = "RequestLimitExceeded", "Your current request count exceeds the frequency limit. Please reduce the frequency of calls."
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"Response":{"Error":{"Code":%q,"Message":%q},"RequestId":%q}}`, code, msg, rid)
	case "huawei":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", rid)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error_code":"LTS.0010","error_msg":"Internal Server Error","request_id":%q}`, rid)
	default:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
	}
}

// discard is the ResponseWriter of a call whose answer will be lost.
type discard struct {
	header http.Header
	body   bytes.Buffer
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(b []byte) (int, error) { return d.body.Write(b) }
func (d *discard) WriteHeader(int)             {}
