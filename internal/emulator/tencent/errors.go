package tencent

import "fmt"

// apiError is a Response.Error: a documented code and a message.
type apiError struct {
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Common error codes (tencentcloud-api3.md §4).
const (
	codeInternalError         = "InternalError"
	codeInvalidParameter      = "InvalidParameter"
	codeInvalidParameterValue = "InvalidParameterValue"
	codeMissingParameter      = "MissingParameter"
	codeUnknownParameter      = "UnknownParameter"
	codeResourceNotFound      = "ResourceNotFound"
	codeLimitExceeded         = "LimitExceeded"
)

func missing(name string) *apiError {
	return errf(codeMissingParameter, "The request is missing a required parameter `%s`.", name)
}
