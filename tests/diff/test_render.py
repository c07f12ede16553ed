"""The text view: sections in order, grouped by type, values shortened."""

from __future__ import annotations

from harness.diff import diff, render_text
from harness.diff.render import short

from .factory import tap_stack


def test_sections_come_in_order_with_paths_and_values() -> None:
    model = tap_stack(web_cidr="10.0.0.0/16", provider_under_component=False)
    model.add("aws:sqs/queue:Queue", "jobs", {"delaySeconds": 5})
    reference = tap_stack(program_hash="reference")
    text = render_text(diff(model.build(), reference.build()))
    order = [
        text.index(s) for s in ("Missing: 0", "Extra: 1", "Changed: 1", "Structure: 1", "Figures")
    ]
    assert order == sorted(order)
    assert "  aws:sqs/queue:Queue\n    + jobs\n" in text
    assert (
        '      ~ ingress[0].cidrBlocks: model ["10.0.0.0/16"], reference ["10.0.3.0/24"]\n' in text
    )
    assert "parent: model under the stack, reference under tap:stack:TapStack::TapStackdev" in text
    assert "similarity          0.9" in text


def test_long_values_are_cut_and_urns_shortened() -> None:
    assert short("x" * 200).endswith("...") and len(short("x" * 200)) == 80
    urn = "urn:pulumi:dev::tap::tap:stack:TapStack$aws:s3/bucketV2:BucketV2::logs"
    assert short(urn) == "aws:s3/bucketV2:BucketV2::logs"
    assert short(f"${{{urn}}}.arn/*") == '"${aws:s3/bucketV2:BucketV2::logs}.arn/*"'
