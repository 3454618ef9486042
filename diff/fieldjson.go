package diff

import (
	"bytes"
	"encoding/json"
)

// A FieldChange holds its values as display strings: the compact JSON of
// the value, or a "(sensitive…)" marker. In plan JSON (format 2) they are
// native JSON values, so that scripts read `"after": 605` rather than a
// JSON string to decode again; a marker stays a string, flagged by
// "sensitive": true.

type fieldChangeJSON struct {
	Path          string          `json:"path"`
	Before        json.RawMessage `json:"before,omitempty"`
	After         json.RawMessage `json:"after,omitempty"`
	Sensitive     bool            `json:"sensitive,omitempty"`
	ForcesReplace bool            `json:"forcesReplace,omitempty"`
}

// MarshalJSON writes Before and After as native JSON values; an absent side
// is omitted, a present null is null. The bytes are built by hand, as in
// encode.go: a plan of 100,000 resources writes a million fields, and a
// json.Marshal per field doubled the time of plan --out.
func (fc FieldChange) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(fc.Path)+len(fc.Before)+len(fc.After)+64)
	b = append(b, `{"path":`...)
	b = appendString(b, fc.Path)
	if fc.Before != "" {
		b = append(b, `,"before":`...)
		b = appendValue(b, fc.Before, fc.Sensitive)
	}
	if fc.After != "" {
		b = append(b, `,"after":`...)
		b = appendValue(b, fc.After, fc.Sensitive)
	}
	if fc.Sensitive {
		b = append(b, `,"sensitive":true`...)
	}
	if fc.ForcesReplace {
		b = append(b, `,"forcesReplace":true`...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes back into display strings.
func (fc *FieldChange) UnmarshalJSON(b []byte) error {
	var j fieldChangeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	before, err := displayValue(j.Before, j.Sensitive)
	if err != nil {
		return err
	}
	after, err := displayValue(j.After, j.Sensitive)
	if err != nil {
		return err
	}
	*fc = FieldChange{Path: j.Path, Before: before, After: after, Sensitive: j.Sensitive, ForcesReplace: j.ForcesReplace}
	return nil
}

// appendValue writes a display string as a native value: a marker (or
// anything that is not JSON) as a string, the rest as it is.
func appendValue(b []byte, s string, sensitive bool) []byte {
	if sensitive || !json.Valid([]byte(s)) {
		return appendString(b, s)
	}
	return append(b, s...)
}

func displayValue(raw json.RawMessage, sensitive bool) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	if sensitive {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	if raw[0] != '[' && raw[0] != '{' {
		return string(raw), nil // a scalar token holds no whitespace
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", err
	}
	return buf.String(), nil
}
