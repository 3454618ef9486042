package spec

// RuleInfo describes one rule of the loader's diagnostics, for catalogs
// such as SARIF's (policy rules describe themselves in # METADATA).
type RuleInfo struct {
	ID    string
	Title string
}

// rules lists every rule id spec reports; rules_test.go checks that the
// sources use no other.
var rules = []RuleInfo{
	{"env.missing", "An ${env:NAME} reference names a variable that is not set"},
	{"schema.alias-cycle", "A YAML alias refers to the node that contains it"},
	{"schema.alias-expansion", "YAML aliases expand to too many nodes"},
	{"schema.conflicting-default", "A default is set to two different values"},
	{"schema.duplicate", "Two resources have the same identity"},
	{"schema.duplicate-key", "A key is set twice in one mapping"},
	{"schema.empty-file", "The file is empty"},
	{"schema.encoding", "The file is not valid UTF-8"},
	{"schema.env-ref", "A malformed ${env:NAME} reference"},
	{"schema.not-regular", "A path names a pipe, device or socket, not a regular file"},
	{"schema.required", "A required key is missing"},
	{"schema.syntax", "YAML syntax error"},
	{"schema.too-deep", "Values are nested deeper than the format ever needs"},
	{"schema.too-large", "The file is larger than the loader accepts"},
	{"schema.type", "A value has the wrong type"},
	{"schema.unknown-key", "A key the logctl format does not have"},
	{"schema.version", "The format version is missing or not supported"},
}

// Rules returns the rules of the loader's diagnostics, sorted by id.
func Rules() []RuleInfo { return append([]RuleInfo(nil), rules...) }
