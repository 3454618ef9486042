package huawei

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"time"
)

// authFailed is the gateway's answer to any AK/SK or token failure
// (huawei-lts-transfer.md §2). The vendor FAQ shows the body but not the
// status; 401 is the typical one. The message never carries a secret.
func authFailed(reason string) *apiError {
	return newErr(http.StatusUnauthorized, codeAuth, "Incorrect IAM authentication information: %s", reason)
}

func projectMismatch() *apiError {
	return newErr(http.StatusForbidden, codeProjectMismatch, "Invalid project id: it does not match the token or credentials")
}

// authenticate checks X-Auth-Token when present, else the SDK-HMAC-SHA256
// signature over body, and that the caller's project is the URL's.
func (h *handler) authenticate(r *http.Request, body []byte, projectID string) *apiError {
	if tok := r.Header.Get("X-Auth-Token"); tok != "" {
		pid, ok := h.cfg.Tokens[tok]
		if !ok {
			return authFailed("decrypt token fail")
		}
		if pid != projectID {
			return projectMismatch()
		}
		return nil
	}
	if err := h.verifySignature(r, body); err != nil {
		return err
	}
	// The SDK sends the credentials' project as X-Project-Id (§1).
	if pid := r.Header.Get("X-Project-Id"); pid != "" && pid != projectID {
		return projectMismatch()
	}
	return nil
}

func (h *handler) verifySignature(r *http.Request, body []byte) *apiError {
	header := r.Header.Get("Authorization")
	if header == "" {
		return authFailed("no Authorization or X-Auth-Token header")
	}
	a, err := parseAuthorization(header)
	if err != nil {
		return authFailed("verify aksk signature fail, " + err.Error())
	}
	sk, ok := h.cfg.Credentials[a.access]
	if !ok {
		return authFailed("Get secretKey failed, ak not exist")
	}
	// The date must be signed, or a captured request could be replayed
	// with a fresh one.
	if !slices.Contains(a.signedHeaders, "x-sdk-date") {
		return authFailed("verify aksk signature fail, x-sdk-date is not signed")
	}
	date := r.Header.Get(headerDate)
	t, err := time.Parse(dateFormat, date)
	if err != nil {
		return authFailed("verify aksk signature fail, X-Sdk-Date is missing or not " + dateFormat)
	}
	// §2: more than 15 minutes from server time is "signature expired".
	if skew := h.cfg.Now().Sub(t); skew > maxSkew || skew < -maxSkew {
		return authFailed("verify aksk signature fail, signature expired")
	}
	want := signature(sk, stringToSign(date, canonicalRequest(r, a.signedHeaders, body)))
	if !hmac.Equal([]byte(want), []byte(a.signature)) {
		return authFailed("verify aksk signature fail")
	}
	return nil
}
