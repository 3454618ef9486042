package tencent

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/logctl/logctl/internal/emulator/semantics"
)

// Config wires the service into the emulator server.
type Config struct {
	World *World
	State *State
	// Lock is the server's state mutex: held while State is read or changed.
	Lock sync.Locker
	// Commit persists the state after a change; called with Lock held.
	Commit func() error
	// Credentials maps SecretId to SecretKey.
	Credentials map[string]string
	// Tokens maps the SecretId of temporary credentials to the session token
	// that must come in X-TC-Token; other SecretIds must send none.
	Tokens map[string]string
	Now    func() time.Time
	// Seed makes ids and request ids deterministic.
	Seed int64
	// ExportStep is how long a CLS export stays Queuing, then Processing.
	ExportStep time.Duration
	// NoRateLimits turns the per-action quotas off.
	NoRateLimits bool
	// AllowUnknownParameters drops parameters an action does not define
	// instead of answering UnknownParameter (whether the real service
	// rejects them is unconfirmed; rejecting catches client typos).
	AllowUnknownParameters bool
	// Semantics selects the reading of undocumented behaviours.
	Semantics semantics.Semantics
	// BaseURL is the emulator's own URL, used in offline-log package and
	// export download URLs.
	BaseURL func() string
	// Count, when set, is told "service:Action" for each request routed to
	// an action.
	Count func(key string)
}

// Handler serves Tencent Cloud API 3.0 on POST / and the offline log and
// export downloads it hands out.
type Handler struct {
	cfg    Config
	index  *taskIndex // tasks by entity; guarded like cfg.State
	limits limiter
	reqSeq atomic.Uint64
	sizes  sync.Map // package key -> int64, memoised download sizes
}

// NewHandler returns the service for cfg.
func NewHandler(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ExportStep <= 0 {
		cfg.ExportStep = 3 * time.Second
	}
	if cfg.BaseURL == nil {
		cfg.BaseURL = func() string { return "http://127.0.0.1:8787" }
	}
	if cfg.Commit == nil {
		cfg.Commit = func() error { return nil }
	}
	return &Handler{cfg: cfg}
}

// maxBody is the documented POST body limit of API 3.0.
const maxBody = 10 << 20

// call is one routed API request.
type call struct {
	service, action, version string
	region                   string
	body                     []byte
	now                      time.Time
}

// ServeHTTP answers an API 3.0 request. Every answer is HTTP 200 with the
// Response envelope and a RequestId, errors included.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := uuidFrom(h.cfg.Seed, "request", h.reqSeq.Add(1))
	out, aerr := h.serve(r)
	writeEnvelope(w, reqID, out, aerr)
}

func (h *Handler) serve(r *http.Request) (map[string]any, *apiError) {
	if r.Method != http.MethodPost {
		return nil, errf("UnsupportedProtocol", "The emulator accepts API 3.0 requests as POST with a JSON body only.")
	}
	// A declared size over the limit is refused before anything is read.
	if r.ContentLength > maxBody {
		return nil, errf("RequestSizeLimitExceeded", "The request body exceeds 10 MB.")
	}
	c := &call{
		action:  r.Header.Get("X-TC-Action"),
		version: r.Header.Get("X-TC-Version"),
		region:  r.Header.Get("X-TC-Region"),
		now:     h.cfg.Now(),
	}
	if c.action == "" {
		return nil, errf(codeMissingParameter, "The request is missing a required parameter `Action`.")
	}
	if c.version == "" {
		return nil, errf(codeMissingParameter, "The request is missing a required parameter `Version`.")
	}
	c.service = routeService(r, c.action)
	if c.service == "" {
		return nil, errf("InvalidAction", "The action `%s` is not supported.", c.action)
	}
	// Credentials first, then the body: a caller without a known SecretId
	// never gets a body buffered.
	au, aerr := h.authenticate(r, c.service, c.now)
	if aerr != nil {
		return nil, aerr
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, errf(codeInvalidParameter, "read request body: %v", err)
	}
	if len(body) > maxBody {
		return nil, errf("RequestSizeLimitExceeded", "The request body exceeds 10 MB.")
	}
	c.body = body
	if _, aerr := h.verifySignature(r, body, c.service, au); aerr != nil {
		return nil, aerr
	}
	if !strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
		return nil, errf(codeInvalidParameter, "Content-Type must be application/json.")
	}
	a, aerr := lookupAction(c.service, c.version, c.action)
	if aerr != nil {
		return nil, aerr
	}
	if h.cfg.Count != nil {
		h.cfg.Count(c.service + ":" + c.action)
	}
	if !h.cfg.NoRateLimits && !h.limits.allow(c.service+":"+c.version+":"+c.action, a.limit, c.now) {
		return nil, errf("RequestLimitExceeded", "Your current request count exceeds the frequency limit `%d` per second of action %s. Please reduce the frequency of calls.", a.limit, c.action)
	}
	if a.unlocked {
		return a.fn(h, c)
	}
	h.cfg.Lock.Lock()
	defer h.cfg.Lock.Unlock()
	return a.fn(h, c)
}

// routeService tells teo from cls: by the Host prefix the SDK derives from
// the service name, else by the credential scope (both share one endpoint
// when a client points at the emulator), else by the action name.
func routeService(r *http.Request, action string) string {
	host := strings.ToLower(r.Host)
	for _, s := range []string{"teo", "cls"} {
		if strings.HasPrefix(host, s+".") {
			return s
		}
	}
	if a, ok := parseAuthorization(r.Header.Get("Authorization")); ok {
		if _, known := versions[a.Service]; known {
			return a.Service
		}
		return a.Service // an unknown product: lookupAction says so
	}
	for _, s := range []string{"teo", "cls"} {
		for k := range actions {
			if k.service == s && k.action == action {
				return s
			}
		}
	}
	return ""
}

// commit persists the state; a failure becomes InternalError.
func (h *Handler) commit() *apiError {
	if err := h.cfg.Commit(); err != nil {
		return errf(codeInternalError, "persist state: %v", err)
	}
	return nil
}

func writeEnvelope(w http.ResponseWriter, reqID string, out map[string]any, aerr *apiError) {
	resp := out
	if aerr != nil {
		resp = map[string]any{"Error": map[string]string{"Code": aerr.Code, "Message": aerr.Message}}
	}
	if resp == nil {
		resp = map[string]any{}
	}
	resp["RequestId"] = reqID
	b, err := json.Marshal(map[string]any{"Response": resp})
	if err != nil {
		b = []byte(fmt.Sprintf(`{"Response":{"Error":{"Code":"InternalError","Message":%q},"RequestId":%q}}`, err.Error(), reqID))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}
