"""Probes: required config is filled for the baseline, the second stack really is another."""

from __future__ import annotations

import textwrap

from harness.capture import Worker
from harness.probes import default_capture, plausible_value, run_probes
from harness.program import Program

SOURCE = textwrap.dedent('''
    import pulumi
    import pulumi_aws as aws
    from lib.net import Net

    config = pulumi.Config()
    env = config.require("environment")
    region = config.require("primaryRegion")
    Net(f"{env}-net", env)
''')

NET = textwrap.dedent('''
    import pulumi
    import pulumi_aws as aws

    class Net(pulumi.ComponentResource):
        def __init__(self, name, environment, opts=None):
            super().__init__("demo:Net", name, None, opts)
            aws.ec2.Vpc(f"{environment}-vpc", cidr_block="10.0.0.0/16",
                        opts=pulumi.ResourceOptions(parent=self))
''')

PROGRAM = Program(files={"__main__.py": SOURCE, "lib/__init__.py": "", "lib/net.py": NET},
                  entry="__main__.py", origin="test")


def test_probes_fill_required_config_and_change_environment(worker: Worker) -> None:
    graphs = run_probes(PROGRAM, default_capture(worker))
    assert graphs["empty_config"].status == "config_missing"
    baseline = graphs["baseline"]
    assert baseline.status == "ok"
    assert baseline.settings.config == {"environment": "dev", "primaryRegion": "us-east-1"}
    assert any("config filled for required keys" in n for n in baseline.notes)
    second = graphs["second_env"]
    assert second.settings.config["environment"] == "prod"
    assert any(r.name == "prod-vpc" for r in second.resources.values())
    # An unannotated argument gets None, not a marker object the SDK trips over.
    bad = graphs["bad_args:Net"]
    assert bad.status == "ok" and any(r.name == "None-vpc" for r in bad.resources.values())


def test_plausible_values_follow_the_key_and_the_method() -> None:
    assert plausible_value("tap:secondaryRegion", "require") == "eu-west-1"
    assert plausible_value("tap:vpcCidr", "require") == "10.0.0.0/16"
    assert plausible_value("tap:minSize", "require_int") == "2"
    assert plausible_value("tap:enableWaf", "require_bool") == "true"


def test_second_stack_avoids_the_environment_the_project_defaults_to(worker: Worker) -> None:
    source = ('import pulumi\nimport pulumi_aws as aws\n'
              'env = pulumi.Config().get("environmentSuffix")\n'
              'aws.s3.Bucket(f"logs-{env}", bucket=f"logs-{env}")\n')
    yaml = "name: demo\nruntime: python\nconfig:\n  environmentSuffix:\n    default: prod\n"
    program = Program(files={"__main__.py": source, "Pulumi.yaml": yaml}, entry="__main__.py")
    graphs = run_probes(program, default_capture(worker), {"second_env"})
    assert graphs["baseline"].settings.config["environmentSuffix"] == "prod"
    second = graphs["second_env"]
    assert second.settings.stack == "staging"
    assert [r.inputs["bucket"] for r in second.custom_resources()] == ["logs-staging"]


def test_bad_args_pass_none_for_a_resource_typed_argument(worker: Worker) -> None:
    net = ("import pulumi\nimport pulumi_aws as aws\n\n"
           "class Cdn(pulumi.ComponentResource):\n"
           "    def __init__(self, name: str, environment: str, bucket: aws.s3.Bucket,\n"
           "                 opts=None):\n"
           "        if not environment:\n"
           "            raise ValueError('environment is required')\n"
           "        super().__init__('demo:Cdn', name, None, opts)\n")
    main = "import pulumi_aws as aws\nimport lib.cdn\naws.s3.Bucket('site')\n"
    program = Program(files={"__main__.py": main, "lib/__init__.py": "",
                             "lib/cdn.py": net}, entry="__main__.py")
    graphs = run_probes(program, default_capture(worker), {"bad_args:"})
    probe = graphs["bad_args:Cdn"]
    assert probe.error is not None and probe.error.type == "ValueError"
    assert probe.error.location is not None and probe.error.location.file == "lib/cdn.py"
