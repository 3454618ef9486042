package lts

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/logctl/logctl/internal/apierr"
)

// APIError is an error answered by LTS or its API gateway as
// {"error_code","error_msg"} with a 4xx/5xx status (huawei-lts-transfer.md §3).
type APIError struct {
	Op        string // e.g. "lts CreateTransfer"
	Status    int
	Code      string // e.g. LTS.0405, APIGW.0301; empty when the body had none
	Message   string
	RequestID string // X-Request-Id
	// After is the wait the answer's Retry-After header asked for, 0 when
	// none. Whether the API gateway sends one with its flow-control
	// answer (APIGW.0308) is not documented (huawei-lts-transfer.md lists
	// no such header): UNCONFIRMED, so it is honoured only when present.
	After time.Duration
}

// RetryAfter is the wait the server asked for, or 0.
func (e *APIError) RetryAfter() time.Duration { return e.After }

func (e *APIError) Error() string {
	code, msg := e.Code, e.Message
	if code == "" {
		code, msg = "no error code", "the body carried no error_code/error_msg"
	}
	return fmt.Sprintf("%s: HTTP %d %s: %s (request id %s)", e.Op, e.Status, code, msg, e.RequestID)
}

// Is maps status and code to an apierr class for errors.Is.
func (e *APIError) Is(target error) bool {
	return target != nil && Classify(e.Status, e.Code) == target
}

// Classify maps an LTS answer to an apierr class, or nil when it says
// nothing decisive. Codes: huawei-lts-transfer.md §2, §4, §5, §7.
func Classify(status int, code string) error {
	switch code {
	case "LTS.0405": // log transfer does not exist
		return apierr.ErrNotFound
	case "APIGW.0308": // gateway flow control
		return apierr.ErrThrottled
	case "APIGW.0301", "APIGW.0303", "LTS.0003", "LTS.0011":
		// signature/AK failures, expired date, no permission, project id mismatch
		return apierr.ErrAuth
	case "LTS.0007", "LTS.0009", "LTS.1901", "LTS.1902", // malformed body / values
		"LTS.0201", "LTS.0208", "LTS.0416", // group, stream or bucket does not exist
		"LTS.0207": // stream already in a transfer
		return apierr.ErrInvalid
	case "LTS.0010", "LTS.0203": // internal error, sometimes sent with 400
		return apierr.ErrUnavailable
	case "LTS.0001":
		// 400 "invalid log transfer type" on List; 403 "invalid projectId" on the old create.
		if status == 403 {
			return apierr.ErrAuth
		}
		return apierr.ErrInvalid
	}
	return apierr.StatusClass(status)
}

// wrapError turns what the SDK returned for one call into a classified error.
func (a *API) wrapError(op string, tr *apierr.Trace, err error) error {
	var sre *sdkerr.ServiceResponseError
	if errors.As(err, &sre) && sre.StatusCode < 400 {
		// The SDK reports an undecodable success body this way.
		return &apierr.HTTPError{Op: op, Host: a.host, Status: sre.StatusCode, Detail: decodeProblem(sre.ErrorMessage)}
	}
	if sre != nil {
		e := &APIError{Op: op, Status: sre.StatusCode, Code: sre.ErrorCode, RequestID: sre.RequestId, After: tr.RetryAfter()}
		if sre.ErrorCode != "" {
			// Without a code the SDK puts the raw body in ErrorMessage: not quoted.
			e.Message = sre.ErrorMessage
		}
		return e
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &apierr.NetworkError{Op: op, Host: a.host, Sent: tr.Sent(), Err: ue.Err}
	}
	if tr.Status() != 0 {
		// The body of a success status could not be read.
		return &apierr.HTTPError{Op: op, Host: a.host, Status: tr.Status(), Detail: "read response: " + err.Error()}
	}
	if tr.Sent() {
		return &apierr.NetworkError{Op: op, Host: a.host, Sent: true, Err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// decodeProblem keeps the decoder's diagnosis but not the excerpt of the
// body it appends (", error found in #N byte of ...|<body>|..."): response
// bodies may carry secrets.
func decodeProblem(msg string) string {
	diag, _, found := strings.Cut(msg, ", error found in")
	if !found {
		return "decode response: the body does not match the API model"
	}
	return "decode response: " + diag
}
