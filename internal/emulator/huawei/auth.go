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

// preauthenticate checks what the headers alone tell, before the body is
// read, so that an unknown caller never gets a body buffered: a token in
// full; for AK/SK, that the access key exists and the date is signed and
// fresh. The signature, which covers the body, waits for authenticate.
func (h *handler) preauthenticate(r *http.Request, projectID string) *apiError {
	if r.Header.Get("X-Auth-Token") != "" {
		return h.authenticate(r, nil, projectID)
	}
	_, _, err := h.credentials(r)
	return err
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
	a, sk, aerr := h.credentials(r)
	if aerr != nil {
		return aerr
	}
	want := signature(sk, stringToSign(r.Header.Get(headerDate), canonicalRequest(r, a.signedHeaders, body)))
	if !hmac.Equal([]byte(want), []byte(a.signature)) {
		return authFailed("verify aksk signature fail")
	}
	return nil
}

// credentials checks the Authorization header and X-Sdk-Date and returns
// the parsed header and the access key's secret.
func (h *handler) credentials(r *http.Request) (authorization, string, *apiError) {
	var none authorization
	header := r.Header.Get("Authorization")
	if header == "" {
		return none, "", authFailed("no Authorization or X-Auth-Token header")
	}
	a, err := parseAuthorization(header)
	if err != nil {
		return none, "", authFailed("verify aksk signature fail, " + err.Error())
	}
	sk, ok := h.cfg.Credentials[a.access]
	if !ok {
		return none, "", authFailed("Get secretKey failed, ak not exist")
	}
	// The date must be signed, or a captured request could be replayed
	// with a fresh one.
	if !slices.Contains(a.signedHeaders, "x-sdk-date") {
		return none, "", authFailed("verify aksk signature fail, x-sdk-date is not signed")
	}
	t, err := time.Parse(dateFormat, r.Header.Get(headerDate))
	if err != nil {
		return none, "", authFailed("verify aksk signature fail, X-Sdk-Date is missing or not " + dateFormat)
	}
	// §2: more than 15 minutes from server time is "signature expired".
	if skew := h.cfg.Now().Sub(t); skew > maxSkew || skew < -maxSkew {
		return none, "", authFailed("verify aksk signature fail, signature expired")
	}
	return a, sk, nil
}
