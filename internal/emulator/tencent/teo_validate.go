package tencent

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Parameter rules of CreateRealtimeLogDeliveryTask and
// ModifyRealtimeLogDeliveryTask (edgeone-logs.md §2, §3, §6, §7, §12).

var (
	areas     = []string{"mainland", "overseas"}
	taskTypes = []string{"cls", "custom_endpoint", "s3", "log_analysis"}
	// logTypes are today's values; legacyLogTypes were merged into
	// l7-access-logs in 2026-07 but the seeds still use them, so the
	// emulator accepts both (design §7) and Describe returns them as sent.
	logTypes       = []string{"l7-access-logs", "application", "function", "web-attack"}
	legacyLogTypes = []string{"domain", "web-rateLiming", "web-rule", "web-bot"}

	taskNameRE        = regexp.MustCompile(`^[0-9A-Za-z_-]{1,200}$`)
	headerNameRE      = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9-]{0,98}[A-Za-z0-9])?$`)
	expressionFieldRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,99}$`)

	customFieldNames = []string{"ReqHeader", "RspHeader", "Cookie", "ReqBody"}
	securityActions  = []string{"-", "Monitor", "JSChallenge", "Deny", "Allow", "BlockIP", "Redirect", "ReturnCustomPage", "ManagedChallenge", "Silence", "LongDelay", "ShortDelay"}
	securityModules  = []string{"-", "CustomRule", "RateLimitingCustomRule", "ManagedRule", "L7DDoS", "BotManagement", "BotClientReputation", "BotBehaviorAnalysis", "BotCustomRule", "BotActiveDetection"}
	statusOperators  = []string{"equal", "great", "less", "great_equal", "less_equal"}
	recordDelimiters = []string{"\n", "\t", ","}
	fieldDelimiters  = []string{"\t", ",", ";"}
)

const (
	maxCustomFields    = 200
	maxReqBodyFields   = 5
	maxRegexBytes      = 4096
	maxFilterValues    = 20
	maxDescribeLimit   = 1000
	defaultDescribeLim = 20
)

// isL7Access reports whether a LogType is the L7 access log (today's name
// or the legacy one).
func isL7Access(logType string) bool { return logType == "l7-access-logs" || logType == "domain" }

// isSecurityLog reports whether a LogType allows one task per entity at most.
func isSecurityLog(logType string) bool {
	return logType == "web-attack" || logType == "web-rateLiming" || logType == "web-rule" || logType == "web-bot"
}

func validateEnums(area, logType, taskType string) *apiError {
	if !slices.Contains(areas, area) {
		return errf("InvalidParameter.RealtimeLogInvalidDeliveryArea", "Area %q is invalid: use mainland or overseas.", area)
	}
	if !slices.Contains(logTypes, logType) && !slices.Contains(legacyLogTypes, logType) {
		return errf("InvalidParameter.RealtimeLogInvalidLogType", "LogType %q is invalid: use l7-access-logs, application, function or web-attack.", logType)
	}
	if !slices.Contains(taskTypes, taskType) {
		return errf("InvalidParameter.RealtimeLogInvalidTaskType", "TaskType %q is invalid: use cls, custom_endpoint, s3 or log_analysis.", taskType)
	}
	if taskType == "log_analysis" && !isL7Access(logType) && logType != "web-attack" {
		return errf("InvalidParameter.RealtimeLogInvalidTaskType", "TaskType log_analysis supports only LogType l7-access-logs (domain) or web-attack, not %q.", logType)
	}
	return nil
}

func validateTaskName(name string) *apiError {
	if !taskNameRE.MatchString(name) {
		return errf(codeInvalidParameterValue, "TaskName %q is invalid: up to 200 digits, letters, hyphens and underscores.", name)
	}
	return nil
}

// validateSample accepts 1..1000 and also 0, which Terraform's acceptance
// test sent and which reads back as "not set".
func validateSample(s uint64) *apiError {
	if s > 1000 {
		return errf(codeInvalidParameterValue, "Sample %d is out of range: per mille, 1-1000.", s)
	}
	return nil
}

func validateStrings(name string, list []string) *apiError {
	if len(list) == 0 {
		return errf(codeInvalidParameterValue, "%s must not be empty.", name)
	}
	seen := map[string]bool{}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			return errf(codeInvalidParameterValue, "%s.%d must not be empty.", name, i)
		}
		if seen[s] {
			return errf(codeInvalidParameterValue, "%s holds %q twice.", name, s)
		}
		seen[s] = true
	}
	return nil
}

func validateCustomFields(logType string, fields []CustomField) *apiError {
	if len(fields) == 0 {
		return nil
	}
	if !isL7Access(logType) {
		return errf(codeInvalidParameter, "CustomFields are supported only for LogType l7-access-logs (domain), not %q.", logType)
	}
	if len(fields) > maxCustomFields {
		return errf(codeLimitExceeded, "At most %d custom fields are allowed, got %d.", maxCustomFields, len(fields))
	}
	seen := map[string]bool{}
	bodies := 0
	for i, f := range fields {
		if f.Name == nil {
			return missing("CustomFields." + strconv.Itoa(i) + ".Name")
		}
		if f.Value == nil {
			return missing("CustomFields." + strconv.Itoa(i) + ".Value")
		}
		name, value := *f.Name, *f.Value
		switch name {
		case "ReqHeader", "RspHeader", "Cookie":
			if !headerNameRE.MatchString(value) {
				return errf(codeInvalidParameterValue, "CustomFields.%d.Value %q is not a valid %s name: 1-100 characters, starting with a letter, letters, digits and '-' in the middle, ending with a letter or digit.", i, value, name)
			}
		case "ReqBody":
			bodies++
			if len(value) == 0 || len(value) > maxRegexBytes {
				return errf(codeInvalidParameterValue, "CustomFields.%d.Value: a ReqBody regular expression must be 1-4096 bytes.", i)
			}
			if _, err := regexp.Compile(value); err != nil {
				return errf(codeInvalidParameterValue, "CustomFields.%d.Value is not a valid RE2 expression: %v", i, err)
			}
		default:
			return errf(codeInvalidParameterValue, "CustomFields.%d.Name %q is invalid: use ReqHeader, RspHeader, Cookie or ReqBody.", i, name)
		}
		key := name + "\x00" + value
		if seen[key] {
			return errf(codeInvalidParameterValue, "CustomFields holds %s %q twice: custom field names must be unique.", name, value)
		}
		seen[key] = true
	}
	if bodies > maxReqBodyFields {
		return errf("LimitExceeded.CustomLogFieldRegexLimitExceeded", "At most %d ReqBody custom fields are allowed per task, got %d.", maxReqBodyFields, bodies)
	}
	return nil
}

func validateExpressionFields(logType string, fields []CustomExpressionField) *apiError {
	if len(fields) == 0 {
		return nil
	}
	if !isL7Access(logType) {
		return errf(codeInvalidParameter, "CustomExpressionFields are supported only for LogType l7-access-logs (domain), not %q.", logType)
	}
	seen := map[string]bool{}
	for i, f := range fields {
		if f.Name == nil {
			return missing("CustomExpressionFields." + strconv.Itoa(i) + ".Name")
		}
		if f.Expression == nil {
			return missing("CustomExpressionFields." + strconv.Itoa(i) + ".Expression")
		}
		if !expressionFieldRE.MatchString(*f.Name) {
			return errf(codeInvalidParameterValue, "CustomExpressionFields.%d.Name %q is invalid: 1-100 letters, digits and underscores, starting with a letter.", i, *f.Name)
		}
		if seen[*f.Name] {
			return errf(codeInvalidParameterValue, "CustomExpressionFields holds the name %q twice.", *f.Name)
		}
		seen[*f.Name] = true
		if len(*f.Expression) == 0 || len(*f.Expression) > maxRegexBytes {
			return errf(codeInvalidParameterValue, "CustomExpressionFields.%d.Expression must be 1-4096 bytes.", i)
		}
	}
	return nil
}

func validateConditions(groups []DeliveryCondition) *apiError {
	for i, g := range groups {
		if len(g.Conditions) == 0 {
			return errf(codeInvalidParameterValue, "DeliveryConditions.%d.Conditions must not be empty.", i)
		}
		for j, c := range g.Conditions {
			p := "DeliveryConditions." + strconv.Itoa(i) + ".Conditions." + strconv.Itoa(j)
			if c.Key == nil {
				return missing(p + ".Key")
			}
			if c.Operator == nil {
				return missing(p + ".Operator")
			}
			if len(c.Value) == 0 {
				return missing(p + ".Value")
			}
			if aerr := validateCondition(p, *c.Key, *c.Operator, c.Value); aerr != nil {
				return aerr
			}
		}
	}
	return nil
}

func validateCondition(p, key, op string, values []string) *apiError {
	var allowed []string
	minStatus := int64(0)
	switch key {
	case "EdgeResponseStatusCode":
	case "OriginResponseStatusCode":
		minStatus = -1
	case "SecurityAction":
		allowed = securityActions
	case "SecurityModule":
		allowed = securityModules
	default:
		return errf(codeInvalidParameterValue, "%s.Key %q is invalid: use EdgeResponseStatusCode, OriginResponseStatusCode, SecurityAction or SecurityModule.", p, key)
	}
	if allowed != nil {
		if op != "equal" {
			return errf(codeInvalidParameterValue, "%s.Operator %q is invalid for %s: only equal.", p, op, key)
		}
		for _, v := range values {
			if !slices.Contains(allowed, v) {
				return errf(codeInvalidParameterValue, "%s.Value %q is not a valid %s.", p, v, key)
			}
		}
		return nil
	}
	if !slices.Contains(statusOperators, op) {
		return errf(codeInvalidParameterValue, "%s.Operator %q is invalid for %s: use equal, great, less, great_equal or less_equal.", p, op, key)
	}
	for _, v := range values {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < minStatus {
			return errf(codeInvalidParameterValue, "%s.Value %q is not a valid status code for %s (an integer >= %d).", p, v, key, minStatus)
		}
	}
	return nil
}

func validateLogFormat(taskType string, f *LogFormat) *apiError {
	if f == nil {
		return nil
	}
	if f.FormatType == nil {
		return missing("LogFormat.FormatType")
	}
	ft := *f.FormatType
	if !slices.Contains([]string{"json", "csv", "template"}, ft) {
		return errf("InvalidParameter.InvalidLogFormatFormatType", "LogFormat.FormatType %q is invalid: use json, csv or template.", ft)
	}
	if (taskType == "cls" || taskType == "log_analysis") && ft != "json" {
		return errf("InvalidParameter.InvalidLogFormatFormatType", "LogFormat.FormatType must be json for TaskType %s.", taskType)
	}
	if f.RecordDelimiter != nil && !slices.Contains(recordDelimiters, *f.RecordDelimiter) {
		return errf("InvalidParameter.InvalidLogFormatRecordDelimiter", `LogFormat.RecordDelimiter %q is invalid: use "\n", "\t" or ",".`, *f.RecordDelimiter)
	}
	if f.FieldDelimiter != nil && !slices.Contains(fieldDelimiters, *f.FieldDelimiter) {
		return errf("InvalidParameter.InvalidLogFormatFieldDelimiter", `LogFormat.FieldDelimiter %q is invalid: use "\t", "," or ";".`, *f.FieldDelimiter)
	}
	if f.RecordTemplate != nil {
		if ft != "template" {
			return errf(codeInvalidParameter, "LogFormat.RecordTemplate is used only with FormatType template.")
		}
		if len(*f.RecordTemplate) > maxRegexBytes {
			return errf(codeInvalidParameterValue, "LogFormat.RecordTemplate must be at most 4096 bytes.")
		}
	}
	if ft == "template" && (f.RecordTemplate == nil || *f.RecordTemplate == "") {
		return missing("LogFormat.RecordTemplate")
	}
	return nil
}

// validateEntities checks that every entity exists in the zone as the kind
// the LogType delivers: domains for L7 and security logs, L4 proxies for
// application, edge function instances for function.
func validateEntities(z *Zone, logType string, entities []string) *apiError {
	if aerr := validateStrings("EntityList", entities); aerr != nil {
		return aerr
	}
	kind, pool := "domain", z.Domains
	switch logType {
	case "application":
		kind, pool = "L4 proxy", z.L4Proxies
	case "function":
		kind, pool = "edge function instance", z.Functions
	}
	for _, e := range entities {
		if !slices.Contains(pool, e) {
			return errf(codeResourceNotFound, "The %s %s does not exist in zone %s.", kind, e, z.ID)
		}
	}
	return nil
}
