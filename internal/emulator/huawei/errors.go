package huawei

import (
	"fmt"
	"net/http"
)

// apiError is an answer in the LTS error envelope {error_code, error_msg}
// (huawei-lts-transfer.md §3, §7).
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func newErr(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// §7: the transfer APIs answer business errors with 400. The seed lists its
// business examples under a "200" heading, a doc quirk the reference says to
// treat as 400.
func badRequest(code, format string, args ...any) *apiError {
	return newErr(http.StatusBadRequest, code, format, args...)
}

// Codes used by this handler (§7 unless noted).
const (
	codeAuth            = "APIGW.0301" // §2: gateway AK/SK or token failure
	codeNoAPI           = "APIGW.0101" // gateway: no API on this method and path
	codeInvalidProject  = "LTS.0001"   // 403 invalid projectId (the seed example)
	codeInvalidType     = "LTS.0001"   // 400 invalid log transfer type on List: same code
	codeNotJSON         = "LTS.0007"
	codeValidation      = "LTS.0009"
	codeInternal        = "LTS.0010"
	codeProjectMismatch = "LTS.0011"
	codeGroupNotFound   = "LTS.0201"
	codeStreamTaken     = "LTS.0207"
	codeStreamNotFound  = "LTS.0208"
	codeNoTransfer      = "LTS.0405"
	codeNoBucket        = "LTS.0416"
	codeNotInList       = "LTS.1901"
	codeBadPrefix       = "LTS.1902"
)

func validation(format string, args ...any) *apiError {
	return badRequest(codeValidation, "request body validation failed: "+format, args...)
}

func notInList(field string, value any) *apiError {
	return badRequest(codeNotInList, "the value of %s is not in the list: %v", field, value)
}

func internalError() *apiError {
	return newErr(http.StatusInternalServerError, codeInternal, "Internal Server Error")
}
