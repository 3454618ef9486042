package github

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Documentation URLs GitHub puts in error bodies. go-github recognises a
// secondary rate limit by the suffix "secondary-rate-limits" of this field.
const (
	docsREST              = "https://docs.github.com/rest"
	docsGetUser           = "https://docs.github.com/rest/users/users#get-the-authenticated-user"
	docsCreateComment     = "https://docs.github.com/rest/issues/comments#create-an-issue-comment"
	docsUpdateComment     = "https://docs.github.com/rest/issues/comments#update-an-issue-comment"
	docsSecondaryLimits   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	docsPrimaryRateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"
)

// MaxBodyChars is GitHub's limit on an issue comment body; longer bodies
// are refused with 422 "Body is too long (maximum is 65536 characters)".
// Characters are Unicode code points.
const MaxBodyChars = 65536

// apiError is GitHub's error document: a message, the documentation link,
// the status as a string and, for 422, the validation errors.
type apiError struct {
	Message          string            `json:"message"`
	Errors           []validationError `json:"errors,omitempty"`
	DocumentationURL string            `json:"documentation_url"`
	Status           string            `json:"status"`
}

// validationError is one entry of a 422's "errors" array.
type validationError struct {
	Resource string `json:"resource"`
	Code     string `json:"code"`
	Field    string `json:"field"`
	Message  string `json:"message,omitempty"`
}

func writeError(w http.ResponseWriter, status int, message, docs string, errs ...validationError) {
	writeJSON(w, status, apiError{
		Message:          message,
		Errors:           errs,
		DocumentationURL: docs,
		Status:           strconv.Itoa(status),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "Not Found", docsREST)
}

// bodyTooLong is GitHub's answer to a comment body over MaxBodyChars.
func bodyTooLong(w http.ResponseWriter, docs string) {
	writeError(w, http.StatusUnprocessableEntity, "Validation Failed", docs, validationError{
		Resource: "IssueComment",
		Code:     "unprocessable",
		Field:    "data",
		Message:  "Body is too long (maximum is 65536 characters)",
	})
}

// bodyMissing is GitHub's answer to a create or update without "body".
func bodyMissing(w http.ResponseWriter, docs string) {
	writeError(w, http.StatusUnprocessableEntity, "Validation Failed", docs, validationError{
		Resource: "IssueComment",
		Code:     "missing_field",
		Field:    "body",
	})
}
