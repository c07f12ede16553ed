"""The integrity guard flags tampering and nothing else."""

from __future__ import annotations

from harness.capture import Worker, capture
from harness.program import Program


def run(worker: Worker, body: str) -> tuple[str, list[str]]:
    program = Program(files={"__main__.py": "import pulumi\nimport pulumi_aws as aws\n" + body},
                      entry="__main__.py")
    graph = capture(program, worker=worker)
    return graph.status, graph.notes


def test_resource_references_rebuilt_by_the_sdk_are_not_tampering(worker: Worker) -> None:
    # Passing the VPC object itself makes the engine hand back a reference, which the
    # SDK rebuilds as a resource object by URN: a construction with no registration.
    status, notes = run(worker, 'vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16")\n'
                                'aws.ec2.Subnet("s", vpc_id=vpc, cidr_block="10.0.1.0/24")\n'
                                'aws.ec2.Subnet("t", vpc_id=vpc, cidr_block="10.0.2.0/24")\n')
    assert status == "ok" and not [n for n in notes if n.startswith("integrity")]


def test_replacing_the_recorder_is_flagged(worker: Worker) -> None:
    status, notes = run(worker, "import harness.capture.monitor as m\n"
                                "m.RecordingMonitor._record = lambda *a, **k: None\n"
                                'aws.s3.Bucket("b")\n')
    assert status == "runtime_error"
    assert "integrity: the program replaced harness.capture.monitor.RecordingMonitor._record" \
        in notes
