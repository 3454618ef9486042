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
// is omitted, a present null is null.
func (fc FieldChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(fieldChangeJSON{Path: fc.Path, Before: nativeValue(fc.Before, fc.Sensitive),
		After: nativeValue(fc.After, fc.Sensitive), Sensitive: fc.Sensitive, ForcesReplace: fc.ForcesReplace})
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

func nativeValue(s string, sensitive bool) json.RawMessage {
	switch {
	case s == "":
		return nil
	case sensitive || !json.Valid([]byte(s)):
		return json.RawMessage(encodeString(s))
	}
	return json.RawMessage(s)
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
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", err
	}
	return buf.String(), nil
}
