package tencent

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/logctl/logctl/internal/apierr"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

// APIError is an error answered by the service in the API 3.0 envelope
// {"Response":{"Error":{"Code","Message"},"RequestId"}} (tencentcloud-api3.md §3).
type APIError struct {
	Service   string
	Action    string
	Code      string
	Message   string
	RequestID string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s: %s: %s (RequestId %s)", e.Service, e.Action, e.Code, e.Message, e.RequestID)
}

// Is maps the vendor code to an apierr class, so callers write
// errors.Is(err, apierr.ErrNotFound) instead of matching codes.
func (e *APIError) Is(target error) bool {
	return target != nil && Classify(e.Code) == target
}

// Classify maps an API 3.0 error code to an apierr class, or nil when the
// code says nothing decisive (FailedOperation, OperationDenied, ...).
// Codes: tencentcloud-api3.md §4 (common), edgeone-logs.md §1, cls-export.md §1.
func Classify(code string) error {
	head, _, _ := strings.Cut(code, ".")
	last := code[strings.LastIndex(code, ".")+1:]
	switch {
	case head == "RequestLimitExceeded":
		// includes .IPLimitExceeded and .UinLimitExceeded
		return apierr.ErrThrottled
	case head == "AuthFailure", head == "UnauthorizedOperation",
		head == "IpInBlacklist", head == "IpNotInWhitelist",
		strings.HasPrefix(code, "OperationDenied.Account"):
		// OperationDenied.AccountDestroy/.AccountIsolate/.AccountNotExists:
		// the account, not the request, must be fixed (cls-export.md §1).
		return apierr.ErrAuth
	case head == "InternalError", head == "ServiceUnavailable":
		return apierr.ErrUnavailable
	case head == "ResourceNotFound" || strings.HasSuffix(last, "NotFound") || strings.HasSuffix(last, "NotExist"):
		// After the auth families, so AuthFailure.SecretIdNotFound stays auth.
		// ResourceNotFound.ExportNotExist, FailedOperation.RealtimeLogNotFound, ...
		return apierr.ErrNotFound
	case invalidHeads[head], invalidCodes[code]:
		return apierr.ErrInvalid
	}
	return nil
}

// invalidHeads are code families that refuse the request as sent.
var invalidHeads = map[string]bool{
	"InvalidParameter": true, "InvalidParameterValue": true, "MissingParameter": true,
	"UnknownParameter": true, "LimitExceeded": true, "InvalidAction": true,
	"InvalidRequest": true, "NoSuchProduct": true, "NoSuchVersion": true,
	"UnsupportedOperation": true, "UnsupportedProtocol": true, "UnsupportedRegion": true,
	"RequestSizeLimitExceeded": true,
}

// invalidCodes are business codes outside those families that a resend
// cannot fix (edgeone-logs.md §1, cls-export.md §1).
var invalidCodes = map[string]bool{
	"FailedOperation.TopicClosed":                   true, // the CLS topic is disabled
	"FailedOperation.CreateLogTopicTaskAuthFailure": true, // custom endpoint check failed
	"FailedOperation.CreateClsLogSetFailed":         true, // CLS name clash
	"FailedOperation.CreateClsLogTopicTaskFailed":   true, // CLS name clash
}

// wrapError turns what the SDK returned for one call into a classified error.
// SDK client-side messages are not reused: ParseJsonError and
// HttpStatusCodeError quote the response body.
func (c *Client) wrapError(action string, tr *apierr.Trace, err error) error {
	op := c.service + " " + action
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) && !strings.HasPrefix(sdkErr.Code, "ClientError") {
		return &APIError{Service: c.service, Action: action, Code: sdkErr.Code,
			Message: sdkErr.Message, RequestID: sdkErr.RequestId}
	}
	if tr.Status() != 0 {
		// API 3.0 answers every error, throttling included, as HTTP 200
		// with a code (tencentcloud-api3.md §4) and documents no
		// Retry-After; a bare non-2xx (a gateway in between) may carry one.
		return &apierr.HTTPError{Op: op, Host: c.host, Status: tr.Status(), Detail: responseProblem(sdkErr),
			After: tr.RetryAfter()}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// url.Error repeats method and URL; the host is in the NetworkError.
		return &apierr.NetworkError{Op: op, Host: c.host, Sent: tr.Sent(), Err: ue.Err}
	}
	if tr.Sent() || (sdkErr != nil && sdkErr.Code == "ClientError.NetworkError") {
		return &apierr.NetworkError{Op: op, Host: c.host, Sent: tr.Sent(), Err: err}
	}
	// Failed before anything was sent, without a transport error: a local
	// problem (building the request), not a transient one.
	return fmt.Errorf("%s: %w", op, err)
}

// responseProblem describes an unusable response without quoting it.
func responseProblem(sdkErr *tcerr.TencentCloudSDKError) string {
	if sdkErr == nil {
		return "unreadable response"
	}
	switch sdkErr.Code {
	case "ClientError.HttpStatusCodeError":
		return "no API error in the body"
	case "ClientError.ParseJsonError", "ClientError.IOError":
		return "response body could not be read as the API 3.0 envelope"
	}
	return sdkErr.Code
}
