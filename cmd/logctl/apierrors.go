package main

import (
	"errors"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
)

// explainAPIError adds what to check to a failed API call, by class.
func explainAPIError(err error) error {
	switch {
	case errors.Is(err, apierr.ErrAuth):
		return fmt.Errorf("%w\ncheck the credentials: TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY (Tencent Cloud), HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK (Huawei Cloud)", err)
	case errors.Is(err, apierr.ErrThrottled):
		return fmt.Errorf("%w\nthe API kept refusing calls over its rate limit after every retry; try again later or with less parallelism", err)
	case errors.Is(err, apierr.ErrUnavailable), errors.Is(err, apierr.ErrOutcomeUnknown):
		return fmt.Errorf("%w\ncheck the network and the endpoint (LOGCTL_TENCENT_ENDPOINT, LOGCTL_HUAWEI_ENDPOINT when set)", err)
	}
	return err
}
