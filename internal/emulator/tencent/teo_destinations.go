package tencent

import (
	"net/url"
	"strconv"
)

// Destination blocks of a delivery task (edgeone-logs.md §7): CLS,
// CustomEndpoint and S3.

func validateHTTPURL(name, raw string) *apiError {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errf(codeInvalidParameterValue, "%s %q must be an http:// or https:// URL.", name, raw)
	}
	return nil
}

func validateCompress(name string, s *string) *apiError {
	if s != nil && *s != "" && *s != "gzip" {
		return errf(codeInvalidParameterValue, "%s %q is invalid: gzip or empty.", name, *s)
	}
	return nil
}

func validateCustomEndpoint(e *CustomEndpoint) *apiError {
	if e.Url == nil {
		return missing("CustomEndpoint.Url")
	}
	if aerr := validateHTTPURL("CustomEndpoint.Url", *e.Url); aerr != nil {
		return aerr
	}
	if aerr := validateCompress("CustomEndpoint.CompressType", e.CompressType); aerr != nil {
		return aerr
	}
	if e.Protocol != nil && *e.Protocol != "" && *e.Protocol != "http" && *e.Protocol != "https" {
		return errf(codeInvalidParameterValue, "CustomEndpoint.Protocol %q is invalid: http or https.", *e.Protocol)
	}
	for i, hd := range e.Headers {
		if hd.Name == nil || *hd.Name == "" {
			return missing("CustomEndpoint.Headers." + strconv.Itoa(i) + ".Name")
		}
		if hd.Value == nil {
			return missing("CustomEndpoint.Headers." + strconv.Itoa(i) + ".Value")
		}
	}
	return nil
}

func validateS3(s *S3) *apiError {
	for _, f := range []struct {
		name string
		v    *string
	}{{"Endpoint", s.Endpoint}, {"Region", s.Region}, {"Bucket", s.Bucket}, {"AccessId", s.AccessId}, {"AccessKey", s.AccessKey}} {
		if f.v == nil || *f.v == "" {
			return missing("S3." + f.name)
		}
	}
	if aerr := validateHTTPURL("S3.Endpoint", *s.Endpoint); aerr != nil {
		return aerr
	}
	return validateCompress("S3.CompressType", s.CompressType)
}

// validateCLS checks a CLS destination against the world: the log set must
// exist in LogSetRegion and hold the topic.
func (w *World) validateCLS(c *CLSTopic) *apiError {
	for _, f := range []struct {
		name string
		v    *string
	}{{"LogSetId", c.LogSetId}, {"TopicId", c.TopicId}, {"LogSetRegion", c.LogSetRegion}} {
		if f.v == nil || *f.v == "" {
			return missing("CLS." + f.name)
		}
	}
	ls, topic := w.logSetTopic(*c.LogSetRegion, *c.LogSetId, *c.TopicId)
	if !ls {
		return errf(codeResourceNotFound, "The CLS log set %s does not exist in region %s.", *c.LogSetId, *c.LogSetRegion)
	}
	if !topic {
		return errf(codeResourceNotFound, "The CLS topic %s does not exist in log set %s.", *c.TopicId, *c.LogSetId)
	}
	return nil
}
