"""Per-service builders of computed outputs, keyed by short type (`s3/bucket`) for AWS
and by full token for other packages (`random:index/randomPassword:RandomPassword`)."""

from __future__ import annotations

from harness.mocks.outputs import compute, generated, identity, integration, network, storage
from harness.mocks.request import Builder

BUILDERS: dict[str, Builder] = {
    **network.BUILDERS,
    **storage.BUILDERS,
    **compute.BUILDERS,
    **identity.BUILDERS,
    **integration.BUILDERS,
    **generated.BUILDERS,
}
