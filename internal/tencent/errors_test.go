package tencent

import (
	"errors"
	"testing"

	"github.com/logctl/logctl/internal/apierr"
)

var classes = []error{
	apierr.ErrNotFound, apierr.ErrThrottled, apierr.ErrAuth,
	apierr.ErrInvalid, apierr.ErrUnavailable, apierr.ErrOutcomeUnknown,
}

func TestClassify(t *testing.T) {
	tests := []struct {
		code string
		want error
	}{
		{"ResourceNotFound", apierr.ErrNotFound},
		{"ResourceNotFound.TopicNotExist", apierr.ErrNotFound},
		{"ResourceNotFound.ExportNotExist", apierr.ErrNotFound},
		{"FailedOperation.RealtimeLogNotFound", apierr.ErrNotFound},
		{"RequestLimitExceeded", apierr.ErrThrottled},
		{"RequestLimitExceeded.UinLimitExceeded", apierr.ErrThrottled},
		{"RequestLimitExceeded.IPLimitExceeded", apierr.ErrThrottled},
		{"AuthFailure.SignatureFailure", apierr.ErrAuth},
		{"AuthFailure.SignatureExpire", apierr.ErrAuth},
		{"AuthFailure.SecretIdNotFound", apierr.ErrAuth},
		{"UnauthorizedOperation.CamUnauthorized", apierr.ErrAuth},
		{"UnauthorizedOperation.NoPermission", apierr.ErrAuth},
		{"OperationDenied.AccountIsolate", apierr.ErrAuth},
		{"OperationDenied.AccountNotExists", apierr.ErrAuth},
		{"IpNotInWhitelist", apierr.ErrAuth},
		{"InvalidParameter", apierr.ErrInvalid},
		{"InvalidParameter.RealtimeLogEntityAlreadyCreated", apierr.ErrInvalid},
		{"InvalidParameterValue", apierr.ErrInvalid},
		{"MissingParameter", apierr.ErrInvalid},
		{"UnknownParameter", apierr.ErrInvalid},
		{"LimitExceeded.Export", apierr.ErrInvalid},
		{"LimitExceeded.CustomLogFieldRegexLimitExceeded", apierr.ErrInvalid},
		{"InvalidAction", apierr.ErrInvalid},
		{"NoSuchVersion", apierr.ErrInvalid},
		{"UnsupportedOperation", apierr.ErrInvalid},
		{"FailedOperation.TopicClosed", apierr.ErrInvalid},
		{"FailedOperation.CreateLogTopicTaskAuthFailure", apierr.ErrInvalid},
		{"InternalError", apierr.ErrUnavailable},
		{"InternalError.DbError", apierr.ErrUnavailable},
		{"ServiceUnavailable", apierr.ErrUnavailable},
		{"FailedOperation", nil},
		{"OperationDenied", nil},
		{"ResourceUnavailable", nil},
		{"ResourceInUse", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := Classify(tt.code); got != tt.want {
				t.Fatalf("Classify(%q) = %v, want %v", tt.code, got, tt.want)
			}
			err := error(&APIError{Service: "teo", Action: "X", Code: tt.code})
			for _, c := range classes {
				if got, want := errors.Is(err, c), c == tt.want; got != want {
					t.Errorf("errors.Is(%s, %v) = %v, want %v", tt.code, c, got, want)
				}
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	err := &APIError{Service: "cls", Action: "DeleteExport", Code: "ResourceNotFound.ExportNotExist",
		Message: "export not exist", RequestID: "req-1"}
	want := "cls DeleteExport: ResourceNotFound.ExportNotExist: export not exist (RequestId req-1)"
	if err.Error() != want {
		t.Fatalf("Error() = %q, want %q", err.Error(), want)
	}
}
