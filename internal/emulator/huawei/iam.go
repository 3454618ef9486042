package huawei

import (
	"net/http"
	"strings"
)

// IAM KeystoneListAuthProjects (Huawei SDK iam/v3, GET /v3/auth/projects):
// the projects the caller may use. A project's name is its region (a
// sub-project's is <region>_<suffix>); clients learn each project's region
// here. The emulator answers every project of its world, signed like the
// LTS calls (AK/SK or a known X-Auth-Token). The real service is global
// (iam.myhuaweicloud.com) or regional; the Host is not checked.
const pathAuthProjects = "/v3/auth/projects"

// The IAM account id of the world's projects: one account owns them all.
const worldDomainID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

type authProjectJSON struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	DomainID    string    `json:"domain_id"`
	ParentID    string    `json:"parent_id"`
	Description string    `json:"description"`
	Enabled     bool      `json:"enabled"`
	IsDomain    bool      `json:"is_domain"`
	Links       linksSelf `json:"links"`
}

type linksSelf struct {
	Self string `json:"self"`
}

type authProjectsJSON struct {
	Links    linksSelf         `json:"links"`
	Projects []authProjectJSON `json:"projects"`
}

func isIAM(path string) bool { return strings.TrimRight(path, "/") == pathAuthProjects }

// serveIAM answers GET /v3/auth/projects.
func (h *handler) serveIAM(w http.ResponseWriter, r *http.Request, body []byte) {
	rid := w.Header().Get("X-Request-Id")
	if apiErr := h.authenticateIAM(r, body); apiErr != nil {
		writeError(w, rid, apiErr)
		return
	}
	base := "https://iam.myhuaweicloud.com/v3"
	out := authProjectsJSON{Links: linksSelf{Self: base + "/auth/projects"}, Projects: []authProjectJSON{}}
	for _, p := range h.cfg.World.Projects {
		out.Projects = append(out.Projects, authProjectJSON{
			ID: p.ID, Name: p.Region, DomainID: worldDomainID, ParentID: worldDomainID,
			Enabled: true, Links: linksSelf{Self: base + "/projects/" + p.ID},
		})
	}
	writeJSON(w, http.StatusOK, out)
}

// authenticateIAM: a known token, or a valid SDK-HMAC-SHA256 signature.
// The project or domain header the SDK adds is not the caller's scope here.
func (h *handler) authenticateIAM(r *http.Request, body []byte) *apiError {
	if tok := r.Header.Get("X-Auth-Token"); tok != "" {
		if _, ok := h.cfg.Tokens[tok]; !ok {
			return authFailed("decrypt token fail")
		}
		return nil
	}
	return h.verifySignature(r, body)
}
