package huawei

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/logctl/logctl/internal/emulator/semantics"
)

// Config wires the handler into the emulator core.
type Config struct {
	World *World
	State *State
	// Lock is the core's state mutex; the handler holds it while it reads
	// or changes State.
	Lock sync.Locker
	// Commit persists State; it is called with Lock held after each
	// change. When it fails the change is undone and the caller gets 500
	// LTS.0010.
	Commit func() error
	// Credentials maps access key to secret key.
	Credentials map[string]string
	// Tokens maps X-Auth-Token values to the project they are scoped to.
	Tokens map[string]string
	Now    func() time.Time
	// Semantics selects the reading of undocumented behaviours.
	Semantics semantics.Semantics
}

// maxBody bounds request bodies; transfer bodies are a few kilobytes.
const maxBody = 1 << 20

type handler struct {
	cfg      Config
	requests atomic.Uint64
}

// NewHandler serves /v2/{project_id}/log-dump/obs,
// /v2/{project_id}/transfers and IAM's /v3/auth/projects. Nil fields of cfg get working defaults: the
// default world, an empty state, a private mutex, a no-op Commit, time.Now.
func NewHandler(cfg Config) http.Handler {
	if cfg.World == nil {
		w := DefaultWorld()
		cfg.World = &w
	}
	if cfg.State == nil {
		cfg.State = &State{}
	}
	if cfg.Lock == nil {
		cfg.Lock = &sync.Mutex{}
	}
	if cfg.Commit == nil {
		cfg.Commit = func() error { return nil }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &handler{cfg: cfg}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rid := h.requestID()
	// §3: the SDK reads ServiceResponseError.RequestId from this header.
	w.Header().Set("X-Request-Id", rid)
	projectID, resource, ok := route(r.URL.Path)
	iam := isIAM(r.URL.Path) && r.Method == http.MethodGet
	if !iam && (!ok || !allowed(resource, r.Method)) {
		writeError(w, rid, newErr(http.StatusNotFound, codeNoAPI, "The API does not exist or has not been published in the environment"))
		return
	}
	// Credentials and declared size before the body: an unknown caller or
	// an oversized request is refused without reading it.
	if apiErr := h.preauthenticate(r, projectID); apiErr != nil {
		writeError(w, rid, apiErr)
		return
	}
	if r.ContentLength > maxBody {
		writeError(w, rid, validation("request body is larger than %d bytes", maxBody))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, rid, validation("request body is unreadable or larger than %d bytes", maxBody))
		return
	}
	if iam {
		h.serveIAM(w, r, body)
		return
	}
	if apiErr := h.authenticate(r, body, projectID); apiErr != nil {
		writeError(w, rid, apiErr)
		return
	}
	p := h.cfg.World.project(projectID)
	if p == nil {
		// The seed's own 403 example.
		writeError(w, rid, newErr(http.StatusForbidden, codeInvalidProject, "Invalid projectId"))
		return
	}
	if apiErr := checkRegion(r, p); apiErr != nil {
		writeError(w, rid, apiErr)
		return
	}
	status, out, apiErr := h.dispatch(r, resource, p, body)
	if apiErr != nil {
		writeError(w, rid, apiErr)
		return
	}
	writeJSON(w, status, out)
}

func (h *handler) dispatch(r *http.Request, resource string, p *Project, body []byte) (int, any, *apiError) {
	if resource == resDump {
		return h.createDump(p, body)
	}
	switch r.Method {
	case http.MethodGet:
		return h.listTransfers(p, r.URL.Query())
	case http.MethodPost:
		return h.createTransfer(p, body)
	case http.MethodPut:
		return h.updateTransfer(p, body)
	default:
		return h.deleteTransfer(p, r.URL.Query())
	}
}

const (
	resDump      = "log-dump/obs"
	resTransfers = "transfers"
)

// route splits /v2/{project_id}/{resource}.
func route(path string) (projectID, resource string, ok bool) {
	rest, ok := strings.CutPrefix(path, "/v2/")
	if !ok {
		return "", "", false
	}
	projectID, resource, ok = strings.Cut(rest, "/")
	if !ok || projectID == "" || resource != resDump && resource != resTransfers {
		return "", "", false
	}
	return projectID, resource, true
}

func allowed(resource, method string) bool {
	if resource == resDump {
		return method == http.MethodPost
	}
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// mutate runs fn on the state under the lock and commits. On any error the
// state is restored, so memory never holds a change the disk lacks.
func (h *handler) mutate(fn func(s *State) (Transfer, *apiError)) (Transfer, *apiError) {
	h.cfg.Lock.Lock()
	defer h.cfg.Lock.Unlock()
	saved := h.cfg.State.snapshot()
	t, apiErr := fn(h.cfg.State)
	if apiErr == nil {
		if err := h.cfg.Commit(); err != nil {
			apiErr = internalError()
		}
	}
	if apiErr != nil {
		*h.cfg.State = saved
	}
	return t, apiErr
}

// requestID is a 32-hex-digit id, deterministic per handler: the hash of a
// per-handler counter.
func (h *handler) requestID() string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.requests.Add(1))
	sum := sha256.Sum256(b[:])
	return hex.EncodeToString(sum[:16])
}

// decode distinguishes a body that is not JSON (LTS.0007) from JSON of the
// wrong shape (LTS.0009).
func decode(body []byte, v any) *apiError {
	if !json.Valid(body) {
		return badRequest(codeNotJSON, "The request body format must be json")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return validation("field %s has the wrong type", te.Field)
		}
		return validation("%v", err)
	}
	return nil
}

func writeError(w http.ResponseWriter, rid string, e *apiError) {
	body := map[string]string{"error_code": e.code, "error_msg": e.msg}
	// The gateway's errors carry request_id in the body (§2); LTS's own
	// errors are {error_code, error_msg} only.
	if strings.HasPrefix(e.code, "APIGW.") {
		body["request_id"] = rid
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error_code":"LTS.0010","error_msg":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
