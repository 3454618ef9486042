package lts

import (
	"context"
	"fmt"
	"net/http"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	ltsv2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
	"github.com/logctl/logctl/internal/apierr"
)

// ListTransfers pages defensively. The vendor page documents offset
// (0..1024) and limit (0..100) on GET /v2/{project_id}/transfers; the
// vendor's Terraform provider observes that the server ignores them and
// returns everything in one page (huawei-lts-transfer.md §5, §8; which
// reading holds is UNCONFIRMED). Either way this reads every transfer once,
// asking offset after offset until a page adds nothing:
//   - an empty page ends the list (the paged reading; a short page does
//     not, since the server may cap a page below the limit asked for);
//   - a page that adds no transfer not seen before means the offset is
//     ignored and the list repeats (the unpaged reading);
//   - transfers are deduplicated by id, in case the list moves between
//     pages.
//
// The price of not assuming is one call more than the pages hold.
// A listing that never ends is cut at maxListPages with an error rather
// than grown without bound.
const (
	listPageSize = 100
	maxListPages = 200 // 20,000 transfers; the response documents at most 10,000
)

// pageRequest is ListTransfersRequest with the documented offset and limit,
// which the SDK's model lacks. Field names are the request definition's.
type pageRequest struct {
	LogTransferType *model.ListTransfersRequestLogTransferType `json:"log_transfer_type,omitempty"`
	LogGroupName    *string                                    `json:"log_group_name,omitempty"`
	LogStreamName   *string                                    `json:"log_stream_name,omitempty"`
	Offset          *int32                                     `json:"offset,omitempty"`
	Limit           *int32                                     `json:"limit,omitempty"`
}

func pageRequestDef() *def.HttpRequestDef {
	b := def.NewHttpRequestDefBuilder().WithMethod(http.MethodGet).
		WithPath("/v2/{project_id}/transfers").
		WithResponse(new(model.ListTransfersResponse)).
		WithContentType("application/json")
	for name, tag := range map[string]string{"LogTransferType": "log_transfer_type", "LogGroupName": "log_group_name",
		"LogStreamName": "log_stream_name", "Offset": "offset", "Limit": "limit"} {
		b.WithRequestField(def.NewFieldDef().WithName(name).WithJsonTag(tag).WithLocationType(def.Query))
	}
	return b.Build()
}

// ListTransfers lists every transfer matching req's filters (nil: all),
// reading page after page as described above.
func (a *API) ListTransfers(ctx context.Context, req *model.ListTransfersRequest) ([]model.CreateTransferResponseBody, error) {
	if req == nil {
		req = &model.ListTransfersRequest{}
	}
	var out []model.CreateTransferResponseBody
	seen := map[string]bool{}
	offset := 0
	for range maxListPages {
		page, err := a.listPage(ctx, req, offset, listPageSize)
		if err != nil {
			return nil, err
		}
		added := 0
		for _, t := range page {
			if !seen[t.LogTransferId] {
				seen[t.LogTransferId] = true
				out = append(out, t)
				added++
			}
		}
		if added == 0 {
			return out, nil
		}
		offset += len(page)
	}
	return nil, fmt.Errorf("lts ListTransfers: the listing did not end after %d pages of %d (%d transfers): refusing to read on: %w",
		maxListPages, listPageSize, len(out), apierr.ErrInvalid)
}

func (a *API) listPage(ctx context.Context, req *model.ListTransfersRequest, offset, limit int) ([]model.CreateTransferResponseBody, error) {
	off, lim := int32(offset), int32(limit)
	pr := &pageRequest{LogTransferType: req.LogTransferType, LogGroupName: req.LogGroupName,
		LogStreamName: req.LogStreamName, Offset: &off, Limit: &lim}
	var resp *model.ListTransfersResponse
	err := a.call(ctx, "ListTransfers", func(c *ltsv2.LtsClient) error {
		r, err := c.HcClient.Sync(pr, pageRequestDef())
		if err == nil {
			resp = r.(*model.ListTransfersResponse)
		}
		return err
	})
	if err != nil || resp.LogTransfers == nil {
		return nil, err
	}
	return *resp.LogTransfers, nil
}
